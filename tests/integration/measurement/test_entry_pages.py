"""Data entry pages: my measures, the project grid and its rows, CSV upload, rare events."""

import html
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from measurement.models import DataPoint, Event
from measurement.periods import last_complete_period
from measurement.services.data import data_points_upsert
from tests.factories import (
    MeasureFactory,
    ProjectFactory,
    ProjectMemberFactory,
    UserFactory,
    region,
)


def last_week():
    return last_complete_period(timezone.localdate(), "weekly")


def weeks_ago(n: int):
    return last_week() - timedelta(weeks=n)


def add_weeks(measure, values, newest=None):
    """Values for consecutive weeks, the last one `newest` (default: the week before last)."""
    newest = newest or weeks_ago(1)
    bulk_create_with_history(
        [
            DataPoint(
                measure=measure, period=newest - timedelta(weeks=len(values) - 1 - i), value=v
            )
            for i, v in enumerate(values)
        ],
        DataPoint,
    )


@pytest.fixture
def project(db):
    return ProjectFactory(title="Falls on Wessex wards", lead_region=region("wessex"))


@pytest.fixture
def falls(project):
    return MeasureFactory(
        project=project, name="Falls with harm", data_type="count", chart="xmr", rules="mdc"
    )


@pytest.fixture
def screening(project):
    return MeasureFactory(
        project=project,
        name="Patients screened",
        data_type="proportion",
        chart="p",
        rules="anhoej",
        unit="%",
        multiplier=100,
    )


@pytest.fixture
def team_member(frontline_member, project):
    ProjectMemberFactory(project=project, user=frontline_member)
    return frontline_member


@pytest.fixture
def other_team_member(db):
    member = UserFactory(username="frontline.other")
    ProjectMemberFactory(project=ProjectFactory(title="Another project"), user=member)
    return member


def grid_url(project, **query):
    base = reverse("measurement:project_grid", args=[project.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def row_url(project, period):
    return reverse("measurement:grid_row_save", args=[project.pk, str(period)])


def post_row(client, project, period, data, htmx=True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(row_url(project, period), {"frequency": "weekly", **data}, headers=headers)


def text(response) -> str:
    return html.unescape(response.content.decode())


# The grid ---------------------------------------------------------------------------------


def test_a_team_member_saves_a_row_and_gets_the_row_and_charts_back(
    client_for, team_member, falls, screening
):
    client = client_for(team_member)
    page = text(client.get(grid_url(falls.project)))
    assert f'name="m{falls.pk}-value"' in page and f'name="m{screening.pk}-numerator"' in page
    assert f'hx-post="{row_url(falls.project, last_week())}"' in page

    response = post_row(
        client,
        falls.project,
        last_week(),
        {
            f"m{falls.pk}-value": "4",
            f"m{screening.pk}-numerator": "30",
            f"m{screening.pk}-denominator": "40",
        },
    )
    body = text(response)
    assert response.status_code == 200
    assert DataPoint.objects.count() == 2
    assert "Saved" in body and f'id="period-{last_week()}"' in body
    falls.refresh_from_db()
    assert f"chart.svg?v={falls.data_version}" in body and 'hx-swap-oob="true"' in body
    assert "2 added, 0 corrected, 0 unchanged" in body
    point = DataPoint.objects.get(measure=screening)
    assert (point.numerator, point.denominator, point.entered_by) == (30, 40, team_member)


def test_without_javascript_a_saved_row_redirects_back_to_the_grid(client_for, team_member, falls):
    client = client_for(team_member)
    response = post_row(client, falls.project, last_week(), {f"m{falls.pk}-value": "4"}, htmx=False)
    assert response.status_code == 302
    assert response["Location"].startswith(grid_url(falls.project))
    assert response["Location"].endswith(f"#period-{last_week()}")
    page = text(client.get(response["Location"]))
    assert "is saved: 1 added" in page and 'value="4"' in page


def test_a_member_of_another_project_reads_but_cannot_save(client_for, other_team_member, falls):
    client = client_for(other_team_member)
    page = client.get(grid_url(falls.project))
    assert page.status_code == 200
    assert f'name="m{falls.pk}-value"' not in text(page) and "<form id=" not in text(page)
    response = post_row(client, falls.project, last_week(), {f"m{falls.pk}-value": "4"})
    assert response.status_code == 403
    assert not DataPoint.objects.exists()


def test_a_national_viewer_reads_the_grid_but_cannot_save(client_for, national_viewer, falls):
    add_weeks(falls, [7])
    client = client_for(national_viewer)
    page = text(client.get(grid_url(falls.project)))
    assert "Only its team" in page and "<input" not in page.split("<table")[1]
    assert (
        post_row(client, falls.project, last_week(), {f"m{falls.pk}-value": "4"}).status_code == 403
    )
    assert DataPoint.objects.count() == 1


def test_a_regional_lead_of_the_project_may_save(client_for, wessex_lead, falls):
    response = post_row(
        client_for(wessex_lead), falls.project, last_week(), {f"m{falls.pk}-value": "4"}
    )
    assert response.status_code == 200 and DataPoint.objects.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, falls):
    for url in (
        grid_url(falls.project),
        reverse("measurement:my_measures"),
        reverse("measurement:csv_upload", args=[falls.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    saved = post_row(client, falls.project, last_week(), {f"m{falls.pk}-value": "4"})
    assert saved.status_code in (204, 302)  # 204 + HX-Redirect when the post came from htmx
    assert "/sign-in/" in (saved.headers.get("HX-Redirect") or saved["Location"])
    assert not DataPoint.objects.exists()


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"falls": "lots"}, "Falls with harm: Enter the value as a number"),
        ({"falls": "-1"}, "Falls with harm: The value cannot be negative"),
        (
            {"num": "12", "den": "10"},
            "Patients screened: The numerator (12) cannot be more than the denominator (10)",
        ),
        ({"num": "-2", "den": "10"}, "Patients screened: The numerator cannot be negative"),
        ({"num": "3", "den": ""}, "Patients screened: Enter the denominator"),
        ({"num": "3", "den": "0"}, "Patients screened: The denominator must be above zero"),
        # One good cell and one bad: the row is one transaction, so neither is saved.
        (
            {"falls": "4", "num": "x", "den": "10"},
            "Patients screened: Enter the numerator as a number",
        ),
    ],
)
def test_a_bad_cell_is_named_and_nothing_in_the_row_is_saved(
    client_for, team_member, falls, screening, cells, message
):
    before = DataPoint.objects.count()
    names = {
        "falls": f"m{falls.pk}-value",
        "num": f"m{screening.pk}-numerator",
        "den": f"m{screening.pk}-denominator",
    }
    for htmx in (True, False):
        response = post_row(
            client_for(team_member),
            falls.project,
            last_week(),
            {names[k]: v for k, v in cells.items()},
            htmx=htmx,
        )
        body = text(response)
        assert response.status_code == 200
        assert message in body
        assert "There is a problem with the week of" in body
        assert DataPoint.objects.count() == before


@pytest.mark.parametrize(
    ("period", "message"),
    [
        (lambda: last_week() + timedelta(days=1), "Weekly periods start on a Monday"),
        (lambda: last_week() + timedelta(weeks=2), "is in the future"),
        (lambda: "last-week", "Enter the period as a date like 2025-01-06"),
    ],
)
def test_a_period_that_is_not_a_week_is_refused_by_name(
    client_for, team_member, falls, period, message
):
    response = post_row(
        client_for(team_member), falls.project, period(), {f"m{falls.pk}-value": "4"}
    )
    assert response.status_code == 400
    assert message in text(response) and "cannot be saved" in text(response)
    assert not DataPoint.objects.exists()


def test_a_blank_row_saves_nothing_and_says_so(client_for, team_member, falls):
    response = post_row(
        client_for(team_member), falls.project, last_week(), {f"m{falls.pk}-value": " "}
    )
    assert "every cell of this row is blank" in text(response)
    assert not DataPoint.objects.exists()


def test_a_value_far_outside_the_limits_needs_confirming(client_for, team_member, falls):
    add_weeks(falls, [50, 51, 49, 50, 52, 48, 50, 49, 51, 50, 49, 51, 50, 50])
    client = client_for(team_member)
    warned = post_row(client, falls.project, last_week(), {f"m{falls.pk}-value": "500"})
    body = text(warned)
    assert "Check this value before saving" in body and "far above the chart's upper limit" in body
    assert 'name="confirm"' in body and "Yes, save it" in body
    assert DataPoint.objects.count() == 14
    token = _confirm_value(body)

    changed = post_row(
        client, falls.project, last_week(), {f"m{falls.pk}-value": "600", "confirm": token}
    )
    assert "Check this value before saving" in text(changed)  # a different value: ask again
    assert DataPoint.objects.count() == 14

    saved = post_row(
        client, falls.project, last_week(), {f"m{falls.pk}-value": "500", "confirm": token}
    )
    assert "Saved" in text(saved)
    assert DataPoint.objects.get(period=last_week()).value == 500


def test_an_ordinary_value_saves_without_a_warning(client_for, team_member, falls):
    add_weeks(falls, [50, 51, 49, 50, 52, 48, 50, 49, 51, 50])
    body = text(
        post_row(client_for(team_member), falls.project, last_week(), {f"m{falls.pk}-value": "53"})
    )
    assert "Check this value" not in body and DataPoint.objects.count() == 11


def test_a_run_chart_warns_above_three_times_the_median(client_for, team_member, project):
    measure = MeasureFactory(
        project=project, name="Delays", data_type="count", chart="run", rules="anhoej"
    )
    add_weeks(measure, [10, 12, 11, 9, 10, 11, 10, 12])
    body = text(
        post_row(client_for(team_member), project, last_week(), {f"m{measure.pk}-value": "40"})
    )
    assert "more than three times the median" in body
    assert DataPoint.objects.count() == 8


def _confirm_value(body: str) -> str:
    """The value of the element named "confirm" (its attributes may come in any order, and a
    fixed window of text around it could catch a neighbour's value instead)."""
    tag = re.search(r'<[^>]*\bname="confirm"[^>]*>', body).group(0)
    return html.unescape(re.search(r'\bvalue="([^"]*)"', tag).group(1))


def test_a_correction_keeps_the_old_value_and_who_changed_it(
    client_for, wessex_lead, team_member, falls
):
    data_points_upsert(by=wessex_lead, measure=falls, rows=[{"period": last_week(), "value": 10}])
    client = client_for(team_member)
    assert 'value="10"' in text(client.get(grid_url(falls.project)))
    response = post_row(client, falls.project, last_week(), {f"m{falls.pk}-value": "12"})
    assert "0 added, 1 corrected" in text(response)
    newest, oldest = DataPoint.objects.get().history.all()[:2]
    assert (oldest.value, oldest.history_user) == (10, wessex_lead)
    assert (newest.value, newest.history_user) == (12, team_member)


def test_the_grid_pages_back_and_offers_monthly_measures(client_for, team_member, falls, project):
    MeasureFactory(project=project, name="Monthly audit", frequency="monthly")
    client = client_for(team_member)
    page = text(client.get(grid_url(project)))
    assert "Monthly measures" in page and "Monthly audit" not in page
    earlier = weeks_ago(12)
    assert f"end={earlier}" in page
    older = text(client.get(grid_url(project, end=earlier)))
    assert f'id="period-{earlier}"' in older and f'id="period-{last_week()}"' not in older
    monthly = text(client.get(grid_url(project, frequency="monthly")))
    assert "Monthly audit" in monthly and "Enter monthly data" in monthly


def test_grid_queries_do_not_grow_with_the_data(
    client_for, team_member, falls, screening, django_assert_max_num_queries
):
    client = client_for(team_member)
    add_weeks(falls, list(range(5)))
    with CaptureQueriesContext(connection) as few:
        assert client.get(grid_url(falls.project)).status_code == 200
    add_weeks(falls, list(range(45)), newest=weeks_ago(6))
    with CaptureQueriesContext(connection) as many:
        assert client.get(grid_url(falls.project)).status_code == 200
    assert len(many) == len(few)


# My measures ------------------------------------------------------------------------------


def test_my_measures_lists_the_weeks_still_to_enter(client_for, team_member, falls, project):
    add_weeks(falls, [5, 6], newest=weeks_ago(3))  # weeks 4 and 3 ago entered
    MeasureFactory(
        project=project, name="Never events", data_type="events", chart="t", rules="anhoej"
    )
    Event.objects.create(
        measure=project.measures.get(name="Never events"),
        date=timezone.localdate() - timedelta(days=9),
    )
    page = text(client_for(team_member).get(reverse("measurement:my_measures")))
    assert "Falls on Wessex wards" in page and "Falls with harm" in page
    assert "3 weeks to enter" in page
    assert "Not enough data yet" in page or "Common cause" in page
    assert reverse("measurement:csv_upload", args=[falls.pk]) in page
    assert "9 days since the last event" in page
    assert (
        reverse("measurement:event_entry", args=[project.measures.get(name="Never events").pk])
        in page
    )


def test_my_measures_leaves_out_other_projects(client_for, other_team_member, falls):
    page = text(client_for(other_team_member).get(reverse("measurement:my_measures")))
    assert "Falls with harm" not in page
    assert "You do not enter data for any measures yet" in page


# CSV upload -------------------------------------------------------------------------------


def upload(client, measure, content: bytes, name="values.csv"):
    return client.post(
        reverse("measurement:csv_upload", args=[measure.pk]),
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


def test_the_template_has_the_header_and_the_weeks_still_to_enter(
    client_for, team_member, screening
):
    data_points_upsert(
        by=team_member,
        measure=screening,
        rows=[{"period": weeks_ago(2), "numerator": 1, "denominator": 2}],
    )
    response = client_for(team_member).get(reverse("measurement:csv_template", args=[screening.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines == ["period,numerator,denominator", f"{weeks_ago(1)},,", f"{last_week()},,"]


def test_a_good_file_saves_every_row_and_says_what_happened(client_for, team_member, falls):
    data_points_upsert(
        by=team_member,
        measure=falls,
        rows=[{"period": weeks_ago(2), "value": 2}, {"period": weeks_ago(1), "value": 5}],
    )
    rows = "\n".join(f"{weeks_ago(n)},{n}" for n in range(4, 0, -1))
    content = f"\ufeffperiod,value\n{rows}\n{last_week()},9\n".encode()
    client = client_for(team_member)
    response = upload(client, falls, content)
    assert response.status_code == 302
    assert DataPoint.objects.filter(measure=falls).count() == 5
    page = text(client.get(response["Location"]))
    assert "3 weeks added, 1 corrected, 1 unchanged" in page


def report_rows(body: str) -> list[list[str]]:
    table = body.split('id="problems"')[1].split("</table>")[0]
    return [
        [cell.strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in table.split("<tr")[2:]
    ]


def test_a_file_with_bad_rows_saves_nothing_and_names_each_line(client_for, team_member, falls):
    tuesday = weeks_ago(1) + timedelta(days=1)
    content = (f"period,value\n{weeks_ago(2)},4\n{tuesday},5\n{last_week()},lots\n").encode()
    response = upload(client_for(team_member), falls, content)
    body = text(response)
    assert response.status_code == 200
    assert not DataPoint.objects.exists()
    assert "Nothing was saved: the file has 2 problems" in body
    assert report_rows(body) == [
        [
            "3",
            str(tuesday),
            "period",
            f"Weekly periods start on a Monday; {tuesday:%-d %B %Y} is a Tuesday",
        ],
        ["4", str(last_week()), "value", "Enter the value as a number, like 12 or 4.5"],
    ]


def test_a_period_given_twice_in_a_file_names_both_lines(client_for, team_member, falls):
    content = f"period,value\n{weeks_ago(1)},4\n\n{weeks_ago(1)},5\n".encode()
    body = text(upload(client_for(team_member), falls, content))
    assert report_rows(body) == [
        ["4", str(weeks_ago(1)), "period", "This period is also given on line 2"]
    ]
    assert not DataPoint.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"date,value\n2025-01-06,4\n", "The header has a column this measure does not use"),
        (b"period\n2025-01-06\n", "The header has no “value” column"),
        ("period,value\n2025-01-06,4 \u00b0C\n".encode("latin-1"), "The file is not UTF-8 text"),
        (b"period,value\n" + b"2025-01-06,1\n" * 180_000, "The file is bigger than 2 MB"),
        (b"period,value\n" + b"2025-01-06,1\n" * 10_001, "more than 10,000 rows"),
        (b"", "The file is empty"),
        (b"period,value\n\n", "The file has a header but no rows of data"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_a_reason(
    client_for, team_member, falls, content, message
):
    response = upload(client_for(team_member), falls, content)
    assert response.status_code == 200
    assert message in text(response)
    assert not DataPoint.objects.exists()


def test_an_upload_without_a_file_asks_for_one(client_for, team_member, falls):
    response = client_for(team_member).post(reverse("measurement:csv_upload", args=[falls.pk]))
    assert "Choose a CSV file to upload" in text(response) and 'href="#id_file"' in text(response)


def test_another_projects_member_cannot_upload(client_for, other_team_member, falls):
    client = client_for(other_team_member)
    assert client.get(reverse("measurement:csv_upload", args=[falls.pk])).status_code == 403
    assert upload(client, falls, b"period,value\n2025-01-06,4\n").status_code == 403
    assert not DataPoint.objects.exists()


# Rare events ------------------------------------------------------------------------------


@pytest.fixture
def swabs(project):
    return MeasureFactory(
        project=project,
        name="Retained swabs",
        data_type="events",
        chart="g",
        rules="anhoej",
        improvement="increase",
    )


def events_url(measure):
    return reverse("measurement:event_entry", args=[measure.pk])


def test_a_team_member_records_an_event_and_sees_the_days_since(client_for, team_member, swabs):
    client = client_for(team_member)
    day = timezone.localdate() - timedelta(days=12)
    response = client.post(
        events_url(swabs), {"date": day.isoformat(), "opportunities_since_previous": "140"}
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.date, event.opportunities_since_previous, event.recorded_by) == (
        day,
        140,
        team_member,
    )
    page = text(client.get(events_url(swabs)))
    assert "12 days since the last event" in page and "recorded" in page


@pytest.mark.parametrize(
    ("days_ago", "opportunities", "message"),
    [
        (-3, "10", "is in the future"),
        (5, "lots", "Enter the opportunities as a whole number"),
        (None, "10", "Enter the date of the event"),
    ],
)
def test_a_bad_event_is_refused_by_name(
    client_for, team_member, swabs, days_ago, opportunities, message
):
    day = "" if days_ago is None else (timezone.localdate() - timedelta(days=days_ago))
    response = client_for(team_member).post(
        events_url(swabs), {"date": str(day), "opportunities_since_previous": opportunities}
    )
    assert response.status_code == 200 and message in text(response)
    assert not Event.objects.exists()


def test_an_event_on_a_day_already_recorded_is_refused(client_for, team_member, swabs):
    day = timezone.localdate() - timedelta(days=4)
    Event.objects.create(measure=swabs, date=day, opportunities_since_previous=20)
    response = client_for(team_member).post(
        events_url(swabs), {"date": day.isoformat(), "opportunities_since_previous": "30"}
    )
    assert "is already recorded" in text(response)
    assert Event.objects.get().opportunities_since_previous == 20


def test_a_team_member_removes_an_event_and_its_history_keeps_who(client_for, team_member, swabs):
    day = timezone.localdate() - timedelta(days=4)
    Event.objects.create(measure=swabs, date=day, opportunities_since_previous=20)
    response = client_for(team_member).post(events_url(swabs), {"delete": day.isoformat()})
    assert response.status_code == 302 and not Event.objects.exists()
    assert Event.history.filter(history_type="-").get().history_user == team_member


def test_others_read_the_events_but_cannot_record_them(client_for, other_team_member, swabs):
    client = client_for(other_team_member)
    page = text(client.get(events_url(swabs)))
    assert "No events recorded yet" in page and "Record the event" not in page
    response = client.post(
        events_url(swabs), {"date": "2025-01-06", "opportunities_since_previous": "3"}
    )
    assert response.status_code == 403 and not Event.objects.exists()
    Event.objects.create(measure=swabs, date=timezone.localdate(), opportunities_since_previous=3)
    response = client.post(events_url(swabs), {"delete": timezone.localdate().isoformat()})
    assert response.status_code == 403 and Event.objects.count() == 1


def test_a_monthly_measure_is_saved_on_the_first_of_the_month(client_for, team_member, project):
    audit = MeasureFactory(project=project, name="Monthly audit", frequency="monthly")
    month = last_complete_period(timezone.localdate(), "monthly")
    response = client_for(team_member).post(
        row_url(project, month),
        {"frequency": "monthly", f"m{audit.pk}-value": "81.5"},
        headers={"HX-Request": "true"},
    )
    assert "is saved: 1 added" in text(response)
    assert DataPoint.objects.get(measure=audit).period == month


def test_large_and_decimal_values_are_prefilled_as_typed(client_for, team_member, falls):
    add_weeks(falls, [1_400_000, 0.1], newest=last_week())
    page = text(client_for(team_member).get(grid_url(falls.project)))
    assert 'value="1400000"' in page and 'value="0.1"' in page


@pytest.mark.parametrize("end", ["nonsense", "0001-01-01", "2999-01-04"])
def test_an_odd_end_date_still_shows_a_grid(client_for, team_member, falls, end):
    assert client_for(team_member).get(grid_url(falls.project, end=end)).status_code == 200


def test_a_regional_lead_sees_the_measures_of_projects_they_may_edit(
    client_for, wessex_lead, oxford_lead, falls
):
    my_measures = reverse("measurement:my_measures")
    assert "Falls with harm" in text(client_for(wessex_lead).get(my_measures))
    assert "Falls with harm" not in text(client_for(oxford_lead).get(my_measures))


def test_a_completed_project_asks_for_no_weeks_at_all(client_for, team_member, falls, project):
    add_weeks(falls, [5], newest=weeks_ago(6))
    project.status, project.completed_on = "completed", weeks_ago(4) + timedelta(days=2)
    project.save()
    page = text(client_for(team_member).get(reverse("measurement:my_measures")))
    assert "weeks to enter" not in page and "No longer asked for" in page
    assert "Correct past data in the grid" in page


def test_a_grid_save_reads_the_week_on_screen_and_the_saved_measures_chart_once(
    client_for, team_member, falls, screening
):
    """Not every point of every measure, twice: the row's stored values for its one week, and
    the inputs of the measures the row changes, read once for the check and the redrawn chart."""
    add_weeks(falls, [3, 4, 5] * 100)  # six years of history
    add_weeks(screening, [9] * 300)
    client = client_for(team_member)
    with CaptureQueriesContext(connection) as queries:
        response = post_row(client, falls.project, last_week(), {f"m{falls.pk}-value": "4"})
    assert response.status_code == 200 and "is saved" in text(response)
    reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "measurement_datapoint"')]
    by_period = [sql for sql in reads if '"period" IN' in sql or '"period" BETWEEN' in sql]
    whole_charts = [sql for sql in reads if sql not in by_period]
    assert len(by_period) == 2  # the week shown, and the save's look at what it replaces
    assert len(whole_charts) == 1  # the saved measure's chart, for the check and the redraw
    assert f"IN ({falls.pk})" in whole_charts[0]
