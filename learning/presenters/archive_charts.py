"""A published story's charts as the public sees them: the image (drawn without the notes on
points, which may name people), its text alternative and summary, the Making Data Count icons
with their words, and the data table with small counts shown as "fewer than 5"."""

import logging

from django.core.cache import cache
from django.urls import reverse

from learning.disclosure import shown_count
from learning.presenters.results_icons import icons_of
from measurement import spc
from measurement.analysis import analyse_inputs, read_inputs_of, settings_for
from measurement.charting import CACHE_SECONDS, chart_key, chart_spec, pdsa_markers
from measurement.charts.render import render_svg
from measurement.charts.summary import text_summary
from measurement.charts.table import data_table, table_headers
from measurement.models import DataType, Measure
from measurement.presenters.chart import chart_figure, target_text

logger = logging.getLogger(__name__)
NO_NOTES = ()
# Cells holding counts of people or events, hidden when small.
COUNT_CELLS = ("numerator", "denominator")


def public_charts(story, measures: list[Measure]) -> list[dict]:
    """One dict a published measure: name, figure (src, narrow_src, alt, span, outside),
    summary, icons, target, headers and rows of its table. The data is read in one batch."""
    if not measures:
        return []
    inputs = read_inputs_of(measures)
    markers = pdsa_markers(measures[0])  # one project: the same cycles on every chart
    return [_chart(story, m, _analysis(m, inputs[m.pk]), markers) for m in measures]


def _analysis(measure: Measure, inputs):
    """The chart, or None (shown as having no data) when its stored settings or data cannot be
    charted: one bad measure should not take the public page down."""
    try:
        return analyse_inputs(inputs)
    except (spc.InvalidSettings, spc.InvalidData) as error:
        logger.warning("Public chart of measure %s not drawn: %s", measure.pk, error)
        return None


def _chart(story, measure: Measure, analysis, markers) -> dict:
    spec = chart_spec(measure, markers, notes=NO_NOTES)
    figure = chart_figure(measure, analysis, spec)
    src = reverse("learning:archive_chart", args=[story.slug, measure.pk])
    version = figure["src"].rsplit("?v=", 1)[-1]
    figure.update(src=f"{src}?v={version}", narrow_src=f"{src}?v={version}&size=narrow")
    return {
        "id": measure.pk,
        "name": measure.name,
        "figure": figure,
        "chart_words": f"{measure.get_chart_display()}, {measure.get_rules_display()}.",
        "summary": text_summary(analysis, spec) if analysis else "No data has been entered yet.",
        "icons": icons_of(measure.variation, measure.assurance, measure.improvement),
        "target": target_text(measure),
        "headers": table_headers(analysis, spec) if analysis else [],
        "rows": public_rows(measure, analysis, spec) if analysis else [],
    }


def public_rows(measure: Measure, analysis, spec) -> list[dict]:
    """The chart's table, with numerators, denominators and counts below the threshold hidden."""
    rows = data_table(analysis, spec)
    counted = measure.data_type == DataType.COUNT
    for row, point in zip(rows, analysis.points, strict=True):
        for key in COUNT_CELLS:
            number = getattr(point, key)
            if key in row and number is not None:
                row[key] = shown_count(number)
        if counted and point.value is not None:
            row["value"] = shown_count(point.value)
    return rows


def public_chart_svg(measure: Measure, narrow: bool = False) -> bytes:
    """The chart image without notes on points, cached under its data version."""
    markers = pdsa_markers(measure)
    key = "public-" + chart_key(measure, "svg", narrow, markers, NO_NOTES)
    image = cache.get(key)
    if image is None:
        analysis = _analysis(measure, read_inputs_of([measure])[measure.pk]) or spc.Analysis(
            settings=settings_for(measure), points=(), phases=(), variation=None, assurance=None
        )
        image = render_svg(analysis, chart_spec(measure, markers, NO_NOTES), narrow=narrow)
        cache.set(key, image, CACHE_SECONDS)
    return image
