"""Words and number formats shared by the chart, its text summary and its data table."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from measurement.spc.codes import Variation
from measurement.spc.types import OUTSIDE_LIMITS, SHIFT, TREND, TWO_OF_THREE, Analysis, PointResult

from .spec import ChartSpec

CHART_NAMES = {
    "run": "Run chart",
    "xmr": "XmR chart",
    "p": "P chart",
    "pp": "P′ chart (Laney)",
    "u": "U chart",
    "up": "U′ chart (Laney)",
    "c": "C chart",
    "g": "G chart",
    "t": "T chart",
}
RULE_NAMES = {
    "mdc": "Making Data Count rules",
    "anhoej": "Anhøj rules",
    "ihi": "IHI run chart rules",
}
SIGNAL_WORDS = {
    OUTSIDE_LIMITS: "Outside limits",
    SHIFT: "Shift",
    TREND: "Trend",
    TWO_OF_THREE: "Two of three beyond 2σ",
}
POINT_TYPE_WORDS = {
    Variation.COMMON_CAUSE: "Common cause",
    Variation.IMPROVEMENT: "Special cause improvement",
    Variation.CONCERN: "Special cause concern",
    Variation.NEUTRAL_HIGH: "Special cause (high)",
    Variation.NEUTRAL_LOW: "Special cause (low)",
}
# Units written against the number rather than after a space.
TIGHT_UNITS = ("%", "‰")


def chart_name(analysis: Analysis, spec: ChartSpec) -> str:
    return spec.chart_label or CHART_NAMES.get(analysis.settings.chart, analysis.settings.chart)


def rules_name(analysis: Analysis, spec: ChartSpec) -> str:
    return spec.rules_label or RULE_NAMES.get(analysis.settings.rules, analysis.settings.rules)


def centre_word(analysis: Analysis) -> str:
    """The centre line as a reader would name it."""
    chart = analysis.settings.chart
    if chart in ("run", "g"):
        return "median"
    return "mean" if chart in ("xmr", "c", "t") else "centre line"


def signal_words(signals: tuple[str, ...]) -> str:
    return "; ".join(SIGNAL_WORDS.get(name, name) for name in signals)


@dataclass(frozen=True)
class ValueFormat:
    """Display values: times the multiplier, to a precision that suits the data, with the unit."""

    multiplier: float
    unit: str
    decimals: int
    whole_values: bool  # every plotted value is a whole number once multiplied: show none

    def number(self, value: float | None, decimals: int | None = None) -> str:
        if value is None or math.isnan(value):
            return ""
        places = self.decimals if decimals is None else decimals
        return f"{value * self.multiplier:,.{places}f}"

    def __call__(self, value: float | None, decimals: int | None = None) -> str:
        text = self.number(value, decimals)
        if not text or not self.unit:
            return text
        return f"{text}{self.unit}" if self.unit in TIGHT_UNITS else f"{text} {self.unit}"

    def value(self, value: float | None) -> str:
        """A plotted value: whole counts as counts, values as entered keep their decimals."""
        if self.whole_values:
            return self(value, 0)
        if self.multiplier == 1 and value is not None:
            return self(value, max(self.decimals, _places(value)))
        return self(value)

    def target(self, value: float) -> str:
        """A target as people state it: 85%, not 85.0%."""
        shown = value * self.multiplier
        return self(value, 0 if abs(shown - round(shown)) < 1e-9 else None)


def value_format(analysis: Analysis, spec: ChartSpec) -> ValueFormat:
    shown = [p.value * spec.multiplier for p in analysis.points]
    return ValueFormat(
        multiplier=spec.multiplier,
        unit=spec.unit,
        decimals=decimals_for(max((abs(v) for v in shown), default=0.0)),
        # Counts shown as counts; a proportion that happens to be whole still gets its decimals.
        whole_values=spec.multiplier == 1 and all(v == round(v) for v in shown),
    )


def target_words(target: float, multiplier: float = 1.0, unit: str = "") -> str:
    """A target in display units without an analysis to hand: 0.9 on a % proportion is "90%"."""
    shown = abs(target * multiplier)
    return ValueFormat(multiplier, unit, decimals_for(shown), False).target(target)


def decimals_for(scale: float) -> int:
    """One decimal for everyday figures, more for small ones, none for thousands."""
    if scale >= 1000:
        return 0
    if scale >= 10 or scale == 0:
        return 1
    return min(4, 1 - math.floor(math.log10(scale)))


def _places(value: float, most: int = 4) -> int:
    """The decimals a value needs to be shown as entered (up to `most`)."""
    return next((d for d in range(most) if abs(round(value, d) - value) < 1e-9), most)


def trailing_run(
    points: list[PointResult], keep: Callable[[PointResult], bool]
) -> list[PointResult]:
    """The points at the end of the list that all pass `keep`, oldest first."""
    run: list[PointResult] = []
    for point in reversed(points):
        if not keep(point):
            break
        run.append(point)
    return run[::-1]


def side_word(point: PointResult) -> str:
    return "above" if point.centre is None or point.value > point.centre else "below"
