"""Charts for stored measures: the pure renderer (measurement/charts) plus caching.

A rendered chart is cached under the measure's data version and the project's PDSA markers, so
any change to data, settings or cycles draws it afresh and nothing needs deleting.
"""

import hashlib

from django.core.cache import cache

from measurement import spc
from measurement.analysis import analyse_measure, settings_for
from measurement.charts.render import render_png, render_svg
from measurement.charts.spec import ChartSpec, PdsaMarker
from measurement.models import Measure

CACHE_SECONDS = 7 * 24 * 3600


def pdsa_markers(measure: Measure) -> tuple[PdsaMarker, ...]:
    cycles = measure.project.pdsa_cycles.order_by("start_date", "id").values_list(
        "start_date", "title"
    )
    return tuple(
        PdsaMarker(number=n, start=start, title=title)
        for n, (start, title) in enumerate(cycles, start=1)
    )


def chart_spec(measure: Measure, markers: tuple[PdsaMarker, ...] | None = None) -> ChartSpec:
    return ChartSpec(
        title=measure.name,
        unit=measure.unit,
        multiplier=measure.multiplier,
        target=measure.target,
        improvement=measure.improvement,
        pdsa_markers=pdsa_markers(measure) if markers is None else markers,
        rules_label=measure.get_rules_display(),
        chart_label=measure.get_chart_display(),
    )


def _key(measure: Measure, markers, image_format: str) -> str:
    digest = hashlib.sha1(repr(markers).encode()).hexdigest()[:12]
    return f"chart:{measure.pk}:{measure.data_version}:{digest}:{image_format}"


def chart_image(measure: Measure, image_format: str = "svg") -> bytes:
    markers = pdsa_markers(measure)
    key = _key(measure, markers, image_format)
    image = cache.get(key)
    if image is None:
        analysis = analyse_measure(measure) or spc.Analysis(
            settings=settings_for(measure), points=(), phases=(), variation=None, assurance=None
        )
        render = render_svg if image_format == "svg" else render_png
        image = render(analysis, chart_spec(measure, markers))
        cache.set(key, image, CACHE_SECONDS)
    return image
