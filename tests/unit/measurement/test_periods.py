import ast
from datetime import date
from pathlib import Path

import pytest

from measurement import periods as p

WEDNESDAY = date(2025, 1, 15)


@pytest.mark.parametrize(
    ("day", "frequency", "start"),
    [
        (date(2025, 1, 15), "weekly", date(2025, 1, 13)),
        (date(2025, 1, 13), "weekly", date(2025, 1, 13)),
        (date(2025, 1, 19), "weekly", date(2025, 1, 13)),  # a Sunday ends the week
        (date(2025, 1, 1), "weekly", date(2024, 12, 30)),  # a week may start in the old year
        (date(2025, 1, 15), "monthly", date(2025, 1, 1)),
    ],
)
def test_a_day_belongs_to_the_period_starting_monday_or_the_first(day, frequency, start):
    assert p.period_start(day, frequency) == start


def test_an_unknown_frequency_is_refused():
    with pytest.raises(ValueError, match="weekly or monthly"):
        p.period_start(WEDNESDAY, "daily")


def test_shifting_months_crosses_years_both_ways():
    assert p.shift(date(2024, 11, 1), "monthly", 3) == date(2025, 2, 1)
    assert p.shift(date(2025, 1, 1), "monthly", -1) == date(2024, 12, 1)
    assert p.shift(date(2025, 1, 6), "weekly", -2) == date(2024, 12, 23)


def test_the_last_complete_period_leaves_out_the_unfinished_one():
    assert p.last_complete_period(WEDNESDAY, "weekly") == date(2025, 1, 6)
    assert p.last_complete_period(date(2025, 1, 13), "weekly") == date(2025, 1, 6)
    assert p.last_complete_period(WEDNESDAY, "monthly") == date(2024, 12, 1)
    assert p.last_complete_period(date(2025, 3, 1), "monthly") == date(2025, 2, 1)


def test_the_last_periods_are_newest_first():
    assert p.last_periods(date(2025, 1, 8), "weekly", 3) == [
        date(2025, 1, 6),
        date(2024, 12, 30),
        date(2024, 12, 23),
    ]
    assert p.last_periods(date(2025, 2, 1), "monthly", 2) == [date(2025, 2, 1), date(2025, 1, 1)]


def test_periods_between_include_both_ends():
    assert p.periods_between(date(2024, 12, 31), date(2025, 1, 13), "weekly") == [
        date(2024, 12, 30),
        date(2025, 1, 6),
        date(2025, 1, 13),
    ]
    assert p.periods_between(date(2025, 2, 1), date(2025, 1, 1), "monthly") == []


def test_missing_periods_are_the_gaps_up_to_the_last_complete_week():
    entered = {date(2024, 12, 16), date(2024, 12, 30)}
    assert p.missing_periods(entered, date(2024, 12, 16), WEDNESDAY, "weekly") == [
        date(2024, 12, 23),
        date(2025, 1, 6),
    ]


def test_nothing_is_missing_before_a_period_has_ended():
    assert p.missing_periods([], date(2025, 1, 14), WEDNESDAY, "weekly") == []
    assert p.missing_periods([], date(2025, 1, 2), WEDNESDAY, "monthly") == []


def test_missing_months_run_to_last_month():
    entered = [date(2024, 10, 1)]
    assert p.missing_periods(entered, date(2024, 10, 1), WEDNESDAY, "monthly") == [
        date(2024, 11, 1),
        date(2024, 12, 1),
    ]


def test_the_module_imports_only_the_standard_library():
    tree = ast.parse(Path(p.__file__).read_text())
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert imported == {"collections.abc", "datetime"}
