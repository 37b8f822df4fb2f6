"""The charts beside the grid, each with its text summary."""

from django.urls import reverse

from measurement.analysis import analyse_inputs, read_inputs_of
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
        "narrow_src": f"{chart}?v={measure.data_version}&size=narrow",  # a phone's drawing
        "alt": f"{measure.get_chart_display()} of {measure.name}; its summary follows.",
        "summary": text_summary(analysis, spec) if analysis else NO_DATA,
        "summary_id": f"chart-summary-{measure.pk}",
    }


def with_current_versions(measures: list[Measure]) -> None:
    """The measures' data versions as stored now (after a save), which name their charts'
    images, so a browser fetches the new chart and not its cached one."""
    versions = dict(
        Measure.objects.filter(pk__in=[m.pk for m in measures]).values_list("pk", "data_version")
    )
    for measure in measures:
        measure.data_version = versions.get(measure.pk, measure.data_version)


def chart_blocks(measures: list[Measure], analyses: dict | None = None) -> list[dict]:
    """Each measure's chart and summary; the measures share a project, so its PDSA markers.
    `analyses` ({measure id: analysis}) when the caller has them already."""
    if analyses is None:
        inputs = read_inputs_of(measures)
        analyses = {m.pk: analyse_inputs(inputs[m.pk]) for m in measures}
    markers = pdsa_markers(measures[0]) if measures else ()
    return [chart_block(m, analyses[m.pk], markers) for m in measures]
