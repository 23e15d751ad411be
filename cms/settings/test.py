"""Tests: the development set-up (plain static files, demo content allowed), without DEBUG and
with the fast or in-memory parts."""

import os

from .dev import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-secret-key-only-for-the-test-suite"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/landvorteil-test-media")  # noqa: S108
WAGTAILADMIN_BASE_URL = "http://testserver"
