"""Tests: the development set-up (plain static files, demo content allowed), without DEBUG and
with the fast or in-memory parts."""

import os

from .dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-only-for-the-test-suite"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mails still go through the outbox; the worker's queue runs each task as it is queued (inside
# the transaction), so that tests read django.core.mail.outbox right after an action. The
# worker's own tests switch to the database queue (tests/participation/worker.py).
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "worker": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/landvorteil-test-media")  # noqa: S108
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# The tests that need it turn it on; a STAFF_MFA_REQUIRED left in the shell changes nothing.
STAFF_MFA_REQUIRED = False
# With REDIS_URL (CI) the tests share Redis as production does; each test process (xdist worker)
# has a database number of its own, as each test empties the cache.
if os.environ.get("REDIS_URL"):
    from urllib.parse import urlsplit

    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    _redis = urlsplit(os.environ["REDIS_URL"])
    CACHES["default"]["LOCATION"] = _redis._replace(path=f"/{8 + _worker % 8}").geturl()  # noqa: F405
