"""The far-outside check before saving: a value far beyond its chart's limits is saved only
once the person confirms it."""

import math

from measurement.charting import chart_spec
from measurement.charts.wording import value_format
from measurement.entry_rules import CleanPoint
from measurement.models import Measure


def plotted(point: CleanPoint) -> float:
    return point.value if point.value is not None else point.numerator / point.denominator


def outlier_warning(measure: Measure, analysis, point: CleanPoint) -> str:
    """A sentence when the value lies more than one limit-width beyond the last phase's limits
    (run charts: above three times the median); empty when it looks ordinary."""
    if analysis is None or not analysis.points:
        return ""
    value, last = plotted(point), analysis.points[-1]
    fmt = value_format(analysis, chart_spec(measure, ()))
    shown = f"“{measure.name}”: {fmt.value(value)}"
    if _finite(last.upper, last.lower):
        width = last.upper - last.lower
        if width > 0 and value > last.upper + width:
            return f"{shown} is far above the chart's upper limit ({fmt(last.upper)})"
        if width > 0 and value < last.lower - width:
            return f"{shown} is far below the chart's lower limit ({fmt(last.lower)})"
    elif _finite(last.centre) and last.upper is None and 0 < 3 * last.centre < value:
        return f"{shown} is more than three times the median ({fmt(last.centre)})"
    return ""


def _finite(*numbers) -> bool:
    return all(n is not None and math.isfinite(n) for n in numbers)


def confirm_token(points: dict[int, CleanPoint]) -> str:
    """Names the values a person confirmed, so a changed value is checked again."""
    return ";".join(
        f"{pk}={points[pk].value}|{points[pk].numerator}|{points[pk].denominator}"
        for pk in sorted(points)
    )
