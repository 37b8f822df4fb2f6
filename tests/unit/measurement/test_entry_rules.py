from datetime import date

import pytest

from measurement.entry_rules import check_points

TODAY = date(2025, 3, 12)


def check(rows, data_type="proportion", frequency="weekly"):
    return check_points(rows, data_type=data_type, frequency=frequency, today=TODAY)


def only_problem(rows, **kwargs):
    clean, problems = check(rows, **kwargs)
    assert clean == [] and len(problems) == 1
    return problems[0]


def test_a_good_proportion_row_is_cleaned_to_numbers():
    clean, problems = check([{"period": "2025-01-06", "numerator": "3", "denominator": 40}])
    assert problems == []
    assert (clean[0].period, clean[0].numerator, clean[0].denominator) == (date(2025, 1, 6), 3, 40)


@pytest.mark.parametrize(
    ("row", "field", "code"),
    [
        ({"period": "2025-01-07", "numerator": 1, "denominator": 2}, "period", "not_monday"),
        ({"period": "2025-03-17", "numerator": 1, "denominator": 2}, "period", "future_period"),
        ({"period": "6/1/2025", "numerator": 1, "denominator": 2}, "period", "invalid_date"),
        (
            {"period": "2025-01-06", "numerator": 5, "denominator": 2},
            "numerator",
            "numerator_above_denominator",
        ),
        ({"period": "2025-01-06", "numerator": -1, "denominator": 2}, "numerator", "negative"),
        (
            {"period": "2025-01-06", "numerator": "three", "denominator": 2},
            "numerator",
            "not_a_number",
        ),
        ({"period": "2025-01-06", "numerator": 1}, "denominator", "required"),
        (
            {"period": "2025-01-06", "numerator": 0, "denominator": 0},
            "denominator",
            "zero_denominator",
        ),
        (
            {"period": "2025-01-06", "numerator": "nan", "denominator": 2},
            "numerator",
            "not_a_number",
        ),
    ],
)
def test_each_bad_row_names_its_field_and_reason(row, field, code):
    problem = only_problem([row])
    assert (problem.index, problem.field, problem.code) == (0, field, code)
    assert problem.message


def test_a_weekday_is_named_in_the_message():
    problem = only_problem([{"period": "2025-01-07", "numerator": 1, "denominator": 2}])
    assert "7 January 2025 is a Tuesday" in problem.message


def test_monthly_periods_start_on_the_first():
    problem = only_problem(
        [{"period": "2025-01-06", "value": 4}], data_type="count", frequency="monthly"
    )
    assert problem.code == "not_first_of_month"
    clean, problems = check(
        [{"period": "2025-01-01", "value": 4}], data_type="count", frequency="monthly"
    )
    assert problems == [] and clean[0].value == 4


def test_counts_cannot_be_negative_and_accept_thousands_separators():
    assert only_problem([{"period": "2025-01-06", "value": -2}], data_type="count").code == (
        "negative"
    )
    clean, _ = check([{"period": "2025-01-06", "value": "1,250"}], data_type="continuous")
    assert clean[0].value == 1250


def test_a_period_given_twice_is_rejected_on_its_second_row():
    clean, problems = check(
        [
            {"period": "2025-01-06", "value": 1},
            {"period": "2025-01-13", "value": 2},
            {"period": "2025-01-06", "value": 3},
        ],
        data_type="count",
    )
    assert [c.index for c in clean] == [0, 1]
    assert [(p.index, p.code) for p in problems] == [(2, "duplicate_period")]
    assert "row 1" in problems[0].message


def test_event_measures_are_not_checked_as_period_values():
    with pytest.raises(ValueError, match="record events"):
        check([{"period": "2025-01-06"}], data_type="events")


def test_a_rates_events_may_exceed_its_exposure():
    clean, problems = check(
        [{"period": "2025-01-06", "numerator": 12, "denominator": 3.5}], data_type="rate"
    )
    assert problems == [] and clean[0].numerator == 12


def test_a_mistyped_year_long_ago_is_refused():
    problem = only_problem([{"period": "0201-01-06", "value": 3}], data_type="count")
    assert problem.code in ("too_early", "not_monday")
    assert only_problem([{"period": "1999-01-04", "value": 3}], data_type="count").code == (
        "too_early"
    )
