"""Periods awaiting data: counted from the project's start or the last entry, capped in words."""

from datetime import date
from types import SimpleNamespace

import pytest

from measurement.presenters.entry.due import due_for, due_periods

TODAY = date(2026, 12, 3)  # a Thursday: the last complete week began on Monday 23 November


def project(status="active", start=date(2016, 6, 1)):
    return SimpleNamespace(status=status, start_date=start, completed_on=None, status_since=start)


def test_weeks_since_the_last_entry_are_counted_and_listed_newest_first():
    due = due_for(project(), "weekly", date(2026, 11, 2), TODAY)
    assert due.count == 3 and due.text() == "3 weeks to enter"
    assert due.newest == [date(2026, 11, 23), date(2026, 11, 16), date(2026, 11, 9)]
    assert due.since_text() == ""


def test_an_entry_last_week_leaves_nothing_to_enter():
    due = due_for(project(), "weekly", date(2026, 11, 23), TODAY)
    assert (due.count, due.text(), due.newest) == (0, "Up to date", [])


def test_nine_years_behind_is_more_than_twelve_weeks_and_says_how_many():
    due = due_for(project(), "weekly", date(2017, 1, 9), TODAY)
    assert due.count == 515 and len(due.newest) == 12
    assert due.text() == "More than 12 weeks to enter"
    assert due.since_text() == "515 weeks since the last entry (9 Jan 2017)"
    assert len(due_periods(project(), "weekly", date(2017, 1, 9), TODAY)) == 515


def test_exactly_twelve_is_not_capped():
    due = due_for(project(), "weekly", date(2026, 8, 31), TODAY)
    assert due.count == 12 and due.text() == "12 weeks to enter"


def test_months_are_counted_across_a_year_end():
    due = due_for(project(), "monthly", date(2025, 10, 1), TODAY)
    assert due.count == 13 and due.text() == "More than 12 months to enter"
    assert due.newest[0] == date(2026, 11, 1)


def test_nothing_entered_counts_from_the_week_the_project_started():
    due = due_for(project(start=date(2026, 11, 13)), "weekly", None, TODAY)  # a Friday
    assert due.count == 3 and due.first == date(2026, 11, 9)
    old = due_for(project(), "weekly", None, TODAY)
    assert old.since_text() == "Nothing entered since the project started (30 May 2016)"


def test_an_entry_before_the_project_started_counts_from_the_start():
    due = due_for(project(start=date(2026, 11, 16)), "weekly", date(2026, 1, 5), TODAY)
    assert due.count == 2


@pytest.mark.parametrize("status", ["completed", "stopped"])
def test_a_closed_project_asks_for_nothing(status):
    due = due_for(project(status=status), "weekly", date(2017, 1, 9), TODAY)
    assert (due.count, due.text()) == (0, "Up to date")
    assert due_periods(project(status=status), "weekly", None, TODAY) == []


def test_a_project_starting_later_asks_for_nothing_yet():
    assert due_for(project("planned", date(2027, 1, 4)), "weekly", None, TODAY).count == 0
