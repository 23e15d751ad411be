"""Settings shared by every environment; secure by default.

Anything secret or host-specific comes from the environment. SQLite is only the local default.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- Database -----------------------------------------------------------------------------------
# DATABASE_URL decides the engine at import time: Wagtail's search tables depend on it.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no row locks: a transaction takes the write lock when it begins, so concurrent
    # writers (e.g. two registrations for the last place) wait for each other instead of failing.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Applications -------------------------------------------------------------------------------
INSTALLED_APPS = [
    "cms",
    "home",
    "visions",
    "participation",
    "search",
    # The read API and the open-data downloads (reads every app; none imports it).
    "opendata",
    # The demo content's commands; they refuse to run unless DEMO_CONTENT_ALLOWED is on.
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.apps.UsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "wagtail.api.v2",
    "drf_spectacular",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
if DATABASE_IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    # /healthz, /readyz before any host check or session; the 503 page while the database is away.
    "cms.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cross-origin reads of the API only (CORS_URLS_REGEX), before anything may answer.
    "corsheaders.middleware.CorsMiddleware",
    # /api/v1/ answers: no cookie ever (sessions are ignored), JSON 404s for unknown addresses.
    "opendata.api.base.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The Wagtail site of the request, from the cache (cms/layout.py).
    "cms.layout.SiteMiddleware",
    # Django's, but addresses outside the language prefixes keep their 404 (UNPREFIXED_PATHS).
    "cms.localization.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff without a proven second factor get no admin page (STAFF_MFA_REQUIRED).
    "cms.security.StaffMFAMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "cms.User"
# Django's and allauth's backends, loading the signed-in person with their account facts.
AUTHENTICATION_BACKENDS = [
    "cms.accounts.ModelBackend",
    "cms.accounts.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"

ACCOUNT_ADAPTER = "participation.accounts.AccountAdapter"
# Two factors (django-allauth's MFA): staff must have one before the admin opens when
# STAFF_MFA_REQUIRED is on (production's default; cms/security.py); residents may turn it on.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
# An authenticator app (with recovery codes) or a security key. Security keys need a secure
# origin: HTTPS, or http://localhost in development (not 127.0.0.1: browsers take no IP address
# as the key's site). Passkeys only as a second factor: the password is always asked.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "LANDVORTEIL"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_PASSKEY_SIGNUP_ENABLED = False
# Every sign-in asks for the code: no "trust this browser" cookie.
MFA_TRUST_ENABLED = False
# How many proxies of ours append the client's address to X-Forwarded-For; rate limits count
# the address the outermost of them saw. 0 (no proxy): X-Forwarded-For is ignored, REMOTE_ADDR
# counts (docs/deployment.md, "Behind the reverse proxy").
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "cms.accounts.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Signed-in people without admin access are sent to the sign-in form by Wagtail; redirecting them
# back would loop, so the form is shown (with Wagtail's explanation) instead.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_SESSION_REMEMBER = None
# Failed logins: 10 a minute per address and 5 in 5 minutes per account.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "LANDVORTEIL <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where people object to moderation decisions; replies to moderation emails go there.
PARTICIPATION_MODERATION_EMAIL = os.environ.get("MODERATION_EMAIL", "moderation@example.org")
# New action groups (and changes to published ones) wait for a moderator before they are public;
# False publishes them at once (post-moderation: reports and the moderation queue still apply).
PARTICIPATION_GROUPS_PRE_MODERATED = True

# The sections of sitemap.xml (cms/urls.py): pages, and the apps' own addresses.
SITEMAPS = {
    "pages": "cms.sitemaps.PageSitemap",
    "groups": "participation.sitemaps.ActionGroupSitemap",
}

# Sections of the platform outside the page tree that editors can put in the main navigation
# (Settings → Navigation): name → (URL name, label in the reader's language).
MAIN_MENU_AREAS = {
    "action_groups": ("participation:groups", _("Action groups")),
    "board": ("participation:board", _("Needs and offers")),
}

# --- Languages ----------------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# A new translation is a draft that goes through the editorial approval like any page; it never
# takes over the source's live status (docs/editorial.md, "Translating").
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our catalogue first; then formal ("Sie") wording for django-allauth's informal German texts.
LOCALE_PATHS = [PROJECT_DIR / "locale", PROJECT_DIR / "locale_overrides"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Caches and tasks ---------------------------------------------------------------------------
# Rate limits live in the cache: production must share one cache between workers (REDIS_URL).
# Redis makes things fast, never possible: when it is down or slow (REDIS_TIMEOUT seconds),
# pages, sessions and sign-in fall back to the database and rate-limited writes answer "try
# again shortly" (cms/cache.py).
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "retry_after": float(os.environ.get("REDIS_RETRY_AFTER", "5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Which rendition of an image has which file: Wagtail asks on every image of every page. The
# answer never changes for a rendition, so each app process keeps its own copy.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 20_000},
}

# Sessions are read from the cache and written through to the database: signed-in people save
# a query on every page and keep their session when the cache is emptied.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Two task backends. "default" runs Wagtail's own tasks (search index, reference index) in the
# request, as before: search stays current without a worker. "worker" is the platform's queue
# (e-mails, notifications, digests): a table in our database, so no extra server; its rows are
# written in the request's transaction and run by `manage.py run_worker`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "worker": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}

# Every e-mail goes into the outbox (participation.OutgoingMail) in the request's transaction;
# the worker sends it through MAIL_DELIVERY_BACKEND, retrying with backoff.
EMAIL_BACKEND = "participation.mail.QueuedEmailBackend"
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# A mail the server refuses (or a server that is down) is tried again after 1, 2, 4 … minutes
# (at most MAIL_RETRY_MAX_SECONDS apart); after MAIL_MAX_ATTEMPTS it waits for staff in the
# admin's outbox (docs/deployment.md, "The worker").
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))
MAIL_RETRY_BASE_SECONDS = 60
MAIL_RETRY_MAX_SECONDS = 4 * 60 * 60

# --- Security headers ---------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Everything a page needs is served by us. The only third-party origins are video players and map
# tiles, and pages contact them only after the reader asks for the video or the map.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        # Only after a reader clicks "load video" (cms.blocks.VideoBlock).
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Wagtail ------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "LANDVORTEIL"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No requests to third parties from the admin either: no update check, no Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# One password reset for everybody: allauth's, which is rate-limited and does not enumerate.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if DATABASE_IS_POSTGRES:
    # Most content is German; issue-level work adds per-language configurations.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "german"

# Map tiles of the places map (home.PlaceIndexPage); requested only after the reader clicks "show
# map". Any XYZ tile server works; its origin is allowed in the page's image policy.
PLACES_MAP_TILE_URL = os.environ.get(
    "PLACES_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
PLACES_MAP_ATTRIBUTION = os.environ.get("PLACES_MAP_ATTRIBUTION", "© OpenStreetMap contributors")

# --- Read API (/api/v1/, opendata) ----------------------------------------------------------------
# Read-only and anonymous: no authentication (a session cookie changes nothing), JSON only (no
# browsable API, which would need sessions and forms), no parsers (there are no writes). Limits
# per network address; the helpers named here live in opendata/api/.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # /api/v1/: every error as {"error": {"code", "message", "fields"}} (400 for unknown
    # parameters); Wagtail's admin API keeps DRF's own errors.
    "EXCEPTION_HANDLER": "opendata.api.base.exception_handler",
    # Requests per network address to /api/v1/ (opendata.api.base.AddressRateThrottle, which the
    # API's views name themselves, like their pagination: the admin's API is not limited).
    "DEFAULT_THROTTLE_RATES": {"address": os.environ.get("API_RATE_LIMIT", "120/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LANDVORTEIL API",
    "DESCRIPTION": "Read-only open data of the LANDVORTEIL platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Two choice sets share the field name "state": each gets its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ProposalStateEnum": "participation.models.Proposal.State",
        "TimeStateEnum": [("upcoming", "upcoming"), ("open", "open"), ("closed", "closed")],
    },
    # Only /api/v1/; Wagtail's pages API described by hand; empty query parameters refused;
    # every operation's errors (400, 404, 429) as the one JSON shape (opendata.api.schema).
    "PREPROCESSING_HOOKS": ["opendata.api.schema.only_the_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opendata.api.schema.add_pages",
        "opendata.api.schema.require_values",
        "opendata.api.schema.add_errors",
    ],
}
# Any web page may read the API (GET), without credentials; nothing else is cross-origin.
CORS_URLS_REGEX = r"^/api/v1/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After")
# Wagtail's pages API (/api/v1/pages/): absolute links to the API itself on the public address
# (the pages' own html_url comes from the Site), and at most 100 pages per answer.
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100
# Addresses without a language prefix whose 404 is not redirected to one (cms.localization).
UNPREFIXED_PATHS = ["/api/"]
WAGTAILAPI_SEARCH_ENABLED = True

# --- Open data files (opendata/generation.py) ------------------------------------------------
# The worker regenerates every file nightly and, every 10 minutes, those a change made out of
# date that no queued regeneration has written yet (participation.periodic runs these jobs too).
EXTRA_PERIODIC_JOBS = [
    ("open-data-nightly", "daily", "opendata.generation.regenerate_all"),
    ("open-data-stale", "every-10-minutes", "opendata.generation.regenerate_stale"),
]

# --- Security contact (/.well-known/security.txt, RFC 9116; SECURITY.md) --------------------------
SECURITY_CONTACT_EMAIL = os.environ.get("SECURITY_CONTACT_EMAIL", "security@example.org")
# An ISO date less than a year ahead, renewed by the operator; empty: a year from today.
SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "")

# --- Demo content -------------------------------------------------------------------------------
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "landvorteil-demo")
# load_demo_content creates accounts with a public password: never on a production database.
DEMO_CONTENT_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR"}},
}
