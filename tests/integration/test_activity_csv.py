import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import csv_files
from regions.activity import csv_import
from regions.activity.kinds import CHAMPIONS, ENGAGEMENT, TRAINING
from regions.models import (
    ChampionRecruitment,
    CultureAssessment,
    OrganisationEngagement,
    TrainingRecord,
)
from reporting.models import PendingRollup
from tests.factories import OrganisationFactory, region

TRAINING_HEADER = (
    "date,course,training_type,qi_level,people_trained,patients_trained,organisation_ods_code"
)


def upload_url(kind: str, slug="wessex") -> str:
    return reverse("activity:csv_upload", args=[slug, kind])


def upload(client, kind: str, content: bytes, slug="wessex", name="records.csv"):
    return client.post(
        upload_url(kind, slug), {"file": SimpleUploadedFile(name, content, content_type="text/csv")}
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def report(response) -> list[tuple[str, str, str]]:
    """The problem table's rows: (line, column, message)."""
    table = text(response).split('id="problems"')[1].split("</table>")[0]
    cells = re.findall(r'<td class="nhsuk-table__cell">(.*?)</td>', table, re.S)
    return [tuple(cells[i : i + 3]) for i in range(0, len(cells), 3)]


@pytest.fixture
def southampton(db):
    return OrganisationFactory(
        name="Southampton General Hospital", ods_code="RHM", region=region("wessex")
    )


# Good files -----------------------------------------------------------------------------


def test_a_good_file_saves_every_row(client_for, wessex_lead, southampton):
    PendingRollup.objects.all().delete()
    content = (
        "\ufeffdate,kind,count\r\n"  # Excel's byte order mark is tolerated
        "2016-06-01,patient_safety_champion,12\r\n"
        "14/11/2016,Q fellow,2\r\n"  # a UK date and a label, as Excel leaves them
        "2017-04-03,QI_EXPERT,1\r\n"
        "\r\n"
    ).encode()
    response = upload(client_for(wessex_lead), "champions", content)
    assert response.status_code == 302
    assert response["Location"] == reverse("activity:list", args=["wessex", "champions"])
    saved = ChampionRecruitment.objects.order_by("date")
    assert [(r.date.isoformat(), r.kind, r.count) for r in saved] == [
        ("2016-06-01", "patient_safety_champion", 12),
        ("2016-11-14", "q_fellow", 2),
        ("2017-04-03", "qi_expert", 1),
    ]
    assert {r.region.slug for r in saved} == {"wessex"}
    assert {r.created_by for r in saved} == {wessex_lead}
    assert {r.history.get().history_user for r in saved} == {wessex_lead}
    assert set(PendingRollup.objects.values_list("scope", "financial_year")) == {
        ("wessex", "2016-17"),
        ("wessex", "2017-18"),
    }
    page = text(client_for(wessex_lead).get(response["Location"]))
    assert "The file is saved: 3 champion recruitments added." in page


def test_a_training_file_resolves_ods_codes_from_any_region(client_for, wessex_lead, southampton):
    OrganisationFactory(name="John Radcliffe Hospital", ods_code="RTH", region=region("oxford"))
    content = (
        f"{TRAINING_HEADER}\n"
        "2016-06-01,QI bronze,qi_capability,bronze,20,2,rhm\n"
        "2016-07-01,Human factors,human_factors,,15,,RTH\n"
        "2016-08-01,Safety culture,Safety culture / cultural awareness,,9,0,\n"
    ).encode()
    response = upload(client_for(wessex_lead), "training", content)
    assert response.status_code == 302
    records = TrainingRecord.objects.order_by("date")
    assert [
        (r.course, r.qi_level, r.patients_trained, r.organisation and r.organisation.ods_code)
        for r in records
    ] == [
        ("QI bronze", "bronze", 2, "RHM"),
        ("Human factors", "", 0, "RTH"),
        ("Safety culture", "", 0, None),
    ]


def test_columns_may_come_in_any_order(client_for, wessex_lead, southampton):
    content = b"tool,date,Organisation ODS code,team\nSCORE survey,2016-06-01,RHM,Ward 7\n"
    assert upload(client_for(wessex_lead), "culture", content).status_code == 302
    assert CultureAssessment.objects.get().organisation == southampton


# A bad row: nothing saved, every problem named by line and column -----------------------


def test_a_file_with_one_bad_row_saves_nothing(client_for, wessex_lead, southampton):
    PendingRollup.objects.all().delete()
    content = (
        f"{TRAINING_HEADER}\n"
        "2016-06-01,QI bronze,qi_capability,bronze,20,2,RHM\n"
        "2016-06-02,Human factors,human_factors,gold,10,11,\n"
        "2016-06-03,Measurement,measurement,,12,0,\n"
    ).encode()
    response = upload(client_for(wessex_lead), "training", content)
    assert response.status_code == 200
    assert not TrainingRecord.objects.exists()
    assert not PendingRollup.objects.exists()
    page = text(response)
    assert "Nothing was saved: the file has 2 problems" in page
    assert report(response) == [
        (
            "3",
            "qi_level",
            "Only QI capability training has a level: leave the QI capability "
            "level blank, or choose QI capability as the training type",
        ),
        (
            "3",
            "patients_trained",
            "The number of patients or carers (11) cannot be more than "
            "the number of people trained (10), which includes them",
        ),
    ]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("2099-01-01,q_fellow,2", "date", "The date recruited cannot be in the future"),
        ("2009-12-31,q_fellow,2", "date", "The date recruited must be on or after 1 January 2010"),
        ("31/02/2016,q_fellow,2", "date", "Enter the date recruited as a real date"),
        (",q_fellow,2", "date", "Enter the date recruited"),
        ("2016-06-01,q_fellow,-4", "count", "The number recruited must be 1 or more"),
        ("2016-06-01,q_fellow,two", "count", "Enter the number recruited as a whole number"),
        (
            "2016-06-01,fellow,2",
            "kind",
            "“fellow” is not a kind: use one of patient_safety_champion, q_fellow, qi_expert",
        ),
        ("2016-06-01,q_fellow,2,extra", "row", "This row has 4 cells but the header has 3 columns"),
    ],
)
def test_each_bad_cell_is_reported_by_line_and_column(
    client_for, wessex_lead, row, column, message
):
    content = f"date,kind,count\n2016-05-01,qi_expert,1\n{row}\n".encode()
    response = upload(client_for(wessex_lead), "champions", content)
    assert response.status_code == 200
    [(line, named, said)] = report(response)
    assert (line, named) == ("3", column)
    assert said.startswith(message)
    assert not ChampionRecruitment.objects.exists()


def test_an_organisation_twice_in_one_file_or_already_engaged_is_reported(
    client_for, wessex_lead, southampton
):
    OrganisationFactory(name="Poole Hospital", ods_code="RD3", region=region("wessex"))
    OrganisationFactory(name="Salisbury District Hospital", ods_code="RNZ", region=region("wessex"))
    client = client_for(wessex_lead)
    assert (
        upload(
            client,
            "engagement",
            b"organisation_ods_code,first_engaged,route\nRNZ,2016-05-01,project\n",
        ).status_code
        == 302
    )
    content = (
        b"organisation_ods_code,first_engaged,route\n"
        b"RHM,2016-06-01,project\n"
        b"RD3,2016-06-01,network\n"
        b"rhm,2016-09-01,training\n"
        b"RNZ,2016-09-01,training\n"
        b",2016-09-01,training\n"
        b"NOPE1,2016-09-01,training\n"
    )
    response = upload(client, "engagement", content)
    assert [(line, column) for line, column, _ in report(response)] == [
        ("4", "organisation_ods_code"),
        ("5", "organisation_ods_code"),
        ("6", "organisation_ods_code"),
        ("7", "organisation_ods_code"),
    ]
    messages = [message for _, _, message in report(response)]
    assert messages[0] == "This organisation is also on line 2: an organisation is engaged once"
    assert messages[1].startswith("Wessex already recorded Salisbury District Hospital")
    assert messages[2] == "Select the organisation engaged, or enter its ODS code"
    assert messages[3].startswith("No organisation in the register has the ODS code NOPE1")
    assert OrganisationEngagement.objects.count() == 1


# Files refused as a whole ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"when,kind,count\n2016-06-01,q_fellow,2\n",
            "The header has a column these records do not use: “when”. The first line must be the "
            "header date,kind,count.",
        ),
        (b"date,kind\n2016-06-01,q_fellow\n", "The header has no “count” column."),
        (b"date,kind,count,count\n", "The header names the column “count” twice."),
        (b"", "The file is empty"),
        (b"date,kind,count\n\n", "The file has a header but no rows of data."),
        (
            "date,kind,count\n2016-06-01,Q fellow,2\n2016-06-01,Fellów,2\n".encode("latin-1"),
            "The file is not UTF-8 text.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_one_sentence(
    client_for, wessex_lead, content, message
):
    response = upload(client_for(wessex_lead), "champions", content)
    assert response.status_code == 200
    assert message in text(response)
    assert 'id="problems"' not in text(response)
    assert not ChampionRecruitment.objects.exists()


def test_a_file_over_2_mb_is_refused(client_for, wessex_lead):
    row = "2016-06-01,q_fellow,2," + "x" * 100 + "\n"
    content = ("date,kind,count\n" + row * (2 * 1024 * 1024 // len(row) + 1)).encode()
    response = upload(client_for(wessex_lead), "champions", content)
    assert "The file is bigger than 2 MB" in text(response)
    assert not ChampionRecruitment.objects.exists()


def test_a_file_over_5000_rows_is_refused(client_for, wessex_lead):
    content = ("date,kind,count\n" + "2016-06-01,q_fellow,2\n" * 5001).encode()
    response = upload(client_for(wessex_lead), "champions", content)
    assert "The file has more than 5,000 rows" in text(response)
    assert not ChampionRecruitment.objects.exists()


def test_an_upload_without_a_file_asks_for_one(client_for, wessex_lead):
    response = client_for(wessex_lead).post(upload_url("champions"), {})
    assert "Choose a CSV file to upload" in text(response)


# Who may upload, and the template ---------------------------------------------------------


def test_another_regions_lead_cannot_upload(client_for, oxford_lead):
    response = upload(
        client_for(oxford_lead), "champions", b"date,kind,count\n2016-06-01,q_fellow,2\n"
    )
    assert response.status_code == 403
    assert "Only leads of Wessex and national admins" in text(response)
    assert not ChampionRecruitment.objects.exists()


def test_a_national_viewer_cannot_open_the_upload_page(client_for, national_viewer):
    assert client_for(national_viewer).get(upload_url("training")).status_code == 403


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        ("training", TRAINING_HEADER),
        ("champions", "date,kind,count"),
        ("engagement", "organisation_ods_code,first_engaged,route"),
        ("culture", "team,organisation_ods_code,date,tool"),
    ],
)
def test_the_template_download_has_the_header(client_for, frontline_member, kind, header):
    response = client_for(frontline_member).get(
        reverse("activity:csv_template", args=["wessex", kind])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="wessex-{kind}-template.csv"' in response["Content-Disposition"]
    assert response.content.decode() == header + "\r\n"


def test_the_upload_page_explains_every_column(client_for, wessex_lead):
    page = text(client_for(wessex_lead).get(upload_url("training")))
    assert f"<code>{TRAINING_HEADER}</code>" in page
    for column in TRAINING_HEADER.split(","):
        assert f"<code>{column}</code>" in page
    assert (
        "qi_capability, safety_culture, safety_leadership, measurement, human_factors, "
        "other" in page
    )


# The reader on its own ---------------------------------------------------------------------


def test_the_template_round_trips_through_the_reader():
    for kind in (TRAINING, CHAMPIONS, ENGAGEMENT):
        with pytest.raises(csv_files.Unreadable, match="The file has a header but no rows"):
            csv_files.read_text(csv_import.template_csv(kind), csv_import.expected_for(kind))
