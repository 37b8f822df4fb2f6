"""Sending a task without letting a broker outage fail the request that sends it.

The work a task does is also recorded in the database (measures marked stale, figures marked
pending), and the beat sweeps and the next rollup catch it up, so a message that cannot be sent
is logged and the request goes on. Where tasks run in-process, they simply run.
"""

import logging

from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def enqueue(task, *args, countdown: float | None = None) -> bool:
    """`task` sent with `args`; False (and a warning) if the broker could not take it."""
    if task.app.conf.task_always_eager:
        task.apply_async(args, countdown=countdown)
        return True
    try:
        task.apply_async(args, countdown=countdown)
    except (OperationalError, RedisError, OSError):
        logger.warning("Broker unavailable: %s not queued", task.name, exc_info=True)
        return False
    return True
