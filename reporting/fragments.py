"""The dashboards' expensive parts, rendered once for what they show and served from the cache.

A fragment lives in one cache slot per thing it shows (the template, the filters, the regions the
viewer may see, the date) and is stamped with the version of the data it was drawn from: for the
figures, the versions of the (scope, year) pairs it reads (`reporting.models.FigureVersion`), so
a rollup run that changes Wessex 2026/27 leaves Oxford's pages as they are.

When the version moves, stale-while-revalidate: the request is answered at once with the
previous copy, and the first request to see it stale takes a short lock and draws the new one
after its response has gone (Django's request_finished), so neither that reader nor the others
wait, and a run during a busy hour costs one render a slot, not one a reader. A slot never drawn
is drawn in the request (and a request that finds another drawing it waits a moment for that
copy). The cache being unreachable only costs renders: every request then draws its own copy.
"""

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache
from django.core.signals import request_finished
from django.template.loader import render_to_string
from markupsafe import Markup

from reporting.rollups import read

logger = logging.getLogger(__name__)

CACHE_SECONDS = 24 * 3600  # a slot is overwritten when its version moves; this bounds memory
RENDER_LOCK_SECONDS = 10  # longer than any render; a crashed renderer frees its lock by then
FIRST_RENDER_WAIT = 2.0  # how long a request waits for another's first render of a slot

T = TypeVar("T")


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


def every(seconds: int, slot: Hashable) -> int:
    """A version that moves on every `seconds`, each slot at a moment of its own, so slots filled
    together do not all go stale together (a burst of draws at the top of every minute)."""
    offset = int(_digest(slot)[:8], 16) % seconds
    return int((time.time() + offset) // seconds)


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


_after_response = threading.local()


def _later(job: Callable[[], None]) -> None:
    """Runs `job` once this thread's response has been sent."""
    if not hasattr(_after_response, "jobs"):
        _after_response.jobs = []
    _after_response.jobs.append(job)


def _run_later_jobs(**kwargs) -> None:
    jobs, _after_response.jobs = getattr(_after_response, "jobs", []), []
    for job in jobs:
        try:
            job()
        except Exception:
            logger.exception("A dashboard fragment could not be drawn after its response")


request_finished.connect(_run_later_jobs, dispatch_uid="dashboard-fragments-after-response")


def fresh(
    kind: str,
    *,
    slot: Hashable,
    version: Hashable,
    draw: Callable[[], T],
    seconds: int = CACHE_SECONDS,
    serve_stale: bool = True,
) -> T:
    """`draw()`'s value (anything the cache can pickle) as of `version`, from the slot `slot` of
    `kind`: drawn only when the slot is empty or stale, as the module says. `serve_stale=False`
    draws a stale slot now, as a missing one: for a value read while drawing something else after
    the response, which must be drawn from the new copy."""
    name = f"dashboard-{kind}:{_digest(slot)}"
    wanted = _digest(version)
    found = _cached(name)
    if found and found[0] == wanted:
        return found[1]

    def draw_and_store() -> T:
        value = draw()
        _store(name, (wanted, value), seconds)
        return value

    if found and serve_stale:  # this copy now, the new one drawn after the response (by one)
        if _claim(name):
            _later(draw_and_store)
        return found[1]
    if not _claim(name):
        found = _wait_for(name, wanted)
        if found:
            return found[1]  # another request has just drawn it
    return draw_and_store()


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
    html = fresh(
        f"fragment:{template}",
        slot=slot,
        version=version,
        draw=lambda: render_to_string(template, context(), request),
        seconds=seconds,
    )
    return Markup(html)
