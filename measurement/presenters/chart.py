"""The measure page's chart: its image addresses (wide, and narrow for phones), text alternative,
the period it spans, what lies outside it, and the target in display units."""

from __future__ import annotations

from django.urls import reverse

from measurement.charting import chart_version
from measurement.charts.period import outside_lines, span_sentence
from measurement.charts.spec import ChartSpec
from measurement.charts.summary import chart_description, has_no_variation
from measurement.charts.wording import target_words
from measurement.models import Measure
from measurement.spc.types import Analysis

NO_TARGET = "None"


def chart_figure(measure: Measure, analysis: Analysis | None, spec: ChartSpec) -> dict:
    """What the <figure> shows: the image for each width, and its words."""
    src = reverse("measurement:measure_chart", args=[measure.pk, "svg"])
    version = chart_version(measure, spec.pdsa_markers, spec.notes)
    points = analysis.points if analysis else ()
    described = chart_description(analysis, spec) if analysis else "No data has been entered yet."
    return {
        "src": f"{src}?v={version}",
        "narrow_src": f"{src}?v={version}&size=narrow",
        "alt": f"{measure.get_chart_display()} of {measure.name}. {described} "
        "The data is in the table below.",
        "span": span_sentence([p.period for p in points], spec.frequency),
        "outside": outside_lines(analysis, spec) if analysis else [],
        "no_variation": bool(analysis) and has_no_variation(analysis),
    }


def target_text(measure: Measure) -> str:
    """The measure's target as the chart shows it (90%, not 0.9)."""
    if measure.target is None:
        return NO_TARGET
    return target_words(measure.target, measure.multiplier, measure.unit)
