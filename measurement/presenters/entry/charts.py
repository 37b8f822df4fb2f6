"""The charts beside the grid, each with its text summary."""

from django.urls import reverse

from measurement.analysis import analyse_measure
from measurement.charting import chart_spec, pdsa_markers
from measurement.charts.summary import NO_DATA, text_summary
from measurement.models import Measure


def chart_block(measure: Measure, analysis, markers) -> dict:
    spec = chart_spec(measure, markers)
    chart = reverse("measurement:measure_chart", args=[measure.pk, "svg"])
    return {
        "id": f"chart-{measure.pk}",
        "name": measure.name,
        "href": measure.get_absolute_url(),
        "src": f"{chart}?v={measure.data_version}",
        "alt": f"{measure.get_chart_display()} of {measure.name}; its summary follows.",
        "summary": text_summary(analysis, spec) if analysis else NO_DATA,
        "summary_id": f"chart-summary-{measure.pk}",
    }


def chart_blocks(measures: list[Measure]) -> list[dict]:
    """Each measure's chart and summary; the measures share a project, so its PDSA markers."""
    markers = pdsa_markers(measures[0]) if measures else ()
    return [chart_block(m, analyse_measure(m), markers) for m in measures]
