"""Charts for stored measures: the pure renderer (measurement/charts) plus caching.

A rendered chart is cached under the measure's data version, the project's PDSA markers and the
measure's notes, so any change to data, settings, cycles or notes draws it afresh and nothing
needs deleting.
"""

import hashlib

from django.core.cache import cache

from measurement import spc
from measurement.analysis import analyse_measure, settings_for
from measurement.charts.render import render_png, render_svg
from measurement.charts.spec import ChartSpec, NoteMarker, PdsaMarker
from measurement.models import DataType, Measure
from measurement.presenters.notes import numbered_notes

CACHE_SECONDS = 7 * 24 * 3600


def pdsa_markers(measure: Measure) -> tuple[PdsaMarker, ...]:
    cycles = measure.project.pdsa_cycles.order_by("start_date", "id").values_list(
        "start_date", "title"
    )
    return tuple(
        PdsaMarker(number=n, start=start, title=title)
        for n, (start, title) in enumerate(cycles, start=1)
    )


def note_markers(measure: Measure) -> tuple[NoteMarker, ...]:
    return tuple(
        NoteMarker(number=n.number, period=n.period, text=n.text, by=n.by, on=n.at.date())
        for n in numbered_notes(measure)
    )


def chart_spec(
    measure: Measure,
    markers: tuple[PdsaMarker, ...] | None = None,
    notes: tuple[NoteMarker, ...] = (),
) -> ChartSpec:
    """What the chart of `measure` needs besides its analysis. Notes are read by the callers
    that draw them (the chart, the measure page), not by the grid's many summaries."""
    return ChartSpec(
        title=measure.name,
        unit=measure.unit,
        multiplier=measure.multiplier,
        target=measure.target,
        improvement=measure.improvement,
        pdsa_markers=pdsa_markers(measure) if markers is None else markers,
        rules_label=measure.get_rules_display(),
        chart_label=measure.get_chart_display(),
        frequency=None if measure.data_type == DataType.EVENTS else measure.frequency,
        notes=notes,
    )


def chart_version(measure: Measure, markers, notes) -> str:
    """Names one drawing of the chart: its data version and a digest of its cycles and notes
    (which do not change the data version). Image addresses carry it, so a browser fetches a
    chart afresh when a note is added."""
    digest = hashlib.sha1(repr((markers, notes)).encode()).hexdigest()[:12]
    return f"{measure.data_version}-{digest}"


def chart_key(measure: Measure, image_format="svg", narrow=False, markers=None, notes=None) -> str:
    """The cache key of one drawing (the PDSA markers and notes are read when not given)."""
    markers = pdsa_markers(measure) if markers is None else markers
    notes = note_markers(measure) if notes is None else notes
    width = "narrow" if narrow else "wide"
    return f"chart:{measure.pk}:{chart_version(measure, markers, notes)}:{width}:{image_format}"


def chart_image(measure: Measure, image_format: str = "svg", narrow: bool = False) -> bytes:
    """The chart as SVG or PNG bytes; `narrow` draws it for a phone's width."""
    markers, notes = pdsa_markers(measure), note_markers(measure)
    key = chart_key(measure, image_format, narrow, markers, notes)
    image = cache.get(key)
    if image is None:
        analysis = analyse_measure(measure) or spc.Analysis(
            settings=settings_for(measure), points=(), phases=(), variation=None, assurance=None
        )
        render = render_svg if image_format == "svg" else render_png
        image = render(analysis, chart_spec(measure, markers, notes), narrow=narrow)
        cache.set(key, image, CACHE_SECONDS)
    return image
