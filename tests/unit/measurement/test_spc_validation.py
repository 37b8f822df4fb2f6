"""Nonsense settings and data are refused with the field (or period) named."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest

from measurement.spc import (
    CHARTS,
    CHARTS_FOR_DATA_TYPE,
    DATA_TYPES,
    RULE_SETS,
    RULES_FOR_CHART,
    Event,
    InvalidData,
    InvalidSettings,
    MeasureSettings,
    Observation,
    Phase,
    analyse,
    default_chart,
    default_rules,
    validate_settings,
)

MONDAY = date(2024, 1, 1)


def _weekly(values):
    return [Observation(MONDAY + timedelta(weeks=i), value=v) for i, v in enumerate(values)]


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        (MeasureSettings("p", "anhoej", "continuous"), "chart"),
        (MeasureSettings("t", "anhoej", "count"), "chart"),
        (MeasureSettings("xmr", "anhoej", "events"), "chart"),
        (MeasureSettings("g", "mdc", "events"), "rules"),
        (MeasureSettings("t", "mdc", "events"), "rules"),
        (MeasureSettings("run", "mdc", "continuous"), "rules"),
        (MeasureSettings("xmr", "ihi", "continuous"), "rules"),
        (MeasureSettings("pie", "anhoej", "continuous"), "chart"),
        (MeasureSettings("xmr", "western_electric", "continuous"), "rules"),
        (MeasureSettings("xmr", "mdc", "money"), "data_type"),
        (MeasureSettings("xmr", "mdc", "continuous", improvement="up"), "improvement"),
        (MeasureSettings("xmr", "mdc", "continuous", target=float("nan")), "target"),
        (MeasureSettings("xmr", "mdc", "continuous", target="85"), "target"),
        (MeasureSettings("xmr", "mdc", "continuous", baseline_points=1), "baseline_points"),
        (MeasureSettings("xmr", "mdc", "continuous", baseline_points=2.5), "baseline_points"),
        (
            MeasureSettings("xmr", "mdc", "continuous", phases=(Phase(MONDAY, " "),)),
            "phases",
        ),
        (
            MeasureSettings(
                "xmr", "mdc", "continuous", phases=(Phase(MONDAY, "a"), Phase(MONDAY, "b"))
            ),
            "phases",
        ),
    ],
)
def test_invalid_settings_name_the_field(settings, field):
    with pytest.raises(InvalidSettings) as raised:
        validate_settings(settings)
    assert raised.value.field == field
    assert str(raised.value).startswith(f"{field}: ")


def test_invalid_settings_is_a_value_error_with_a_helpful_message():
    with pytest.raises(ValueError, match="a p chart cannot plot continuous data; use one of xmr"):
        analyse(MeasureSettings("p", "anhoej", "continuous"), observations=_weekly([1, 2]))


def test_every_listed_combination_is_accepted_and_every_other_is_refused():
    for data_type, chart, rules in itertools.product(DATA_TYPES, CHARTS, RULE_SETS):
        settings = MeasureSettings(chart, rules, data_type)
        allowed = chart in CHARTS_FOR_DATA_TYPE[data_type] and rules in RULES_FOR_CHART[chart]
        if allowed:
            validate_settings(settings)
        else:
            with pytest.raises(InvalidSettings):
                validate_settings(settings)


@pytest.mark.parametrize(
    ("data_type", "chart"),
    [("continuous", "xmr"), ("count", "c"), ("proportion", "p"), ("rate", "u"), ("events", "t")],
)
def test_default_chart_for_each_data_type(data_type, chart):
    assert default_chart(data_type) == chart


@pytest.mark.parametrize(
    ("chart", "rules"),
    [
        ("run", "anhoej"),
        ("xmr", "mdc"),
        ("p", "mdc"),
        ("pp", "mdc"),
        ("u", "mdc"),
        ("up", "mdc"),
        ("c", "mdc"),
        ("g", "anhoej"),
        ("t", "anhoej"),
    ],
)
def test_default_rules_for_each_chart(chart, rules):
    assert default_rules(chart) == rules


def test_default_chart_refuses_an_unknown_data_type():
    with pytest.raises(InvalidSettings, match="data_type"):
        default_chart("money")


def test_a_phase_cannot_start_on_or_before_the_first_point():
    for start in (MONDAY - timedelta(weeks=1), MONDAY):
        settings = MeasureSettings("xmr", "mdc", "continuous", phases=(Phase(start, "rebase"),))
        with pytest.raises(InvalidSettings, match="must start after the first period") as raised:
            analyse(settings, observations=_weekly([1, 2, 3, 4]))
        assert raised.value.field == "phases"


def test_a_phase_after_the_last_point_has_no_points():
    late = Phase(MONDAY + timedelta(weeks=10), "rebase")
    settings = MeasureSettings("xmr", "mdc", "continuous", phases=(late,))
    with pytest.raises(InvalidSettings, match="has no points"):
        analyse(settings, observations=_weekly([1, 2, 3, 4]))


@pytest.mark.parametrize(
    ("observation", "message"),
    [
        (Observation(MONDAY, numerator=12, denominator=10), "cannot exceed the denominator"),
        (Observation(MONDAY, numerator=1, denominator=0), "greater than zero"),
        (Observation(MONDAY, numerator=-1, denominator=10), "cannot be negative"),
        (Observation(MONDAY, value=0.5), "numerator and a denominator are required"),
    ],
)
def test_invalid_proportions_name_the_period(observation, message):
    with pytest.raises(InvalidData, match=message) as raised:
        analyse(MeasureSettings("p", "anhoej", "proportion"), observations=[observation])
    assert raised.value.period == MONDAY
    assert str(raised.value).startswith("2024-01-01: ")


def test_missing_values_and_duplicate_periods_are_refused():
    run = MeasureSettings("run", "anhoej", "continuous")
    with pytest.raises(InvalidData, match="a value is required"):
        analyse(run, observations=[Observation(MONDAY)])
    with pytest.raises(InvalidData, match="more than one observation"):
        analyse(run, observations=[Observation(MONDAY, 1.0), Observation(MONDAY, 2.0)])
    with pytest.raises(InvalidData, match="cannot be negative"):
        analyse(MeasureSettings("c", "anhoej", "count"), observations=_weekly([1, -1]))


def test_events_and_observations_go_to_the_right_data_type():
    with pytest.raises(InvalidData, match="takes events"):
        analyse(MeasureSettings("t", "anhoej", "events"), observations=_weekly([1, 2]))
    with pytest.raises(InvalidData, match="takes observations"):
        analyse(MeasureSettings("xmr", "mdc", "continuous"), events=[Event(MONDAY)])


def test_a_decimal_target_from_the_database_is_accepted():
    settings = MeasureSettings("xmr", "mdc", "continuous", "increase", Decimal("99.5"))
    analysis = analyse(settings, observations=_weekly([50, 52, 49, 51]))
    assert analysis.assurance == "consistent_fail"
    assert analysis.to_document()["target"] == 99.5


def test_decimal_values_from_the_database_are_accepted():
    observations = [
        Observation(MONDAY + timedelta(weeks=i), numerator=Decimal(n), denominator=Decimal("50"))
        for i, n in enumerate(["5", "7.5", "6"])
    ]
    analysis = analyse(MeasureSettings("u", "anhoej", "rate"), observations=observations)
    assert [p.value for p in analysis.points] == [0.1, 0.15, 0.12]
    assert all(type(p.numerator) is float for p in analysis.points)
