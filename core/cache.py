"""A Redis cache that degrades instead of failing: Redis is only a cache here.

With Redis stopped or unreachable, a read is a miss, a write is dropped and `add` reports that
it added (so a lock or a "first one does it" flag lets the caller do the work rather than
nobody): sessions fall back to the database, throttles let requests through, and pages are drawn
afresh. Each process logs the outage at most once every `WARN_EVERY_SECONDS`, not once a call.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
WARN_EVERY_SECONDS = 30
_last_warned = 0.0


def _warn(operation: str) -> None:
    global _last_warned
    if time.monotonic() - _last_warned >= WARN_EVERY_SECONDS:
        _last_warned = time.monotonic()
        logger.warning("Cache unavailable (%s): carrying on without it", operation, exc_info=True)


def _tolerant(method, fallback):
    @functools.wraps(method)
    def wrapped(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (RedisError, OSError):
            _warn(method.__name__)
            return fallback(*args, **kwargs)

    return wrapped


class TolerantRedisCache(RedisCache):
    get = _tolerant(RedisCache.get, lambda key, default=None, version=None: default)
    get_many = _tolerant(RedisCache.get_many, lambda keys, version=None: {})
    has_key = _tolerant(RedisCache.has_key, lambda key, version=None: False)
    set = _tolerant(RedisCache.set, lambda *args, **kwargs: None)
    set_many = _tolerant(RedisCache.set_many, lambda data, *args, **kwargs: list(data))
    add = _tolerant(RedisCache.add, lambda *args, **kwargs: True)
    touch = _tolerant(RedisCache.touch, lambda *args, **kwargs: False)
    delete = _tolerant(RedisCache.delete, lambda *args, **kwargs: False)
    delete_many = _tolerant(RedisCache.delete_many, lambda *args, **kwargs: None)
    clear = _tolerant(RedisCache.clear, lambda *args, **kwargs: None)
