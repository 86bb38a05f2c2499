"""Django settings, read from the environment (see docs/configuration.md).

The embedded default is SQLite in ./var with DEBUG on only when DEBUG=true is set explicitly. Without
DEBUG the settings refuse to start unless SECRET_KEY and ALLOWED_HOSTS are set to something safe.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from hyte.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("HYTE_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", default=False)

_DEV_SECRET_KEY = "insecure-development-key-only-for-DEBUG-true-never-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

if not DEBUG:
    if len(SECRET_KEY) < 50 or SECRET_KEY == _DEV_SECRET_KEY or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off "
            "(for local development set DEBUG=true)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names this server answers to.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "hyte.core",
    "hyte.audit",
    "hyte.regions",
    "hyte.accounts",
    "hyte.notifications",
    "hyte.indicators",
    "hyte.situation",
    "hyte.funding",
    "hyte.reports",
    "hyte.assessments",
    "hyte.actors",
    "hyte.cooperation",
    "hyte.national",
    "hyte.participation",
    "hyte.surveys",
    "hyte.grants",
    "hyte.public",
    "hyte.transfer",
    "hyte.work",
    "hyte.demo",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

# Two-factor sign-in (optional, by each user; recommended for administrators): TOTP codes from an authenticator app.
OTP_TOTP_ISSUER = "Hyte"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a person's secret key or its QR code

# No inline script anywhere, nothing from other origins: the product's pages use no JavaScript of their own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in: django-axes locks a username at one client address after AXES_FAILURE_LIMIT wrong passwords for
# AXES_COOLOFF_TIME (the right password does not open it meanwhile); every sign-in, failure, lockout and
# sign-out is in the audit log (hyte.accounts.signin).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("HYTE_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("HYTE_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "hyte.core.http.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = True  # sign-ins are in the audit log

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hyte.core.middleware.RequestLogMiddleware",
    "hyte.public.cache.PublicPageCacheMiddleware",  # a cached page leaves here, with the headers below set once
    "csp.middleware.CSPMiddleware",
    "hyte.core.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "hyte.core.edge.UnstorableInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hyte.accounts.tokens.BearerTokenMiddleware",
    "hyte.accounts.middleware.ActiveOrganisationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hyte.urls"
WSGI_APPLICATION = "hyte.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hyte.accounts.context_processors.organisations",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'hyte.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers go on while an import writes; the busy timeout waits instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A second connection to the same database, outside the import's transaction, for its progress.
DATABASES["progress"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}

# Long imports run as background tasks: "immediate" runs them in the request (the embedded default);
# "database" queues them for `hyte db_worker` (production).
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = env_str("HYTE_TASK_BACKEND", "immediate")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"HYTE_TASK_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {_task_backend!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "hyte_language"
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from the finders but wants the folder
WHITENOISE_USE_FINDERS = True
WHITENOISE_MANIFEST_STRICT = False
MEDIA_ROOT = DATA_DIR / "media"

# Security. Behind a TLS-terminating load balancer set SECURE_PROXY_SSL_HEADER_ENABLED=true.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if env_bool("SECURE_PROXY_SSL_HEADER_ENABLED", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json")
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # sign-ins are in the audit log; lockouts still warn
        "django.request": {"level": "ERROR"},
        "weasyprint": {"level": "ERROR"},  # its progress steps and CSS notes are not the operator's business
        "fontTools": {"level": "ERROR"},
    },
}

# E-mail (password resets and notifications) through an SMTP server; without HYTE_SMTP_HOST mails are written to
# the log (standard output), which suits the embedded demo but sends nothing.
EMAIL_HOST = env_str("HYTE_SMTP_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("HYTE_SMTP_PORT", 587)
EMAIL_HOST_USER = env_str("HYTE_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("HYTE_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("HYTE_SMTP_STARTTLS", default=True)
EMAIL_USE_SSL = env_bool("HYTE_SMTP_SSL", default=False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("HYTE_MAIL_FROM", "Hyte <hyte@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PASSWORD_RESET_TIMEOUT = 3 * 3600  # a reset link works for three hours, once
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("HYTE_SMTP_STARTTLS and HYTE_SMTP_SSL cannot both be true")

# The cache of public pages and of the API's rate limits: in each process's memory by default (one process),
# shared by every process through Redis (redis://host:6379/0) or memcached (memcached://host:11211).
_cache_url = env_str("HYTE_CACHE_URL", "")
if not _cache_url:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
elif _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}}
elif _cache_url.startswith("memcached://"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": _cache_url.removeprefix("memcached://").rstrip("/"),
        }
    }
else:
    raise ImproperlyConfigured(
        f"HYTE_CACHE_URL must start with redis://, rediss://, unix:// or memcached://, not {_cache_url!r}"
    )
# Imports: an upload waiting for its column mapping is deleted after this many hours; an import queued or
# running for longer than this many minutes is marked failed (`hyte expire_imports`, run by cron or a timer).
HYTE_UPLOAD_RETENTION_HOURS = env_int("HYTE_UPLOAD_RETENTION_HOURS", 72)
HYTE_IMPORT_STALE_MINUTES = env_int("HYTE_IMPORT_STALE_MINUTES", 60)
# PDFs of reports made in the background: kept for this many hours after they are made (or fail), and one
# waiting or being made for longer than this many minutes is marked failed (`hyte expire_exports`).
HYTE_EXPORT_RETENTION_HOURS = env_int("HYTE_EXPORT_RETENTION_HOURS", 24)
HYTE_EXPORT_STALE_MINUTES = env_int("HYTE_EXPORT_STALE_MINUTES", 30)
# The register: the keepers of an activity not checked in 12 months are reminded again after this many days
# (`hyte remind_stale_register`, also run by `hyte notify_daily`).
HYTE_REGISTER_REMINDER_DAYS = env_int("HYTE_REGISTER_REMINDER_DAYS", 30)
if HYTE_REGISTER_REMINDER_DAYS < 1:
    raise ImproperlyConfigured(f"HYTE_REGISTER_REMINDER_DAYS must be 1 or more, not {HYTE_REGISTER_REMINDER_DAYS}")
# API rate limits (requests per second, min, hour or day), per client address anonymously and per user signed in
HYTE_API_RATE_ANONYMOUS = env_str("HYTE_API_RATE_ANONYMOUS", "120/min")
HYTE_API_RATE_SIGNED_IN = env_str("HYTE_API_RATE_SIGNED_IN", "1200/min")
# How many reverse proxies stand in front (each adds to X-Forwarded-For): 0 uses the connection's address, so a
# client cannot choose its own address for the rate limits.
NINJA_NUM_PROXIES = env_int("HYTE_PROXIES", 0)
NINJA_PAGINATION_MAX_LIMIT = 1000
HYTE_SOTKANET_BASE_URL = env_str("HYTE_SOTKANET_BASE_URL", "https://sotkanet.fi/rest")
# The Linked Events API the register imports events from (City of Helsinki's, or another city's instance).
HYTE_LINKED_EVENTS_URL = env_str("HYTE_LINKED_EVENTS_URL", "https://api.hel.fi/linkedevents/v1")
# Residents' comments on a comment round: how many one address may send in how many seconds (issue 18).
HYTE_COMMENT_RATE = env_str("HYTE_COMMENT_RATE", "10/600")

# The public site: its address as readers see it (for the sitemap and the static export), and a folder that
# `hyte publish` writes the static site to whenever a report version is published (empty: no automatic export).
PUBLIC_BASE_URL = env_str("HYTE_PUBLIC_BASE_URL", "").rstrip("/")
HYTE_PUBLISH_DIR = env_str("HYTE_PUBLISH_DIR", "")

# The activity finder's map: the URL template of an OpenStreetMap-based tile server the deployment may use
# (`https://tile.example.fi/{z}/{x}/{y}.png`, `{s}` for its subdomains). Empty, the default: no map, the list only.
# The finder's Content-Security-Policy then allows images from that host, and nowhere else.
HYTE_MAP_TILES = env_str("HYTE_MAP_TILES", "").strip()
if HYTE_MAP_TILES and (
    not HYTE_MAP_TILES.startswith(("https://", "http://"))
    or not all(p in HYTE_MAP_TILES for p in ("{z}", "{x}", "{y}"))
):
    raise ImproperlyConfigured(
        f"HYTE_MAP_TILES must be an http(s) URL template with {{z}}, {{x}} and {{y}}, not {HYTE_MAP_TILES!r}"
    )
HYTE_MAP_ATTRIBUTION = env_str("HYTE_MAP_ATTRIBUTION", "© OpenStreetMap contributors")
HYTE_MAP_ATTRIBUTION_URL = env_str("HYTE_MAP_ATTRIBUTION_URL", "https://www.openstreetmap.org/copyright")
