"""Which chart suits which data, which rules suit which chart, and the checks that say so."""

from __future__ import annotations

import math
import numbers

from .types import (
    CHARTS,
    DATA_TYPES,
    IMPROVEMENTS,
    RULE_SETS,
    InvalidSettings,
    MeasureSettings,
)

# A chart's limits assume a distribution, so each chart only reads the data it was built for.
# XmR is allowed on counts, proportions and rates because Making Data Count uses it for all.
CHARTS_FOR_DATA_TYPE: dict[str, tuple[str, ...]] = {
    "continuous": ("xmr", "run"),
    "count": ("c", "xmr", "run"),
    "proportion": ("p", "pp", "xmr", "run"),
    "rate": ("u", "up", "xmr", "run"),
    "events": ("t", "g", "run"),
}

# The first rule set listed is the default for the chart: Making Data Count, the NHS convention,
# wherever its tests apply (XmR and, as PowerBI-SPC applies them, the attribute charts).
RULES_FOR_CHART: dict[str, tuple[str, ...]] = {
    "run": ("anhoej", "ihi"),
    **{chart: ("mdc", "anhoej") for chart in ("xmr", "p", "pp", "u", "up", "c")},
    **{chart: ("anhoej",) for chart in ("g", "t")},
}


def default_chart(data_type: str) -> str:
    _check_choice("data_type", data_type, DATA_TYPES)
    return CHARTS_FOR_DATA_TYPE[data_type][0]


def default_rules(chart: str) -> str:
    _check_choice("chart", chart, CHARTS)
    return RULES_FOR_CHART[chart][0]


def validate_settings(settings: MeasureSettings) -> None:
    """Raise InvalidSettings naming the first field that makes no sense."""
    _check_choice("data_type", settings.data_type, DATA_TYPES)
    _check_choice("chart", settings.chart, CHARTS)
    _check_choice("rules", settings.rules, RULE_SETS)
    _check_choice("improvement", settings.improvement, IMPROVEMENTS)
    allowed = CHARTS_FOR_DATA_TYPE[settings.data_type]
    if settings.chart not in allowed:
        raise InvalidSettings(
            "chart",
            f"a {settings.chart} chart cannot plot {settings.data_type} data; "
            f"use one of {', '.join(allowed)}",
        )
    rules = RULES_FOR_CHART[settings.chart]
    if settings.rules not in rules:
        raise InvalidSettings(
            "rules",
            f"{settings.rules} rules do not apply to a {settings.chart} chart; "
            f"use {' or '.join(rules)}",
        )
    _check_target(settings.target)
    _check_baseline(settings.baseline_points)
    _check_phases(settings)


def _check_choice(field: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise InvalidSettings(field, f"{value!r} is not one of {', '.join(choices)}")


def _check_target(target: float | None) -> None:
    if target is None:
        return
    # Decimals from the database are numbers too; booleans and strings are not.
    if isinstance(target, (bool, complex)) or not isinstance(target, numbers.Number):
        raise InvalidSettings("target", "must be a number")
    if not math.isfinite(target):
        raise InvalidSettings("target", "must be a finite number")


def _check_baseline(points: int | None) -> None:
    if points is None:
        return
    # Two points give one moving range, the least any limit can be computed from.
    if isinstance(points, bool) or not isinstance(points, int) or points < 2:
        raise InvalidSettings("baseline_points", "must be a whole number of at least 2")


def _check_phases(settings: MeasureSettings) -> None:
    starts = [phase.start for phase in settings.phases]
    if len(set(starts)) != len(starts):
        raise InvalidSettings("phases", "two phases start on the same period")
    for phase in settings.phases:
        if not (phase.reason or "").strip():
            raise InvalidSettings("phases", f"the phase starting {phase.start} needs a reason")
