"""A measure's data, phases and notes as CSV and XLSX, from its page and from the API."""

import csv
import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from measurement.analysis import analyse_measure
from measurement.downloads import csv_safe
from measurement.services.data import data_points_upsert
from measurement.services.events import events_upsert
from measurement.services.notes import note_add
from measurement.services.phases import rebase_add
from projects.models import ProjectRole
from tests.factories import (
    MeasureFactory,
    ProjectFactory,
    ProjectMemberFactory,
    UserFactory,
    region,
)

MONDAY = date(2024, 1, 1)
NUMERATORS = [17, 18, 16, 17, 19, 18, 25, 26, 27, 25, 26, 28]
PHASE_START = MONDAY + timedelta(weeks=6)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def week(n: int) -> date:
    return MONDAY + timedelta(weeks=n)


@pytest.fixture
def project(db, frontline_member):
    project = ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))
    ProjectMemberFactory(project=project, user=frontline_member, role=ProjectRole.MEMBER)
    return project


@pytest.fixture
def author(db):
    return UserFactory(username="ann.smith", first_name="Ann", last_name="Smith")


@pytest.fixture
def measure(project, wessex_lead, author):
    ProjectMemberFactory(project=project, user=author, role=ProjectRole.MEMBER)
    measure = MeasureFactory(
        project=project,
        name="Risk assessments done",
        data_type="proportion",
        chart="p",
        rules="mdc",
        unit="%",
        multiplier=100,
        definition="Patients assessed within 6 hours of admission",
    )
    add_weeks(wessex_lead, measure, NUMERATORS)
    rebase_add(by=wessex_lead, measure=measure, start=PHASE_START, reason="New falls bundle")
    note_add(by=author, measure=measure, period=week(2), text="Agency staff on nights")
    note_add(by=author, measure=measure, period=week(7), text='=HYPERLINK("http://evil","x")')
    return measure


def add_weeks(by, measure, numerators, first=0):
    rows = [
        {"period": week(first + i).isoformat(), "numerator": n, "denominator": 40}
        for i, n in enumerate(numerators)
    ]
    data_points_upsert(by=by, measure=measure, rows=rows)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def workbook(response):
    return openpyxl.load_workbook(io.BytesIO(response.content))


def sheet_rows(book, title) -> list[list]:
    return [list(row) for row in book[title].iter_rows(values_only=True)]


def page_file(client, measure, file_format):
    return client.get(reverse("measurement:measure_data", args=[measure.pk, file_format]))


def api_file(user, measure, file_format):
    api = APIClient()
    api.force_login(user)
    return api.get(reverse(f"measure-{file_format}", args=[measure.pk]))


def test_the_csv_holds_every_point_with_its_phase_chart_signals_and_notes(
    client_for, frontline_member, measure
):
    response = page_file(client_for(frontline_member), measure, "csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        (response["Content-Disposition"]) == 'attachment; filename="risk-assessments-done-data.csv"'
    )
    header, *rows = csv_rows(response)
    assert header == [
        "Period",
        "Value (%)",
        "Numerator",
        "Denominator",
        "Phase",
        "Phase starts",
        "Phase reason",
        "Centre line (%)",
        "Lower limit (%)",
        "Upper limit (%)",
        "Signals",
        "Variation",
        "Notes",
    ]
    analysis = analyse_measure(measure)
    assert [row[0] for row in rows] == [week(i).isoformat() for i in range(12)]
    for row, numerator, point in zip(rows, NUMERATORS, analysis.points, strict=True):
        assert float(row[1]) == pytest.approx(numerator / 40 * 100)
        assert (row[2], row[3]) == (str(numerator), "40")
        assert float(row[7]) == pytest.approx(point.centre * 100)
        assert float(row[8]) == pytest.approx(point.lower * 100)
        assert float(row[9]) == pytest.approx(point.upper * 100)
        assert int(row[4]) == point.phase
    assert rows[0][4:7] == ["1", MONDAY.isoformat(), ""]
    assert rows[6][4:7] == ["2", PHASE_START.isoformat(), "New falls bundle"]
    assert rows[11][4:7] == ["2", PHASE_START.isoformat(), "New falls bundle"]
    signals = [point.signals for point in analysis.points]
    assert [row[10] == "None" for row in rows] == [not s for s in signals]
    assert all(row[11] for row in rows)  # the variation in words at every point
    assert rows[2][12].startswith("1. Agency staff on nights (Ann Smith, ")
    assert [row[12] for row in rows].count("") == 10


def test_text_that_looks_like_a_formula_is_not_run_in_either_file(client_for, wessex_lead, measure):
    rebase_add(by=wessex_lead, measure=measure, start=week(9), reason="=1+2*cmd|' /C calc'!A0")
    client = client_for(wessex_lead)
    rows = csv_rows(page_file(client, measure, "csv"))
    assert rows[10][6] == "'=1+2*cmd|' /C calc'!A0"
    assert rows[8][12].startswith('2. =HYPERLINK("http://evil","x")')  # starts with its number
    book = workbook(page_file(client, measure, "xlsx"))
    assert book["Phases"]["C4"].value == "=1+2*cmd|' /C calc'!A0"
    assert book["Notes"]["C3"].value == '=HYPERLINK("http://evil","x")'
    assert {book["Phases"]["C4"].data_type, book["Notes"]["C3"].data_type} == {"s"}  # not "f"
    assert book["Data"]["G11"].data_type == "s"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_text_cell_starting_like_a_formula_gets_an_apostrophe(start):
    assert csv_safe(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"


def test_other_cells_are_left_as_they_are():
    assert [csv_safe(cell) for cell in ("Agency staff", -5.0, 12, None, "")] == [
        "Agency staff",
        -5.0,
        12,
        None,
        "",
    ]


def test_the_workbook_has_the_same_data_with_dates_and_numbers_and_the_measure_phases_notes(
    client_for, frontline_member, wessex_lead, measure
):
    client = client_for(frontline_member)
    response = page_file(client, measure, "xlsx")
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"].endswith('filename="risk-assessments-done-data.xlsx"')
    book = workbook(response)
    assert book.sheetnames == ["Data", "About", "Phases", "Notes"]
    header, *rows = sheet_rows(book, "Data")
    assert header == csv_rows(page_file(client, measure, "csv"))[0]
    assert book["Data"]["A2"].is_date and rows[0][0] == datetime(2024, 1, 1)
    assert isinstance(rows[0][1], float) and rows[0][1] == pytest.approx(42.5)
    assert rows[0][2:4] == [17, 40]
    assert rows[6][4:7] == [2, datetime(2024, 2, 12), "New falls bundle"]
    csv_body = csv_rows(page_file(client, measure, "csv"))[1:]
    for from_xlsx, from_csv in zip(rows, csv_body, strict=True):
        assert [_as_csv(cell) for cell in from_xlsx] == from_csv

    about = {row[0]: row[1] for row in sheet_rows(book, "About")}
    assert about["Definition"] == "Patients assessed within 6 hours of admission"
    assert about["Unit"] == "%"
    assert about["Chart"] == measure.get_chart_display()
    assert about["Rules"] == measure.get_rules_display()
    phases = sheet_rows(book, "Phases")
    assert phases[0] == ["Phase", "Starts", "Reason", "Started by", "Recorded on"]
    assert phases[1][:3] == [1, datetime(2024, 1, 1), "The first phase, from the first point"]
    lead = wessex_lead.get_full_name() or wessex_lead.username
    assert phases[2][:4] == [2, datetime(2024, 2, 12), "New falls bundle", lead]
    assert isinstance(phases[2][4], datetime)
    notes = sheet_rows(book, "Notes")
    assert [row[:4] for row in notes[1:]] == [
        [1, datetime(2024, 1, 15), "Agency staff on nights", "Ann Smith"],
        [2, datetime(2024, 2, 19), '=HYPERLINK("http://evil","x")', "Ann Smith"],
    ]


def _as_csv(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def test_an_events_measure_has_a_row_per_event(client_for, wessex_lead, project):
    measure = MeasureFactory(
        project=project, name="Never events", data_type="events", chart="t", rules="anhoej"
    )
    days = [date(2024, 1, 3), date(2024, 2, 2), date(2024, 2, 22), date(2024, 4, 1)]
    events_upsert(by=wessex_lead, measure=measure, rows=[{"date": d.isoformat()} for d in days])
    note_add(by=wessex_lead, measure=measure, period=days[1], text="Wrong site surgery")
    header, *rows = csv_rows(page_file(client_for(wessex_lead), measure, "csv"))
    assert header[:2] == ["Event date", "Days since previous event"]
    assert "Numerator" not in header and "Variation" not in header
    assert [row[0] for row in rows] == [d.isoformat() for d in days]
    assert rows[0][1] == ""  # the first event starts the count
    assert [row[1] for row in rows[1:]] == ["30", "20", "39"]
    assert rows[1][-1].startswith("1. Wrong site surgery")
    centre = header.index("Mean")
    assert rows[0][centre] == "" and rows[1][centre] != ""


def test_signed_out_readers_are_sent_to_sign_in_or_refused(client, measure):
    for file_format in ("csv", "xlsx"):
        response = page_file(client, measure, file_format)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
        refused = APIClient().get(reverse(f"measure-{file_format}", args=[measure.pk]))
        assert refused.status_code == 401
        assert refused["Content-Type"].startswith("application/json")


def test_an_unknown_measure_or_format_is_not_found(client_for, frontline_member, measure):
    client = client_for(frontline_member)
    assert client.get(f"/measures/{measure.pk}/data.pdf").status_code == 404
    assert page_file(client, type(measure)(pk=measure.pk + 999), "csv").status_code == 404
    missing = api_file(frontline_member, type(measure)(pk=measure.pk + 999), "csv")
    assert missing.status_code == 404


def test_the_api_gives_the_same_files_as_the_page(client_for, frontline_member, measure):
    client = client_for(frontline_member)
    page_csv = page_file(client, measure, "csv")
    api_csv = api_file(frontline_member, measure, "csv")
    assert api_csv.status_code == 200 and api_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert api_csv.content == page_csv.content
    assert api_csv["Content-Disposition"] == page_csv["Content-Disposition"]
    page_book = workbook(page_file(client, measure, "xlsx"))
    api_book = workbook(api_file(frontline_member, measure, "xlsx"))
    for title in page_book.sheetnames:
        assert sheet_rows(api_book, title) == sheet_rows(page_book, title)


def test_the_page_links_to_both_files(client_for, frontline_member, measure):
    body = client_for(frontline_member).get(measure.get_absolute_url()).content.decode()
    assert f'href="/measures/{measure.pk}/data.csv"' in body
    assert f'href="/measures/{measure.pk}/data.xlsx"' in body
    assert "(12 rows)" in body


def test_the_files_take_the_same_few_queries_however_long_the_series(
    client_for, frontline_member, wessex_lead, author, measure
):
    client = client_for(frontline_member)
    counts = {}
    for label in ("short", "long"):
        if label == "long":
            add_weeks(wessex_lead, measure, [20 + i % 7 for i in range(60)], first=12)
            for n in range(13, 70, 9):
                note_add(by=author, measure=measure, period=week(n), text=f"Note {n}")
            for n in (20, 40):
                rebase_add(by=wessex_lead, measure=measure, start=week(n), reason=f"Phase {n}")
        for file_format in ("csv", "xlsx"):
            with CaptureQueriesContext(connection) as queries:
                assert page_file(client, measure, file_format).status_code == 200
            counts[(label, file_format)] = len(queries)
    assert counts[("short", "csv")] == counts[("long", "csv")] == counts[("long", "xlsx")]
    assert counts[("long", "csv")] <= 8
