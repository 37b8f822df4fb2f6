"""Whole numbers and magnitude on the entry pages: the grid, CSV upload and rare events. Each
refusal names the field (and in a file, the line); nothing of a refused row or file is saved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measurement.models import DataPoint, Event
from tests.factories import MeasureFactory
from tests.integration.measurement.test_entry_pages import (
    events_url,
    last_week,
    post_row,
    project,  # noqa: F401 (fixture)
    report_rows,
    screening,  # noqa: F401 (fixture)
    swabs,  # noqa: F401 (fixture)
    team_member,  # noqa: F401 (fixture)
    text,
    upload,
    weeks_ago,
)


@pytest.fixture
def bed_days(project):  # noqa: F811
    return MeasureFactory(
        project=project,
        name="Falls per 1,000 bed-days",
        data_type="rate",
        chart="u",
        rules="anhoej",
    )


def cells(measure, **values) -> dict:
    return {f"m{measure.pk}-{name}": value for name, value in values.items()}


@pytest.mark.parametrize(
    ("measure", "values", "message"),
    [
        (
            "screening",
            {"numerator": "30.5", "denominator": "40"},
            "Patients screened: The numerator must be a whole number, not 30.5",
        ),
        (
            "screening",
            {"numerator": "3", "denominator": "1e300"},
            "Patients screened: The denominator is too large: at most 1,000,000,000,000",
        ),
        (
            "bed_days",
            {"numerator": "2.5", "denominator": "1400"},
            "Falls per 1,000 bed-days: The numerator must be a whole number, not 2.5",
        ),
        (
            "bed_days",
            {"numerator": "2", "denominator": "inf"},
            "Falls per 1,000 bed-days: The denominator is too large",
        ),
    ],
)
def test_the_grid_refuses_part_people_and_huge_numbers_by_field(
    client_for,
    team_member,  # noqa: F811
    screening,  # noqa: F811
    bed_days,
    measure,
    values,
    message,
):
    target = {"screening": screening, "bed_days": bed_days}[measure]
    for htmx in (True, False):
        response = post_row(
            client_for(team_member),
            screening.project,
            last_week(),
            cells(target, **values),
            htmx=htmx,
        )
        assert response.status_code == 200 and message in text(response)
    assert not DataPoint.objects.exists()


def test_the_grid_takes_a_fractional_exposure_and_decimals_where_allowed(
    client_for,
    team_member,  # noqa: F811
    screening,  # noqa: F811
    bed_days,
):
    screening.allow_decimals = True
    screening.save()
    values = {
        **cells(screening, numerator="30.5", denominator="40"),
        **cells(bed_days, numerator="2", denominator="1400.5"),
    }
    response = post_row(client_for(team_member), screening.project, last_week(), values)
    assert "is saved: 2 added" in text(response)
    assert DataPoint.objects.get(measure=bed_days).denominator == 1400.5


def test_a_row_saves_beside_an_old_decimal_value_left_as_it_was(
    client_for,
    team_member,  # noqa: F811
    screening,  # noqa: F811
    bed_days,
):
    """The grid posts the whole row: a value stored before the rule, untouched, is no bar."""
    DataPoint.objects.create(measure=screening, period=last_week(), numerator=30.5, denominator=40)
    values = {
        **cells(screening, numerator="30.5", denominator="40"),
        **cells(bed_days, numerator="2", denominator="1400"),
    }
    response = post_row(client_for(team_member), screening.project, last_week(), values)
    assert "1 added, 0 corrected, 1 unchanged" in text(response)
    assert DataPoint.objects.get(measure=screening).numerator == 30.5


def test_a_file_with_part_people_names_each_line_and_saves_nothing(
    client_for,
    team_member,  # noqa: F811
    screening,  # noqa: F811
):
    content = (
        "period,numerator,denominator\n"
        f"{weeks_ago(3)},30,40\n"
        f"{weeks_ago(2)},30.5,40\n"
        f"{weeks_ago(1)},3,2e12\n"
        f"{last_week()},3,40.25\n"
    ).encode()
    body = text(upload(client_for(team_member), screening, content))
    assert "Nothing was saved: the file has 3 problems" in body
    assert report_rows(body) == [
        ["3", str(weeks_ago(2)), "numerator", "The numerator must be a whole number, not 30.5"],
        [
            "4",
            str(weeks_ago(1)),
            "denominator",
            "The denominator is too large: at most 1,000,000,000,000 (10¹²)",
        ],
        ["5", str(last_week()), "denominator", "The denominator must be a whole number, not 40.25"],
    ]
    assert not DataPoint.objects.exists()


def test_the_upload_page_says_numbers_are_whole_and_bounded(
    client_for,
    team_member,  # noqa: F811
    screening,  # noqa: F811
    bed_days,
):
    client = client_for(team_member)
    page = text(client.get(reverse("measurement:csv_upload", args=[screening.pk])))
    assert "whole numbers in the numerator and denominator columns" in page
    assert "no number above 1,000,000,000,000" in page
    rate_page = text(client.get(reverse("measurement:csv_upload", args=[bed_days.pk])))
    assert "whole numbers in the numerator column" in rate_page


def test_an_event_with_huge_opportunities_is_refused_by_name(
    client_for,
    team_member,  # noqa: F811
    swabs,  # noqa: F811
):
    day = timezone.localdate() - timedelta(days=5)
    response = client_for(team_member).post(
        events_url(swabs), {"date": day.isoformat(), "opportunities_since_previous": "1" + "0" * 13}
    )
    assert response.status_code == 200
    assert "The opportunities since the previous event are too large" in text(response)
    assert not Event.objects.exists()
