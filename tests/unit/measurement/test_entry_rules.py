from datetime import date

import pytest

from measurement.entry_rules import check_events, check_points

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


# Whole numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data_type", "row", "field"),
    [
        ("proportion", {"numerator": "30.5", "denominator": "40"}, "numerator"),
        ("proportion", {"numerator": 30, "denominator": 40.5}, "denominator"),
        ("count", {"value": "2.5"}, "value"),
        ("rate", {"numerator": 1.5, "denominator": 1400}, "numerator"),
    ],
)
def test_people_and_events_are_counted_whole(data_type, row, field):
    problem = only_problem([{"period": "2025-01-06", **row}], data_type=data_type)
    assert (problem.field, problem.code) == (field, "not_whole")
    assert problem.message.startswith(f"The {field} must be a whole number, not ")


def test_a_rates_exposure_and_a_continuous_value_may_be_fractions():
    for data_type, row in [
        ("rate", {"numerator": 2, "denominator": "1400.5"}),
        ("continuous", {"value": "16.1"}),
    ]:
        clean, problems = check([{"period": "2025-01-06", **row}], data_type=data_type)
        assert problems == [] and len(clean) == 1


def test_a_measure_that_allows_decimals_takes_them():
    row = {"period": "2025-01-06", "numerator": "30.5", "denominator": "40.25"}
    clean, problems = check_points(
        [row], data_type="proportion", frequency="weekly", today=TODAY, allow_decimals=True
    )
    assert problems == [] and clean[0].numerator == 30.5


def test_a_whole_number_written_with_a_point_is_whole():
    clean, problems = check([{"period": "2025-01-06", "numerator": "30.0", "denominator": 40}])
    assert problems == [] and clean[0].numerator == 30


def test_an_unchanged_stored_value_is_kept_but_a_changed_one_is_refused():
    stored = {date(2025, 1, 6): (None, 30.5, 40.0)}
    rows = [{"period": "2025-01-06", "numerator": "30.5", "denominator": "40"}]
    rules = {"data_type": "proportion", "frequency": "weekly", "today": TODAY, "stored": stored}
    clean, problems = check_points(rows, **rules)
    assert problems == [] and clean[0].numerator == 30.5
    rows[0]["numerator"] = "31.5"
    _, problems = check_points(rows, **rules)
    assert [p.code for p in problems] == ["not_whole"]


# Magnitude --------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [1e13, "1e300", 1e300, "1e309", "inf", "-inf", 10**39])
@pytest.mark.parametrize("field", ["numerator", "denominator"])
def test_numbers_beyond_ten_to_the_twelve_are_refused_by_name(raw, field):
    row = {"period": "2025-01-06", "numerator": 1, "denominator": 2, field: raw}
    problem = only_problem([row], data_type="rate")
    assert problem.field == field
    assert problem.code in ("too_large", "negative")
    if problem.code == "too_large":
        assert problem.message == f"The {field} is too large: at most 1,000,000,000,000 (10¹²)"


def test_ten_to_the_twelve_itself_is_accepted():
    clean, problems = check([{"period": "2025-01-06", "value": 1e12}], data_type="continuous")
    assert problems == [] and clean[0].value == 1e12
    problem = only_problem([{"period": "2025-01-06", "value": 1e12 + 1}], data_type="count")
    assert (problem.field, problem.code) == ("value", "too_large")


@pytest.mark.parametrize("raw", [1e13, "1e300", "inf", 10**40])
def test_opportunities_beyond_ten_to_the_twelve_are_refused_by_name(raw):
    clean, problems = check_events(
        [{"date": "2025-01-06", "opportunities_since_previous": raw}],
        needs_opportunities=True,
        today=TODAY,
    )
    assert clean == []
    assert [(p.field, p.code) for p in problems] == [("opportunities_since_previous", "too_large")]
