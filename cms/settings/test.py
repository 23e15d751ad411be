"""Tests: the same stack as production, minus the slow or external parts."""

import os

from .base import *  # noqa: F403
from .base import STORAGES

SECRET_KEY = "test-secret-key-only-for-the-test-suite"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/landvorteil-test-media")  # noqa: S108
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files straight from the apps' folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

DEMO_CONTENT_ALLOWED = True
