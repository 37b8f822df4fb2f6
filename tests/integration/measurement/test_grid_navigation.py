"""The grid's 'Go to' a date and its 12, 26 or 52 rows; what the app says is still to enter
(since the project's start or the last entry, capped); completed projects ask for nothing."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from measurement.models import DataPoint
from measurement.periods import last_complete_period
from tests.factories import MeasureFactory
from tests.integration.measurement.test_entry_pages import (
    add_weeks,
    falls,  # noqa: F401 (fixture)
    grid_url,
    last_week,
    post_row,
    project,  # noqa: F401 (fixture)
    team_member,  # noqa: F401 (fixture)
    text,
    weeks_ago,
)


def shown_periods(page: str) -> list[str]:
    return re.findall(r'<tbody class="nhsuk-table__body" id="period-(\d{4}-\d\d-\d\d)"', page)


def my_measures(client) -> str:
    return text(client.get(reverse("measurement:my_measures")))


# Go to, and how many rows ---------------------------------------------------------------------


@pytest.mark.parametrize("rows", [12, 26, 52])
def test_the_grid_shows_the_rows_chosen(client_for, team_member, falls, rows):  # noqa: F811
    page = text(client_for(team_member).get(grid_url(falls.project, rows=rows)))
    periods = shown_periods(page)
    assert len(periods) == rows and periods[0] == str(last_week())
    assert periods[-1] == str(weeks_ago(rows - 1))
    assert re.search(rf'<option value="{rows}" selected\s*>', page)
    assert f"end={weeks_ago(rows)}" + (f"&rows={rows}" if rows != 12 else "") in page


def test_an_odd_row_count_falls_back_to_twelve(client_for, team_member, falls):  # noqa: F811
    page = text(client_for(team_member).get(grid_url(falls.project, rows=10_000)))
    assert len(shown_periods(page)) == 12


def test_going_to_a_date_years_ago_shows_the_weeks_around_it(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
):
    client = client_for(team_member)
    for typed in ("2017-03-15", "15/03/2017"):
        page = text(client.get(grid_url(falls.project, go=typed, rows=26)))
        periods = shown_periods(page)
        assert len(periods) == 26
        assert "2017-03-13" in periods  # the Monday of the week the day falls in
        index = periods.index("2017-03-13")
        assert 10 <= index <= 15  # in the middle: weeks before and after it
        assert periods[0] == str(date(2017, 3, 13) + timedelta(weeks=13))


def test_going_to_a_month_shows_the_months_around_it(client_for, team_member, project):  # noqa: F811
    MeasureFactory(project=project, name="Monthly audit", frequency="monthly")
    page = text(
        client_for(team_member).get(grid_url(project, frequency="monthly", go="2018-07-20"))
    )
    periods = shown_periods(page)
    assert len(periods) == 12 and "2018-07-01" in periods
    assert periods[0] == "2019-01-01" and periods[-1] == "2018-02-01"


def test_going_to_a_future_date_shows_the_newest_weeks(client_for, team_member, falls):  # noqa: F811
    page = text(client_for(team_member).get(grid_url(falls.project, go="2999-01-01")))
    assert shown_periods(page)[0] == str(last_week())


@pytest.mark.parametrize("typed", ["last tuesday", "31/02/2020", "1066-10-14"])
def test_a_date_that_cannot_be_gone_to_is_named(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
    typed,
):
    response = client_for(team_member).get(grid_url(falls.project, go=typed))
    page = text(response)
    assert response.status_code == 400
    assert "Enter the date to go to as a real date, like 06/01/2025" in page
    assert 'href="#go"' in page and f'value="{typed}"' in page
    assert shown_periods(page)[0] == str(last_week())  # the grid is still there


def test_a_save_keeps_the_rows_and_place_gone_to(client_for, team_member, falls):  # noqa: F811
    client = client_for(team_member)
    page = text(client.get(grid_url(falls.project, go="2017-03-15", rows=26)))
    assert 'name="rows" value="26"' in page
    end = re.search(r'name="end" value="([\d-]+)"', page).group(1)
    response = client.post(
        reverse("measurement:grid_row_save", args=[falls.project.pk, "2017-03-13"]),
        {"frequency": "weekly", "end": end, "rows": "26", f"m{falls.pk}-value": "4"},
    )
    assert response.status_code == 302
    assert f"end={end}&rows=26#period-2017-03-13" in response["Location"]
    assert DataPoint.objects.get(measure=falls).period == date(2017, 3, 13)
    again = text(client.get(response["Location"]))
    assert len(shown_periods(again)) == 26 and "2017-03-13" in shown_periods(again)


# Weeks to enter --------------------------------------------------------------------------------


def test_weeks_to_enter_count_from_the_last_entry_not_earlier_gaps(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
):
    add_weeks(falls, [5], newest=weeks_ago(8))
    add_weeks(falls, [6], newest=weeks_ago(3))  # the gap between is history, not a to-do list
    page = my_measures(client_for(team_member))
    assert "3 weeks to enter" in page  # 2 and 1 weeks ago, and last week


def test_a_measure_last_entered_years_ago_says_more_than_twelve_and_since_when(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
):
    add_weeks(falls, [5, 6], newest=date(2017, 1, 9))
    weeks = (last_week() - date(2017, 1, 9)).days // 7
    client = client_for(team_member)
    page = my_measures(client)
    assert "More than 12 weeks to enter" in page and "12 weeks to enter" not in page.replace(
        "More than 12 weeks to enter", ""
    )
    assert f"{weeks:,} weeks since the last entry (9 Jan 2017)" in page
    grid = text(client.get(grid_url(falls.project)))
    assert (
        f"Falls with harm: More than 12 weeks to enter. {weeks:,} weeks since the last entry"
        in grid
    )


def test_a_measure_with_nothing_entered_counts_from_the_projects_start(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
    project,  # noqa: F811
):
    project.start_date = last_week() - timedelta(days=3)  # the Friday of the week before
    project.save()
    assert "2 weeks to enter" in my_measures(client_for(team_member))
    project.start_date = date(2016, 6, 1)
    project.save()
    page = my_measures(client_for(team_member))
    assert "Nothing entered since the project started (30 May 2016)" in page


def test_a_project_not_yet_started_asks_for_nothing(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
    project,  # noqa: F811
):
    project.status, project.start_date = "planned", last_week() + timedelta(weeks=2)
    project.save()
    assert "Up to date" in my_measures(client_for(team_member))


def test_monthly_measures_count_months(client_for, team_member, project):  # noqa: F811
    audit = MeasureFactory(project=project, name="Monthly audit", frequency="monthly")
    month = last_complete_period(timezone.localdate(), "monthly")
    DataPoint.objects.create(measure=audit, period=date(month.year - 1, month.month, 1), value=3)
    assert "More than 12 months to enter" not in my_measures(client_for(team_member))
    assert "12 months to enter" in my_measures(client_for(team_member))


# Completed and stopped projects -------------------------------------------------------------


@pytest.mark.parametrize("status", ["completed", "stopped"])
def test_a_closed_project_stops_asking_but_past_weeks_can_be_corrected(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
    project,  # noqa: F811
    status,
):
    ended = weeks_ago(20) + timedelta(days=2)
    add_weeks(falls, [5, 6], newest=weeks_ago(30))
    project.status, project.status_since = status, ended
    project.completed_on = ended if status == "completed" else None
    project.save()
    client = client_for(team_member)

    page = my_measures(client)
    assert "No longer asked for" in page and "weeks to enter" not in page
    assert "Correct past data in the grid" in page
    assert f"This project was {status} on" in page

    grid = text(client.get(grid_url(project)))
    assert f"This project was {status} on" in grid and "can still correct past periods" in grid
    assert "Still to enter" not in grid
    assert shown_periods(grid)[0] == str(weeks_ago(20))  # the week it ended, not this week
    response = post_row(client, project, weeks_ago(30), {f"m{falls.pk}-value": "7"})
    assert "1 corrected" in text(response)
    assert DataPoint.objects.get(measure=falls, period=weeks_ago(30)).value == 7


def test_the_home_page_offers_corrections_not_this_weeks_data_for_a_closed_project(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
    project,  # noqa: F811
):
    client = client_for(team_member)
    assert "Enter this week's data" in text(client.get(reverse("home")))
    project.status, project.completed_on = "completed", weeks_ago(3)
    project.save()
    home = text(client.get(reverse("home")))
    assert "Enter this week's data" not in home and "Correct past data" in home
    project_page = text(client.get(project.get_absolute_url()))
    assert "Enter this week's data" not in project_page


def test_the_grid_gives_phones_the_narrow_drawing_of_each_chart(
    client_for,
    team_member,  # noqa: F811
    falls,  # noqa: F811
):
    page = text(client_for(team_member).get(grid_url(falls.project)))
    chart = reverse("measurement:measure_chart", args=[falls.pk, "svg"])
    assert (
        f'<source media="(max-width: 40.0525em)" srcset="{chart}?v={falls.data_version}'
        '&size=narrow" width="360">' in page
    )
