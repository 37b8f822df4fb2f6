"""Reads that can go to a PostgreSQL streaming replica, and the writes that pin a user to the
primary for a while.

With `DATABASE_REPLICA_URL` set, the pages and endpoints marked `@reads_from_replica` (the
dashboards, their downloads, the metrics API: read-only, and read by many) send their queries to
the replica, so the primary keeps its time for writes. Everything else, every write and every
task reads the primary. A user who has just written is read from the primary for
`READ_YOUR_WRITES_SECONDS`, so their own change never seems to vanish behind the replica's lag;
if the cache that remembers it cannot be reached, they are read from the primary too.
"""

import contextvars
import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

REPLICA = "replica"
_reading_from_replica = contextvars.ContextVar("reading_from_replica", default=False)
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _wrote_key(user_id: int) -> str:
    return f"routing:wrote:{user_id}"


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def wrote_recently(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    try:
        return cache.get(_wrote_key(user.pk)) is not None
    except Exception:
        logger.warning("Cannot tell whether user %s wrote recently: reading the primary", user.pk)
        return True


def start_reading_from_replica(user) -> contextvars.Token:
    """From now on in this request, reads go to the replica (unless there is none, or `user`
    has just written); give the token to `stop_reading_from_replica`."""
    return _reading_from_replica.set(replica_configured() and not wrote_recently(user))


def stop_reading_from_replica(token: contextvars.Token) -> None:
    _reading_from_replica.reset(token)


def reads_from_replica(view):
    """Marks a read-only page view whose queries may go to the replica."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        token = start_reading_from_replica(request.user)
        try:
            return view(request, *args, **kwargs)
        finally:
            stop_reading_from_replica(token)

    return wrapped


class ReplicaRouter:
    """Sends reads to the replica inside `@reads_from_replica` views; everything else, and
    every write and migration, to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if _reading_from_replica.get() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class RecentWritesMiddleware:
    """Remembers, for a while, that a signed-in user has written (any successful unsafe
    request), so their next pages read the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            request.method not in SAFE_METHODS
            and response.status_code < 400
            and getattr(user, "is_authenticated", False)
            and replica_configured()
        ):
            self._remember(user.pk)
        return response

    @staticmethod
    def _remember(user_id: int) -> None:
        try:
            cache.set(_wrote_key(user_id), time.time(), settings.READ_YOUR_WRITES_SECONDS)
        except Exception:
            logger.warning("Cannot remember that user %s wrote", user_id, exc_info=True)
