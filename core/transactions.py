"""Transactions that survive the database's own refusals under concurrent load.

Every path that locks measures does so in id order, and rollup marks are written and cleared in
(scope, year) order, so deadlocks should not happen; a deadlock or serialization failure that
still does (PostgreSQL picks a victim and rolls it back whole) is worth a retry, since the other
transaction has gone by then. A bounded number of retries, then the error goes on up to be
answered as "busy, retry" (503 with Retry-After), never a 500.
"""

import functools
import logging
import random
import time

from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

# PostgreSQL's deadlock_detected and serialization_failure, and lock_not_available (a lock
# timeout); SQLite says "database is locked" when a writer waited too long.
TRANSIENT_SQLSTATES = {"40P01", "40001", "55P03"}
RETRY_AFTER_SECONDS = 2


def is_transient(error: BaseException) -> bool:
    """A failure that says nothing about the request: the same transaction again may pass."""
    while error is not None:
        if getattr(error, "sqlstate", None) in TRANSIENT_SQLSTATES:
            return True
        if "database is locked" in str(error):
            return True
        error = error.__cause__
    return False


def atomic_with_retries(func=None, *, attempts: int = 3):
    """`transaction.atomic`, re-run from the start when the database refuses it for a
    transient reason. Inside an outer transaction there is no retry (the outer one still holds
    its locks and must be retried whole), so it is the plain atomic block there."""
    if func is None:
        return functools.partial(atomic_with_retries, attempts=attempts)

    @functools.wraps(func)
    def run(*args, **kwargs):
        if connection.in_atomic_block:
            with transaction.atomic():
                return func(*args, **kwargs)
        for attempt in range(1, attempts):
            try:
                with transaction.atomic():
                    return func(*args, **kwargs)
            except DatabaseError as error:
                if not is_transient(error):
                    raise
                logger.warning(
                    "%s: %s (attempt %d of %d); retrying",
                    func.__qualname__,
                    str(error).splitlines()[0],
                    attempt,
                    attempts,
                )
                time.sleep(random.uniform(0.01, 0.05) * attempt)  # let the other one finish
        with transaction.atomic():
            return func(*args, **kwargs)

    return run
