"""Health of the site for load balancers and for readers while the database is away.

``/healthz`` (liveness) says the process answers; ``/readyz`` (readiness) says it can serve: a
fresh database connection runs ``SELECT 1`` and every Redis cache answers a ping. Both are
answered by :class:`HealthMiddleware`, first in ``MIDDLEWARE``, so that no host check, site
lookup, session or language redirect runs for them (docs/operations.md, "Health checks").

A request that finds the database unreachable (PostgreSQL restarting, a connection cut) gets the
site's 503 page with ``Retry-After`` instead of a traceback, and the broken connection is closed
so that the next request opens a new one (docs/operations.md, "When the database restarts").
"""

import copy
import logging
import re
import sys

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.db.utils import load_backend
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

import redis

logger = logging.getLogger(__name__)

LIVENESS_PATHS = {"/healthz", "/healthz/"}
READINESS_PATHS = {"/readyz", "/readyz/"}
# Each part gets this long to answer; a load balancer probes every few seconds.
CHECK_TIMEOUT_SECONDS = 2
# How long a reader should wait before trying again: PostgreSQL restarts in seconds.
RETRY_AFTER_SECONDS = 30
# The errors of a database that cannot be reached or has dropped the connection; constraint
# violations and programming errors stay what they are (a 500 with a traceback).
UNREACHABLE = (OperationalError, InterfaceError)

# The parts whose failure was logged, so that a probe every few seconds logs a failure once
# and the recovery once, not every probe.
_failing = set()


def check_database(alias=DEFAULT_DB_ALIAS):
    """``SELECT 1`` on a new connection built from ``settings.DATABASES``: the pooled connection
    of a request may be fine while new connections are refused (and the reverse)."""
    configured = {alias: copy.deepcopy(settings.DATABASES[alias])}
    settings_dict = connections.configure_settings(configured)[alias]
    options = settings_dict["OPTIONS"]
    postgres = "postgresql" in settings_dict["ENGINE"]
    if postgres:
        options.pop("pool", None)
        options["connect_timeout"] = CHECK_TIMEOUT_SECONDS
    connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    try:
        with connection.cursor() as cursor:
            if postgres:
                cursor.execute("SET statement_timeout = %s", [CHECK_TIMEOUT_SECONDS * 1000])
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def redis_locations():
    """The Redis servers of the configured caches: by backend name (Django's ``RedisCache`` or a
    subclass) or by a ``redis://`` location."""
    found = []
    for cache in settings.CACHES.values():
        location = cache.get("LOCATION") or ""
        servers = location if isinstance(location, list | tuple) else re.split("[;,]", location)
        servers = [server.strip() for server in servers if server.strip()]
        uses_redis = "redis" in cache.get("BACKEND", "").lower() or any(
            server.startswith(("redis://", "rediss://", "unix://")) for server in servers
        )
        if uses_redis:
            found.extend(server for server in servers if server not in found)
    return found


def check_cache(locations):
    for location in locations:
        client = redis.Redis.from_url(
            location,
            socket_connect_timeout=CHECK_TIMEOUT_SECONDS,
            socket_timeout=CHECK_TIMEOUT_SECONDS,
        )
        try:
            client.ping()
        finally:
            client.close()


def readiness():
    """``{part: "ok" | "unavailable"}`` for the database and, where configured, the cache."""
    checks = {"database": check_database}
    locations = redis_locations()
    if locations:
        checks["cache"] = lambda: check_cache(locations)
    states = {}
    for part, check in checks.items():
        try:
            check()
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            states[part] = "unavailable"
            if part not in _failing:
                _failing.add(part)
                logger.error("Readiness: %s unavailable (%s)", part, _one_line(error))
        else:
            states[part] = "ok"
            if part in _failing:
                _failing.discard(part)
                logger.warning("Readiness: %s available again", part)
    return states


def _uncached(response):
    response["Cache-Control"] = "no-store"
    return response


def liveness_response():
    return _uncached(HttpResponse("ok\n", content_type="text/plain; charset=utf-8"))


def readiness_response():
    states = readiness()
    ready = all(state == "ok" for state in states.values())
    response = JsonResponse(states, status=200 if ready else 503)
    # readiness() logs a part's failure once; Django would log every failing probe.
    response._has_been_logged = True
    return _uncached(response)


def _one_line(error):
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"


def _close_broken_connections():
    """Close connections that failed, so that the next request connects anew. One inside an
    outer transaction (a test's) stays: closing it is the transaction owner's business."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def database_unavailable(request, error):
    """The 503 page for a request that could not reach the database; rendered without the
    request's context, so that nothing on it asks the database again."""
    _close_broken_connections()
    logger.error(
        "Database unavailable, answered 503: %s %s (%s)",
        request.method,
        request.path,
        _one_line(error),
    )
    language = translation.get_language_from_path(request.path_info) or translation.get_language()
    with translation.override(language):
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Logged above in one line: Django would add a second one with the traceback.
    response._has_been_logged = True
    return response


def server_error(request):
    """``handler500``: the database's absence found by a middleware (the site lookup, saving a
    session) gets the 503 page too; anything else Django's 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, UNREACHABLE):
        return database_unavailable(request, error)
    return defaults.server_error(request)


class HealthMiddleware:
    """First in ``MIDDLEWARE``: answers the probes before anything else looks at the request,
    and turns a view's "database unreachable" into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            if request.path_info in LIVENESS_PATHS:
                return liveness_response()
            if request.path_info in READINESS_PATHS:
                return readiness_response()
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNREACHABLE):
            return database_unavailable(request, exception)
        return None
