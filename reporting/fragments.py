"""The dashboards' expensive parts, rendered once for what they show and served from the cache.

A fragment lives in one cache slot per thing it shows (the template, the filters, the regions the
viewer may see, the date) and is stamped with the version of the data it was drawn from: for the
figures, the versions of the (scope, year) pairs it reads (`reporting.models.FigureVersion`), so
a rollup run that changes Wessex 2026/27 leaves Oxford's pages as they are.

When the version moves, stale-while-revalidate: one process takes a short lock and draws the
fragment again while every other request keeps serving the previous copy, so a run during a
busy hour costs one render, not a hundred at once. A slot not drawn yet waits a moment for
whoever is drawing it. The cache being unreachable only costs renders: every request then draws
its own copy.
"""

import hashlib
import logging
import time
from collections.abc import Callable, Hashable

from django.core.cache import cache
from django.template.loader import render_to_string
from markupsafe import Markup

from reporting.rollups import read

logger = logging.getLogger(__name__)

CACHE_SECONDS = 24 * 3600  # a slot is overwritten when its version moves; this bounds memory
RENDER_LOCK_SECONDS = 10  # longer than any render; a crashed renderer frees its lock by then
FIRST_RENDER_WAIT = 2.0  # how long a request waits for another's first render of a slot


def figure_versions(request) -> dict[tuple[str, str], int]:
    """The stored figures' versions, read once per request."""
    if not hasattr(request, "_figure_versions"):
        request._figure_versions = read.figure_versions()
    return request._figure_versions


def versions_of(versions: dict, *, scopes=(), years=()) -> tuple:
    """The versions of every year of `scopes` and of every scope in `years`, in order."""
    return tuple(
        sorted(
            (key, version)
            for key, version in versions.items()
            if key[0] in scopes or key[1] in years
        )
    )


def _digest(value) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()


def _cached(name: str):
    try:
        return cache.get(name)
    except Exception:
        logger.warning("Dashboard cache unavailable: reading %s", name, exc_info=True)
        return None


def _claim(name: str) -> bool:
    try:
        return bool(cache.add(f"{name}:rendering", True, RENDER_LOCK_SECONDS))
    except Exception:
        return True  # no cache, no herd to protect: render


def _store(name: str, value, seconds: int) -> None:
    try:
        cache.set(name, value, seconds)
        cache.delete(f"{name}:rendering")
    except Exception:
        logger.warning("Dashboard cache unavailable: storing %s", name, exc_info=True)


def _wait_for(name: str, wanted: str):
    """Another request is drawing the slot for the first time: its copy, if it comes soon."""
    deadline = time.monotonic() + FIRST_RENDER_WAIT
    while time.monotonic() < deadline:
        time.sleep(0.05)
        found = _cached(name)
        if found and found[0] == wanted:
            return found
    return None


def render_fresh(
    template: str,
    request,
    *,
    slot: Hashable,
    version: Hashable,
    context: Callable[[], dict],
    seconds: int = CACHE_SECONDS,
) -> Markup:
    """`template` rendered with `context()` (called only to draw it), as of `version`."""
    name = f"dashboard-fragment:{template}:{_digest(slot)}"
    wanted = _digest(version)
    found = _cached(name)
    if found and found[0] == wanted:
        return Markup(found[1])
    if not _claim(name):
        found = found or _wait_for(name, wanted)
        if found:
            return Markup(found[1])  # the previous copy while another process draws this one
    html = render_to_string(template, context(), request)
    _store(name, (wanted, html), seconds)
    return Markup(html)
