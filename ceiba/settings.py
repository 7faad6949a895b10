"""Settings, all from the environment through ceiba.common.env.

The defaults give the embedded mode: SQLite in WAL mode, files on local disk,
tasks in a database-backed worker and SQLite FTS5 search. Production differs only by
environment variables (see docs/operators/configuration.md).
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ceiba.common.env import env_bool, env_int, env_list, env_path, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("CEIBA_DATA_DIR", Path.cwd() / "var")

DEBUG = env_bool("CEIBA_DEBUG", False)
SECRET_KEY = env_str("CEIBA_SECRET_KEY") or "insecure-embedded-default-change-me"
ALLOWED_HOSTS = env_list("CEIBA_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CEIBA_CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("CEIBA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ceiba.common",
    "ceiba.accounts",
    "ceiba.catalog",
    "ceiba.search",
    "ceiba.datastore",
    "ceiba.privacy",
    "ceiba.ingest",
    "ceiba.harvest",
    "ceiba.quality",
    "ceiba.demo",
    "ceiba.api",
    "ceiba.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ceiba.web.middleware.CompressPagesMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ceiba.web.middleware.SpanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ceiba.api.http.ApiAccessMiddleware",
    "ceiba.web.middleware.PublicCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "ceiba.web.middleware.ContentSecurityPolicyMiddleware",
    "ceiba.web.errors.CeibaErrorMiddleware",
]

ROOT_URLCONF = "ceiba.urls"
WSGI_APPLICATION = "ceiba.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(
            url, conn_max_age=env_int("CEIBA_DB_CONN_MAX_AGE", 60)
        )
        if config["ENGINE"].endswith("sqlite3"):
            config["OPTIONS"] = _SQLITE_OPTIONS
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "ceiba.sqlite3",
        "OPTIONS": _SQLITE_OPTIONS,
        # Opening a connection costs more than a stored package's whole answer.
        "CONN_MAX_AGE": env_int("CEIBA_DB_CONN_MAX_AGE", 60),
    }


_SQLITE_OPTIONS = {
    # WAL lets readers go on while the worker writes; IMMEDIATE transactions take
    # the write lock up front, so concurrent writers wait instead of failing.
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:publish-home"
LOGOUT_REDIRECT_URL = "web:home"
CEIBA_LOGIN_MAX_FAILURES = env_int("CEIBA_LOGIN_MAX_FAILURES", 5)
CEIBA_LOGIN_LOCKOUT_SECONDS = env_int("CEIBA_LOGIN_LOCKOUT_SECONDS", 900)
# API requests per minute; 0 turns a limit off.
# Processes of ``ceiba serve``: the number of cores in production.
CEIBA_WEB_WORKERS = env_int("CEIBA_WEB_WORKERS", 1)
CEIBA_API_RATE_LIMIT_ANON = env_int("CEIBA_API_RATE_LIMIT_ANON", 600)
CEIBA_API_RATE_LIMIT_TOKEN = env_int("CEIBA_API_RATE_LIMIT_TOKEN", 3000)

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
# Mayan languages have locale folders ready (ceiba/locale/quc, kek, cak, mam); they
# are offered once their catalogues are translated.
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Guatemala"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "files"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = env_bool("CEIBA_STATIC_FROM_SOURCE", True)
WHITENOISE_AUTOREFRESH = DEBUG

CEIBA_MAX_UPLOAD_BYTES = env_int("CEIBA_MAX_UPLOAD_BYTES", 1024 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = None
CEIBA_SEARCH_BACKEND = env_str("CEIBA_SEARCH_BACKEND")
CEIBA_PAGE_SIZE = env_int("CEIBA_PAGE_SIZE", 20)
# Personal data (ceiba.privacy): kinds that block publishing (empty: every kind but
# coordinates) and the secret key of keyed hashing (empty: derived from SECRET_KEY).
CEIBA_PRIVACY_BLOCKING = env_list("CEIBA_PRIVACY_BLOCKING")
CEIBA_PRIVACY_HASH_KEY = env_str("CEIBA_PRIVACY_HASH_KEY")

TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "rq": "django_tasks_rq.RQBackend",
        }[env_str("CEIBA_TASKS", "database")],
    }
}

_REDIS_URL = env_str("CEIBA_REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _REDIS_URL,
        }
        if _REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("CEIBA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CEIBA_LOG_LEVEL", "INFO")},
}

FILE_UPLOAD_HANDLERS = [
    "ceiba.web.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
CSRF_FAILURE_VIEW = "ceiba.web.errors.csrf_failure"
CEIBA_PORT = env_int("PORT", 8000)

# Quality (issue 6): the outbound-fetch guard, link checks, notices, history.
CEIBA_OUTBOUND_ALLOW = env_list("CEIBA_OUTBOUND_ALLOW")
CEIBA_LINK_CHECK_PER_HOST = env_int("CEIBA_LINK_CHECK_PER_HOST", 2)
CEIBA_LINK_CHECK_HOST_INTERVAL = env_int("CEIBA_LINK_CHECK_HOST_INTERVAL", 1)
CEIBA_QUALITY_HISTORY_INSTITUTION = env_str("CEIBA_QUALITY_HISTORY_INSTITUTION")
EMAIL_BACKEND = env_str(
    "CEIBA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("CEIBA_EMAIL_FROM", "datos-abiertos@localhost")
EMAIL_HOST = env_str("CEIBA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("CEIBA_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("CEIBA_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("CEIBA_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("CEIBA_EMAIL_TLS", False)

# Harvest (issue 5): per-request timeout (seconds), largest response read (bytes),
# retries of a failing request (with exponential backoff from BACKOFF_MS), the time
# limit of one run (seconds) and the page size asked of CKAN sources.
CEIBA_HARVEST_TIMEOUT = env_int("CEIBA_HARVEST_TIMEOUT", 30)
CEIBA_HARVEST_MAX_BYTES = env_int("CEIBA_HARVEST_MAX_BYTES", 200 * 1024 * 1024)
CEIBA_HARVEST_RETRIES = env_int("CEIBA_HARVEST_RETRIES", 3)
CEIBA_HARVEST_BACKOFF_MS = env_int("CEIBA_HARVEST_BACKOFF_MS", 2000)
CEIBA_HARVEST_MAX_SECONDS = env_int("CEIBA_HARVEST_MAX_SECONDS", 4 * 3600)
CEIBA_HARVEST_PAGE_SIZE = env_int("CEIBA_HARVEST_PAGE_SIZE", 500)
