"""Content kept in the cache between requests and built anew when it is missing.

The cache is only a shortcut: when Redis does not answer, the content is built as if it were
missing and the request is served all the same (docs/drift.md: pages keep working without Redis).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TypeVar

import redis
from django.conf import settings
from django.core.cache import cache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)
T = TypeVar("T")


def hamta_eller_bygg(nyckel: str, bygg: Callable[[], T], sekunder: int) -> T:
    """The value kept under ``nyckel``, or ``bygg()`` kept for ``sekunder`` seconds. The key
    must name everything the value depends on: a stale value is never detected."""
    try:
        varde = cache.get(nyckel)
    except (RedisError, OSError):
        logger.warning("The cache does not answer; %s is built without it", nyckel.split(":")[0])
        return bygg()
    if varde is None:
        varde = bygg()
        try:
            cache.set(nyckel, varde, sekunder)
        except (RedisError, OSError):
            logger.warning("The cache does not answer; %s is not kept", nyckel.split(":")[0])
    return varde


@functools.cache
def _redis() -> redis.Redis:
    return redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])


def rakna(nyckel: str, sekunder: int) -> int | None:
    """Add one to the counter ``nyckel``, kept ``sekunder`` seconds after its last count, in one
    round trip to Redis; its new value, or None when Redis does not answer."""
    try:
        with _redis().pipeline(transaction=False) as ror:
            antal, _ = ror.incr(nyckel).expire(nyckel, sekunder).execute()
    except (RedisError, OSError):
        logger.warning("The cache does not answer; %s is not counted", nyckel.split(":")[0])
        return None
    return antal
