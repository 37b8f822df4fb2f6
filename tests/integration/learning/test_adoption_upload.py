"""Uploading adoptions as a CSV file: every row saved or none, each problem named by line."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.adoption_csv import EXPECTED
from learning.models import Adoption
from tests.factories import (
    AdoptionFactory,
    ChangeEntryFactory,
    OrganisationFactory,
    ProgrammeFactory,
    region,
)

pytestmark = pytest.mark.django_db

HEADER = EXPECTED.header
URL = reverse("learning:adoption_upload")


@pytest.fixture(autouse=True)
def catalogue():
    ChangeEntryFactory(slug="early-warning")
    ProgrammeFactory(slug="elpquic")
    OrganisationFactory(name="Wessex General", ods_code="RWX", region=region("wessex"))
    OrganisationFactory(name="Wessex Royal", ods_code="RWY", region=region("wessex"))


def upload(client, text: str | bytes, **data):
    content = text.encode() if isinstance(text, str) else text
    return client.post(URL, {"file": SimpleUploadedFile("adoptions.csv", content), **data})


def csv(*lines: str) -> str:
    return "\r\n".join([HEADER, *lines]) + "\r\n"


def problems(response) -> list[tuple[int, str]]:
    """(line, column) of each row of the problem table."""
    import re

    table = response.content.decode().split('id="problem-table"')[1].split("</table>")[0]
    cells = re.findall(r'<td class="nhsuk-table__cell">(.*?)</td>', table, flags=re.S)
    return [(int(cells[i]), cells[i + 1]) for i in range(0, len(cells), 3)]


GOOD = "RWX,early-warning,,2017-01-09,testing,elsewhere,,,"


def test_a_good_file_saves_every_row(client_for, wessex_lead):
    response = upload(client_for(wessex_lead), csv(GOOD, "RWY,,elpquic,2017-02-01,implemented,,,,"))
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:adoption_list")
    assert Adoption.objects.count() == 2
    page = client_for(wessex_lead).get(response["Location"]).content.decode()
    assert "The file was saved: 2 new adoptions, 0 updated and 0 unchanged" in page


def test_one_bad_row_saves_nothing_and_names_the_line(client_for, wessex_lead):
    response = upload(
        client_for(wessex_lead),
        csv(
            GOOD,
            "RWY,early-warning,,2017-13-01,testing,,,,",
            "RWY,elsewhere-change,,2017-01-01,testing,,,,",
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved: the file has 2 problems" in html
    assert problems(response) == [(3, "adopted_on"), (4, "change")]
    assert "“2017-13-01” is not a date" in html
    assert "There is no change in the catalogue called “elsewhere-change”" in html
    assert not Adoption.objects.exists()


def test_check_only_saves_nothing_and_says_what_it_would_do(client_for, wessex_lead):
    AdoptionFactory(
        organisation=OrganisationFactory(ods_code="RWZ", region=region("wessex")),
        entry=ChangeEntryFactory(slug="other"),
        adopted_on=date(2017, 1, 1),
        status="testing",
    )
    response = upload(
        client_for(wessex_lead), csv(GOOD, "RWZ,other,,2017-01-01,sustained,,,,"), check_only="on"
    )
    html = response.content.decode()
    assert (
        "The file has no problems. Nothing was saved: it would record 1 new adoption, "
        "1 updated and 0 unchanged" in html
    )
    assert Adoption.objects.count() == 1 and Adoption.objects.get().status == "testing"


def test_an_empty_file(client_for, wessex_lead):
    response = upload(client_for(wessex_lead), b"\r\n")
    assert "The file is empty" in response.content.decode()


def test_a_header_with_no_rows(client_for, wessex_lead):
    assert "header but no rows" in upload(client_for(wessex_lead), csv()).content.decode()


def test_wrong_headers_are_named(client_for, wessex_lead):
    html = upload(client_for(wessex_lead), "ods,change\r\nRWX,early-warning\r\n").content.decode()
    assert "a column adoptions do not use: “ods”" in html
    missing = HEADER.replace(",source_note", "")
    html = upload(client_for(wessex_lead), missing + "\r\n" + GOOD[:-1] + "\r\n").content.decode()
    assert "The header has no “source_note” column" in html
    assert not Adoption.objects.exists()


def test_a_byte_order_mark_is_read_as_excel_writes_it(client_for, wessex_lead):
    response = upload(client_for(wessex_lead), "\ufeff".encode() + csv(GOOD).encode())
    assert response.status_code == 302 and Adoption.objects.count() == 1


def test_a_file_that_is_not_utf8(client_for, wessex_lead):
    html = upload(client_for(wessex_lead), csv(GOOD + "Caf\xe9").encode("latin-1")).content.decode()
    assert "not UTF-8" in html


def test_a_nul_byte_is_a_problem_not_a_crash(client_for, wessex_lead):
    response = upload(client_for(wessex_lead), csv(GOOD + "note\x00"))
    assert problems(response) == [(2, "source_note")]
    assert not Adoption.objects.exists()


def test_unknown_ods_code_and_upper_casing(client_for, wessex_lead):
    response = upload(
        client_for(wessex_lead),
        csv(
            "rwx,early-warning,,2017-01-09,testing,,,,",
            "XXX99,early-warning,,2017-01-09,testing,,,,",
        ),
    )
    assert problems(response) == [(3, "organisation")]
    assert "There is no organisation with the ODS code “XXX99”" in response.content.decode()


def test_both_change_and_package(client_for, wessex_lead):
    response = upload(
        client_for(wessex_lead), csv("RWX,early-warning,elpquic,2017-01-09,testing,,,,")
    )
    assert problems(response) == [(2, "package")]
    assert "not both" in response.content.decode()


def test_too_many_cells_in_a_row(client_for, wessex_lead):
    response = upload(client_for(wessex_lead), csv(GOOD, GOOD.replace("RWX", "RWY") + ",extra"))
    assert problems(response) == [(3, "row")]
    assert not Adoption.objects.exists()


def test_a_row_for_another_regions_organisation_is_refused(client_for, oxford_lead):
    response = upload(client_for(oxford_lead), csv(GOOD))
    assert problems(response) == [(2, "organisation")]
    assert "You cannot record adoptions for Wessex General" in response.content.decode()
    assert not Adoption.objects.exists()


def test_blank_lines_and_uk_dates(client_for, wessex_lead):
    response = upload(
        client_for(wessex_lead), csv(GOOD.replace("2017-01-09", "09/01/2017"), "", "")
    )
    assert response.status_code == 302
    assert Adoption.objects.get().adopted_on == date(2017, 1, 9)


def test_the_template_file(client_for, wessex_lead):
    response = client_for(wessex_lead).get(reverse("learning:adoption_upload_template"))
    assert response["Content-Type"].startswith("text/csv")
    assert "adoptions-template.csv" in response["Content-Disposition"]
    assert response.content.decode().splitlines()[0] == HEADER


def test_the_upload_page_explains_the_columns(client_for, wessex_lead):
    html = client_for(wessex_lead).get(URL).content.decode()
    assert HEADER in html and "Check the file only" in html
