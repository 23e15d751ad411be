"""The shared cache on Redis, made to survive Redis: it makes things fast, never possible.

:class:`ResilientRedisCache` (``CACHES["default"]`` when ``REDIS_URL`` is set) is Django's Redis
cache with short timeouts and a circuit breaker. When Redis is down, slow, full or answers
with an error:

- reads miss and writes are skipped, so every reader falls back to what it does without a
  cache: the page frame is computed (``cms.layout``), sessions come from the database
  (``cached_db``), pages are rendered;
- the failure opens the breaker for ``RETRY_AFTER`` seconds, during which Redis is not asked
  at all (a dead Redis costs one timeout per process and interval, not one per request); then
  one request tries again, and the first success closes the breaker;
- one error is logged per ``LOG_INTERVAL`` and process, with the number of failures since,
  and one line when Redis answers again;
- every key that could not be written or deleted is remembered (up to ``DIRTY_LIMIT``, then
  the whole cache) and deleted as soon as Redis answers again, so that no copy from before the
  outage outlives what changed during it (a session signed out, a menu edited);
- allauth's sign-in, sign-up and reset limits are counted in the process's memory meanwhile,
  so that signing in keeps working and stays limited;
- what must not happen without the shared cache (rate-limited writes, one-time submission
  tokens) asks :func:`strict`; its form comes back with the text and :data:`TRY_AGAIN` (503)
  instead of going ahead unlimited.
"""

import contextlib
import logging
import threading
import time

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.translation import gettext_lazy as _

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0
LOG_INTERVAL = 60.0
DIRTY_LIMIT = 10_000
LOCAL_PREFIXES = ("allauth:",)
"""Keys kept in the process's memory while Redis is down (allauth's rate limits and their
locks): limits still apply, per server process."""


TRY_AGAIN = _(
    "This cannot be done at the moment because part of the site is briefly unavailable. "
    "Nothing was saved: please send it again in a minute."
)
"""What a person hears when an action needs the shared cache while it is down."""


class CacheUnavailable(Exception):
    """The shared cache is needed for this action and cannot be reached."""


class _Breaker:
    """The state of one process's connection to Redis (shared by its threads)."""

    def __init__(self, retry_after, log_interval):
        self.retry_after = retry_after
        self.log_interval = log_interval
        self.lock = threading.Lock()
        self.open_until = 0.0
        self.failures = 0
        self.unlogged = 0
        self.logged_at = None
        self.down = False
        self.dirty = set()
        self.overflowed = False

    def is_open(self):
        return self.down and time.monotonic() < self.open_until

    def remember(self, keys):
        """Keys written or deleted while Redis was out of the way: deleted when it is back."""
        with self.lock:
            if len(self.dirty) + len(keys) > DIRTY_LIMIT:
                self.overflowed = True
                self.dirty.clear()
            elif not self.overflowed:
                self.dirty.update(keys)

    def failed(self, error, keys=()):
        self.remember(keys)
        now = time.monotonic()
        with self.lock:
            self.failures += 1
            self.unlogged += 1
            self.down = True
            self.open_until = now + self.retry_after
            log = self.logged_at is None or now - self.logged_at >= self.log_interval
            if log:
                self.logged_at, count, self.unlogged = now, self.unlogged, 0
        if log:
            logger.error(
                "Redis cache unavailable (%s: %s); %d failure(s) since the last report; "
                "reading from the database meanwhile.",
                type(error).__name__,
                error,
                count,
            )

    def recovered(self):
        """What to repair now that Redis answers again: (keys to delete, everything?)."""
        with self.lock:
            if not self.down:
                return (), False
            self.down = False
            dirty, overflowed = self.dirty, self.overflowed
            self.dirty, self.overflowed = set(), False
        logger.warning("Redis cache reachable again; repairing %d key(s).", len(dirty))
        return dirty, overflowed


class _OneClientPerPool(RedisCacheClient):
    """Django builds a new ``redis.Redis`` for every cache call (about a third of a millisecond
    each); one per connection pool does the same work (clients are thread-safe)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that degrades to "no cache" instead of raising (module docstring).

    ``OPTIONS`` take ``retry_after`` and ``log_interval`` (seconds) beside the Redis client's
    own options (``socket_timeout``, ``socket_connect_timeout`` …).
    """

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        retry_after = float(options.pop("retry_after", RETRY_AFTER))
        log_interval = float(options.pop("log_interval", LOG_INTERVAL))
        options.setdefault("socket_timeout", 0.5)
        options.setdefault("socket_connect_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = _OneClientPerPool
        self._breaker = _Breaker(retry_after, log_interval)
        self._local = LocMemCache(f"resilient-{id(self)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})

    # --- state -----------------------------------------------------------------------------

    def is_down(self):
        """Whether Redis failed recently (the breaker is open)."""
        return self._breaker.is_open()

    @property
    def failures(self):
        return self._breaker.failures

    def _call(self, method, keys, fallback, *args, writes=False, local=None, **kwargs):
        if self._breaker.is_open():
            if writes:
                self._breaker.remember(keys)
            return local() if local else fallback
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except RedisError as error:
            self._breaker.failed(error, keys if writes else ())
            return local() if local else fallback
        if self._breaker.down:
            self._repair()
        return result

    def _repair(self):
        dirty, everything = self._breaker.recovered()
        try:
            if everything:
                super().clear()
            elif dirty:
                super().delete_many(list(dirty))
        except RedisError as error:
            self._breaker.failed(error, dirty)

    def _is_local(self, key):
        return isinstance(key, str) and key.startswith(LOCAL_PREFIXES)

    # --- the cache API ---------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        local = (lambda: self._local.get(key, default, version)) if self._is_local(key) else None
        return self._call("get", (key,), default, key, default, version, local=local)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        local = (
            (lambda: self._local.set(key, value, timeout, version)) if self._is_local(key) else None
        )
        self._call("set", (key,), None, key, value, timeout, version, writes=True, local=local)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        local = (
            (lambda: self._local.add(key, value, timeout, version)) if self._is_local(key) else None
        )
        return self._call(
            "add", (key,), False, key, value, timeout, version, writes=True, local=local
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", (key,), False, key, timeout, version, writes=True)

    def delete(self, key, version=None):
        local = (lambda: self._local.delete(key, version)) if self._is_local(key) else None
        return self._call("delete", (key,), False, key, version, writes=True, local=local)

    def get_many(self, keys, version=None):
        return self._call("get_many", (), {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", (), False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", (key,), missing, key, delta, version, writes=True)
        if result is missing:
            # What a counter without its store means: "unknown", never "zero".
            raise ValueError(f"Key '{key}' cannot be counted: the cache is unavailable.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self._call("set_many", tuple(data), None, data, timeout, version, writes=True)
        return list(data) if failed is None else failed

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._call("delete_many", tuple(keys), None, keys, version, writes=True)

    def clear(self):
        # A clear that fails is repaired by clearing everything once Redis answers.
        if self._call("clear", (), None, writes=True) is None and self._breaker.down:
            self._breaker.overflowed = True
        self._local.clear()
        return True


def shared_cache_down():
    """Whether the shared cache is known to be unreachable right now."""
    return getattr(cache, "is_down", lambda: False)()


@contextlib.contextmanager
def strict():
    """Run a block that must not go ahead without the shared cache.

    Raises :class:`CacheUnavailable` before the block when Redis is known to be down, and
    after it when the block met a failure (its answers may have been the fallbacks).
    """
    if shared_cache_down():
        raise CacheUnavailable
    before = getattr(cache, "failures", 0)
    yield
    if getattr(cache, "failures", 0) != before:
        raise CacheUnavailable


__all__ = [
    "CacheUnavailable",
    "ResilientRedisCache",
    "shared_cache_down",
    "strict",
]
