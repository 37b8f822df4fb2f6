"""When the incremental run goes: once for every change of the next few seconds.

A weekday's writes mark figures pending many times a second; one run a mark would queue
thousands of runs that each find almost nothing to do. So the first mark after a run starts
queues one run `ROLLUP_DEBOUNCE_SECONDS` later, and the marks that follow ride on it (a flag in
the cache, cleared when the run starts). On a busy day runs start at most one every
`ROLLUP_MIN_INTERVAL_SECONDS`: each run that changes a scope's figures has every dashboard
fragment of that scope drawn again, so a run every two seconds would keep the web processes
drawing; a quiet day's single change still shows within the debounce. Runs never overlap (a
database lock in the service); a run that finds another under way asks for the next one. Where
tasks run in-process (no broker), the run simply happens now. If the cache cannot be reached,
the run is queued anyway: a few extra runs, never a lost one, and the marks themselves are rows
the five-minute sweep reads.
"""

import logging
import time

from celery import current_app
from django.conf import settings
from django.core.cache import cache

from core.queueing import enqueue

logger = logging.getLogger(__name__)
QUEUED = "rollups:incremental-queued"
LAST_STARTED = "rollups:incremental-last-started"


def _eager() -> bool:
    return bool(current_app.conf.task_always_eager)


def schedule_incremental_run() -> None:
    from reporting import tasks

    if _eager():
        enqueue(tasks.rollup_incremental)
        return
    delay = settings.ROLLUP_DEBOUNCE_SECONDS
    try:
        first = cache.add(QUEUED, True, timeout=(delay + settings.ROLLUP_MIN_INTERVAL_SECONDS) * 10)
        if first:
            delay = max(delay, _until_next_run_may_start())
    except Exception:  # the cache is down: queue it regardless
        logger.warning("Rollup scheduling flag unavailable; queueing a run anyway", exc_info=True)
        first = True
    if first:
        enqueue(tasks.rollup_incremental, countdown=delay)


def _until_next_run_may_start() -> float:
    last_started = cache.get(LAST_STARTED)
    if last_started is None:
        return 0.0
    return last_started + settings.ROLLUP_MIN_INTERVAL_SECONDS - time.time()


def run_starting() -> None:
    """Marks made from now on need a run of their own."""
    try:
        cache.delete(QUEUED)
        cache.set(LAST_STARTED, time.time(), timeout=settings.ROLLUP_MIN_INTERVAL_SECONDS * 10)
    except Exception:
        logger.warning("Rollup scheduling flag unavailable", exc_info=True)
