import io
import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wagtail.models import Page, Site

import pytest

from cms.models import FooterSettings

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "production-secret-key-for-the-deploy-check-0123456789",
    "DJANGO_ALLOWED_HOSTS": "landvorteil.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


# The browser tests' conftest allows async-unsafe calls; a deployment must not.
SUBPROCESS_ENV = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**SUBPROCESS_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("variable", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "REDIS_URL"])
def test_production_settings_refuse_to_start_without_their_environment(variable):
    result = run_manage("check", env={**PRODUCTION_ENV, variable: ""})
    assert result.returncode != 0
    assert variable in result.stderr


def test_demo_content_is_refused_with_production_settings():
    result = run_manage("load_demo_content", env=PRODUCTION_ENV)
    assert result.returncode != 0
    assert "not allowed" in result.stderr


@pytest.mark.django_db
def test_security_headers_on_pages(client, demo):
    response = client.get("/de/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


@pytest.mark.django_db
def test_password_protected_pages_are_never_shared_by_caches(client, home_de):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=home_de, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get("/de/ueber-das-buendnis/")
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_demo_content_is_idempotent(demo):
    counts = (Page.objects.count(), get_user_model().objects.count(), Site.objects.count())
    call_command("load_demo_content", stdout=io.StringIO())
    assert (Page.objects.count(), get_user_model().objects.count(), Site.objects.count()) == counts
    assert Page.objects.filter(depth=2).count() == 2  # German and English home pages


@pytest.mark.django_db
def test_demo_content_keeps_editors_changes(demo, home_de):
    home_de.title = "Von der Redaktion geändert"
    home_de.save_revision().publish()
    footer = FooterSettings.for_site(demo)
    footer.contact_email = "redaktion@example.org"
    footer.save()
    call_command("load_demo_content", stdout=io.StringIO())
    home_de.refresh_from_db()
    assert home_de.title == "Von der Redaktion geändert"
    assert FooterSettings.for_site(demo).contact_email == "redaktion@example.org"


@pytest.mark.django_db
def test_demo_accounts_can_sign_in_with_the_demo_password(client, demo):
    output = io.StringIO()
    call_command("load_demo_content", stdout=output)
    for email in [
        "admin@example.org",
        "redaktion@example.org",
        "moderation@example.org",
        "bewohnerin@example.org",
    ]:
        assert email in output.getvalue()
        assert client.login(email=email, password="landvorteil-demo"), email
    assert "landvorteil-demo" in output.getvalue()


def test_database_connections_are_persistent_and_health_checked(settings):
    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_search_backend_fits_the_database_engine(settings):
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        assert "django.contrib.postgres" in settings.INSTALLED_APPS
        assert backend["SEARCH_CONFIG"] == "german"
    else:
        assert "django.contrib.postgres" not in settings.INSTALLED_APPS
        assert "SEARCH_CONFIG" not in backend


def test_database_url_selects_postgres_with_psycopg():
    env = {
        "DATABASE_URL": "postgres://someone@db.example.invalid:5432/landvorteil",
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
    }
    code = (
        "from django.conf import settings as s;"
        "d=s.DATABASES['default'];"
        "print(d['ENGINE'], d['NAME'], d['CONN_HEALTH_CHECKS'],"
        " s.WAGTAILSEARCH_BACKENDS['default'])"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**SUBPROCESS_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.postgresql landvorteil True" in result.stdout
    assert "'SEARCH_CONFIG': 'german'" in result.stdout


def test_production_static_files_collect_with_hashed_compressed_names(tmp_path):
    env = {**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)}
    result = run_manage("collectstatic", "--no-input", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert '"css/site.css": "css/site.' in manifest
    assert list((tmp_path / "css").glob("site.*.css.gz"))
