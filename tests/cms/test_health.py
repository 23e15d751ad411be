"""The load balancer's probes (/healthz, /readyz) and the 503 page while the database is away:
a request whose connection is cut gets the page, the next one a new connection; a support in
flight is counted or refused, never half (PostgreSQL, real connections cut with
``pg_terminate_backend``)."""

import copy
import logging
import os
import socket
import threading
import time

from django.db import IntegrityError, connection
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

import psycopg
import pytest

from cms.health import HealthMiddleware, redis_locations
from participation.models import Proposal, Support
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german
from tests.loopback import spare_port
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory
from visions.models import ProcessPage

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/11"
UNAVAILABLE = "The site is briefly unavailable"


@pytest.fixture
def silent_port():
    """A loopback port that accepts connections and never answers: only a timeout ends a wait."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(16)
        yield listener.getsockname()[1]


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL (DATABASE_URL=postgres://…): a server to be unreachable.")


@pytest.fixture
def redis_server():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        pytest.skip(f"No Redis at {REDIS_URL} (set REDIS_URL).")
    return REDIS_URL


@pytest.fixture(autouse=True)
def _nothing_failing_yet(monkeypatch):
    """Readiness logs a part's failure once per process; each test starts with none logged."""
    monkeypatch.setattr("cms.health._failing", set())


def redis_cache(location, backend="django.core.cache.backends.redis.RedisCache"):
    return {"default": {"BACKEND": backend, "LOCATION": location}}


def database_at(settings, **changes):
    databases = copy.deepcopy(settings.DATABASES)
    databases["default"].update(changes)
    return databases


def assert_uncached_without_cookies(response):
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Set-Cookie" not in response


# --- Liveness -----------------------------------------------------------------------------------


def test_liveness_answers_without_the_database_for_any_host(client):
    """No database access is allowed in this test (no ``db`` fixture): one would raise."""
    for host in ("testserver", "10.0.0.7:8000", "lb-probe.internal"):
        response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200
        assert response.content == b"ok\n"
        assert_uncached_without_cookies(response)
    assert client.head("/healthz/").status_code == 200


def test_liveness_for_a_signed_in_browser_neither_reads_nor_sets_a_session(
    client, db, django_assert_num_queries
):
    client.force_login(UserFactory())
    with django_assert_num_queries(0):
        response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200
    assert_uncached_without_cookies(response)


# --- Readiness ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_readiness_with_database_and_redis(client, settings, redis_server):
    settings.CACHES = redis_cache(redis_server)
    response = client.get("/readyz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert_uncached_without_cookies(response)


@pytest.mark.django_db
def test_readiness_without_a_redis_cache_checks_the_database(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok"}


@pytest.mark.django_db
def test_readiness_when_redis_is_unreachable(client, settings, caplog):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{spare_port()}/0")
    with caplog.at_level(logging.ERROR, logger="cms.health"):
        for _ in range(3):
            response = client.get("/readyz")
            assert response.status_code == 503
            assert response.json() == {"database": "ok", "cache": "unavailable"}
            assert_uncached_without_cookies(response)
    # One line for the outage, not one per probe (nor Django's per failing response).
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "cache unavailable" in errors[0], errors


@pytest.mark.django_db
def test_readiness_gives_up_on_a_silent_redis_within_its_timeout(client, settings, silent_port):
    settings.CACHES = redis_cache(f"redis://127.0.0.1:{silent_port}/0")
    started = time.monotonic()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unavailable"
    assert time.monotonic() - started < 5


def test_redis_is_found_by_backend_or_by_location(settings):
    settings.CACHES = {
        "default": {"BACKEND": "cms.cache.AnyNameCache", "LOCATION": "redis://r1:6379/1"},
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://r1:6379/1,redis://r2:6379/1",
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    assert redis_locations() == ["redis://r1:6379/1", "redis://r2:6379/1"]


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_readiness_when_the_database_is_unreachable(client, postgres, settings, redis_server):
    settings.CACHES = redis_cache(redis_server)
    settings.DATABASES = database_at(settings, HOST="127.0.0.1", PORT=spare_port())
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}
    assert_uncached_without_cookies(response)
    # The request's own connection is not what readiness checked.
    assert connection.is_usable()


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_readiness_gives_up_on_a_silent_database_within_its_timeout(
    client, postgres, settings, silent_port
):
    settings.DATABASES = database_at(settings, HOST="127.0.0.1", PORT=silent_port)
    started = time.monotonic()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
    assert time.monotonic() - started < 5


# --- The 503 page -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_503_page_renders_without_the_database(language, db, django_assert_num_queries):
    with django_assert_num_queries(0), translation.override(language):
        html = render_to_string("503.html")
        expected = translation.gettext(UNAVAILABLE)
    assert f'<html lang="{language}">' in html and "<main" in html
    assert expected in html


def test_other_database_errors_stay_server_errors(rf):
    middleware = HealthMiddleware(lambda request: None)
    assert middleware.process_exception(rf.get("/de/"), IntegrityError("duplicate")) is None


# --- Connections cut while requests run (PostgreSQL) --------------------------------------------

cut = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def side_connection(autocommit=True):
    """A connection of the test's own, beside Django's, to the same database."""
    params = connection.settings_dict
    return psycopg.connect(
        host=params["HOST"] or None,
        port=params["PORT"] or None,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        dbname=params["NAME"],
        autocommit=autocommit,
    )


def terminate(pid):
    with side_connection() as side:
        assert side.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone()[0]


def backend_pid():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def assert_unavailable_page(response):
    html = response.content.decode()
    assert response.status_code == 503, html[:500]
    assert in_german(UNAVAILABLE) in html
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]


@cut
def test_a_cut_connection_gives_the_503_page_and_the_next_request_a_new_one(
    postgres, site_homes, caplog
):
    client = Client()
    client.force_login(UserFactory())
    assert client.get("/de/").status_code == 200
    terminate(backend_pid())
    with caplog.at_level(logging.INFO):
        response = client.get("/de/")
    assert_unavailable_page(response)
    outage_lines = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(outage_lines) == 1, [r.getMessage() for r in outage_lines]
    assert outage_lines[0].name == "cms.health" and "GET /de/" in outage_lines[0].getMessage()
    assert outage_lines[0].exc_info is None
    assert client.get("/de/").status_code == 200


@cut
def test_a_database_found_missing_by_a_middleware_gives_the_503_page(postgres, site_homes):
    """With the site lookup's cache empty, the site middleware asks the database before any
    view runs: Django's 500 handler answers, with the same page."""
    from django.core.cache import cache

    client = Client(raise_request_exception=False)
    assert client.get("/de/").status_code == 200
    terminate(backend_pid())
    cache.clear()
    assert_unavailable_page(client.get("/de/"))
    assert client.get("/de/").status_code == 200


def blocked_backend(watch, timeout=20):
    """The pid and query of the backend of this database that waits for a lock."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = watch.execute(
            "SELECT pid, query FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        ).fetchone()
        if row:
            return row
        time.sleep(0.05)
    raise AssertionError("No request waited for the lock")


@cut
def test_a_support_cut_off_in_flight_is_refused_whole(postgres, site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index)
    process.save_revision().publish()
    process = ProcessPage.objects.get(pk=process.pk)
    proposal = ProposalFactory(process=process, field_of_action=FieldOfActionFactory())
    support_url = process.url + process.reverse_subpage("support", kwargs={"pk": proposal.pk})
    client = Client()
    client.force_login(UserFactory())
    outcome = {}

    def support():
        try:
            outcome["response"] = client.post(
                support_url, {"action": "add"}, HTTP_ACCEPT="application/json"
            )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            outcome["error"] = error
        finally:
            connection.close()

    # The support's foreign key to its process is checked when it commits: holding the process's
    # row stops the transaction after the support row and the counter are written.
    with side_connection(autocommit=False) as lock, side_connection() as watch:
        lock.execute("SELECT id FROM wagtailcore_page WHERE id = %s FOR UPDATE", [process.pk])
        request = threading.Thread(target=support)
        request.start()
        pid, query = blocked_backend(watch)
        assert query.strip().upper() == "COMMIT"
        terminate(pid)
        request.join(timeout=30)
        lock.rollback()
    assert "error" not in outcome, outcome
    assert_unavailable_page(outcome["response"])
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert not Support.objects.exists()

    # Trying again counts it, once.
    response = client.post(support_url, {"action": "add"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["support_count"] == 1
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1
    assert Support.objects.count() == 1
