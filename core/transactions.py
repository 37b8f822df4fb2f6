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


# A connection that broke (class 08), or a server shutting down or ending the session (57P0x).
LOST_CONNECTION_SQLSTATES = ("08", "57P01", "57P02", "57P03")


def is_connection_lost(error: BaseException) -> bool:
    """The database went away mid-request (a failover, a restart, a cut network): the request's
    transaction is rolled back, nothing of it is stored, and the next request reconnects."""
    while error is not None:
        if type(error).__name__ == "InterfaceError":  # Django: "connection already closed"
            return True
        sqlstate = getattr(error, "sqlstate", "")
        if sqlstate and sqlstate.startswith(LOST_CONNECTION_SQLSTATES):
            return True
        if type(error).__module__.startswith("psycopg") and type(error).__name__ in (
            "OperationalError",
            "InterfaceError",
        ):
            return sqlstate is None  # no SQLSTATE: the server never answered
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
