"""The dashboards' figures, rendered once for each version of the stored figures.

What a dashboard shows from the rollups (headline, tiles, region table, breakdowns, trend charts)
depends only on the stored figures, the filters, the regions the viewer may see and the date. It
is rendered once and kept in the shared cache under all of those, so a page view under load is a
cache read and the page frame, not a dozen queries and a few hundred macro calls.

Nothing has to remember to invalidate it. Figures are written only by rollup runs, and a run
records when it starts and when it finishes; a render during a run is cached under the run's
start and replaced once it finishes. The highest figure id is in the key too, for figures
written outside a run (fixtures, a shell).
"""

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Max
from django.template.loader import render_to_string
from markupsafe import Markup

from reporting.models import RollupFigure, RollupRun

CACHE_SECONDS = 24 * 3600  # a key is dead once the figures change; this only bounds memory


def figures_version() -> tuple:
    """Changes whenever a run starts or finishes, or a figure is added (index reads only)."""
    runs = RollupRun.objects.aggregate(started=Max("pk"), finished=Max("finished_at"))
    return (
        runs["started"],
        runs["finished"],
        RollupFigure.objects.aggregate(latest=Max("pk"))["latest"],
    )


def render_once(
    template: str, request, *, key: tuple, context: Callable[[], dict], seconds: int = CACHE_SECONDS
) -> Markup:
    """`template` rendered with `context()`, which is only called when the cache misses."""
    digest = hashlib.sha256(repr((figures_version(), key)).encode()).hexdigest()
    name = f"dashboard-fragment:{template}:{digest}"
    html = cache.get(name)
    if html is None:
        html = render_to_string(template, context(), request)
        cache.set(name, html, seconds)
    return Markup(html)
