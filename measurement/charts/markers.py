"""Each point's status as a marker whose shape and colour both say what it is."""

from __future__ import annotations

from dataclasses import dataclass

from measurement.spc.codes import Variation
from measurement.spc.types import OUTSIDE_LIMITS, SHIFT, TREND, Analysis, PointResult

from .style import BLUE, MID_GREY, ORANGE, PURPLE

IMPROVEMENT_SIGN = {"increase": 1, "decrease": -1, "neither": 0}
KIND_COLOURS = {"improvement": BLUE, "concern": ORANGE, "neutral": PURPLE}
KIND_WORDS = {
    "improvement": "Special cause improvement",
    "concern": "Special cause concern",
    "neutral": "Special cause",
}
PLACE_SHAPES = {"outside": "s", "high": "^", "low": "v"}
PLACE_WORDS = {"outside": "outside limits", "high": "high", "low": "low"}
COMMON = "common"


@dataclass(frozen=True)
class MarkerStyle:
    key: str
    marker: str  # matplotlib marker: o circle, ^ up, v down, s square
    colour: str
    label: str


def marker_style(key: str, chart: str = "xmr", rules: str = "mdc") -> MarkerStyle:
    if key == COMMON:
        return MarkerStyle(COMMON, "o", MID_GREY, _common_label(chart, rules))
    kind, place = key.split("_")
    return MarkerStyle(
        key, PLACE_SHAPES[place], KIND_COLOURS[kind], f"{KIND_WORDS[kind]} – {PLACE_WORDS[place]}"
    )


def _common_label(chart: str, rules: str) -> str:
    if chart != "run":
        return "Common cause variation"
    return "No shift or trend" if rules == "ihi" else "Data point"


def marker_keys(analysis: Analysis, improvement: str) -> list[str]:
    """One key per point: "common", or "<improvement|concern|neutral>_<outside|high|low>"."""
    points = analysis.points
    if analysis.settings.rules == "mdc":
        return [_mdc_key(p, analysis.settings.improvement) for p in points]
    sign = IMPROVEMENT_SIGN[improvement]
    return [_rules_key(points, i, sign) for i in range(len(points))]


def _mdc_key(point: PointResult, improvement: str) -> str:
    kind = point.point_type or Variation.COMMON_CAUSE
    if kind == Variation.COMMON_CAUSE or point.main_signal is None:
        return COMMON
    if kind.startswith("special_cause_neutral"):
        return _key("neutral", point, 1 if kind.endswith("high") else -1)
    sign = IMPROVEMENT_SIGN[improvement] or 1
    direction = sign if kind == Variation.IMPROVEMENT else -sign
    return _key(kind.removeprefix("special_cause_"), point, direction)


def _key(kind: str, point: PointResult, direction: int) -> str:
    if OUTSIDE_LIMITS in point.signals and point.main_signal in (None, OUTSIDE_LIMITS):
        return f"{kind}_outside"
    return f"{kind}_{'high' if direction > 0 else 'low'}"


def _rules_key(points: tuple[PointResult, ...], i: int, sign: int) -> str:
    """Anhøj and IHI flag points without a direction: work it out from the data."""
    point = points[i]
    if not point.signals:
        return COMMON
    direction = _direction(points, i)
    kind = "neutral" if sign == 0 else ("improvement" if direction * sign > 0 else "concern")
    return _key(kind, point, direction)


def _direction(points: tuple[PointResult, ...], i: int) -> int:
    point = points[i]
    if OUTSIDE_LIMITS in point.signals or SHIFT in point.signals or TREND not in point.signals:
        return 1 if point.centre is None or point.value > point.centre else -1
    return _trend_direction(points, i)


def _trend_direction(points: tuple[PointResult, ...], i: int) -> int:
    """The step from the previous different value in the trend, else to the next one."""
    here = points[i]
    for steps in (range(i - 1, -1, -1), range(i + 1, len(points))):
        other = next((points[j] for j in steps if points[j].value != here.value), None)
        if other is not None and other.phase == here.phase and TREND in other.signals:
            return 1 if (here.value - other.value) * (here.period - other.period).days > 0 else -1
    return 1
