"""Local development: SQLite unless DATABASE_URL says otherwise, mail printed to the console."""

import os

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = True
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Links in e-mails and security.txt point where `make run` serves (its PORT), as the demo site's
# address does (demo.loaders.site).
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT') or 8000}"
)
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)

# The worker prints the outbox to its console.
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files straight from the apps' folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

DEMO_CONTENT_ALLOWED = True
