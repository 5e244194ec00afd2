"""Ustat settings: one module, read from environment variables (see the README's configuration table)."""

import os
from datetime import timedelta
from email.utils import getaddresses, quote
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_addresses(name):
    """'Aida Asanova <aida@example.org>, ops@example.org' as the list of address strings Django's ADMINS takes."""
    value = os.environ.get(name, "").strip()
    addresses = []
    for display_name, address in getaddresses([value]):
        local, _at, domain = address.rpartition("@")
        if not local or not domain or any(character.isspace() for character in address):
            raise ImproperlyConfigured(
                f"{name} must be e-mail addresses separated by commas, "
                f"such as 'Aida Asanova <aida@example.org>, ops@example.org', not {value!r}."
            )
        addresses.append(f'"{quote(display_name)}" <{address}>' if display_name else address)
    return addresses


DEBUG = env_bool("DJANGO_DEBUG", False)
# The development key is refused by `check --deploy`; production sets DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or "django-insecure-ustat-development-key-never-in-production"
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tasks_db",
    "axes",
    "core",
    "schools",
    "qualification",
    "certificates",
    "mentorship",
    "methodcouncil",
    "partners",
    "home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "core.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.PasswordChangeRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.clock.OfficeTimeMiddleware",
    "core.submissions.OncePerSubmissionMiddleware",
]

ROOT_URLCONF = "ustat.urls"
WSGI_APPLICATION = "ustat.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'ustat.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock up front so
        # two writers queue instead of failing with "database is locked".
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    # A form's select reads its choices with .iterator(), which on PostgreSQL declares a server-side cursor:
    # three round trips (declare, fetch, close) for a list of a few dozen schools. Nothing here streams a
    # result too large to hold, and a transaction-pooling PgBouncer needs them off anyway.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "schools.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "core.backends.UserBackend",
]
# Login throttling: five wrong passwords for one user name from one address lock that pair out for
# fifteen minutes. The pair, not the user name alone, so that nobody can lock a real user out from
# elsewhere; a successful login clears the count.
AXES_FAILURE_LIMIT = env_int("USTAT_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("USTAT_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Kyrgyz, Kazakh and Russian only. Russian is the fallback, never English.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ky", "Кыргызча"), ("kk", "Қазақша"), ("ru", "Русский")]
# locale/ is made by makemessages from Ustat's code; locale-django/ holds Ustat's wording of Django's own
# messages (form errors, date names), which Django's Kazakh and Kyrgyz catalogs lack in part. The first wins.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-django"]
# Django ships no Kazakh date formats; ours live beside the app that owns the shared template layer.
FORMAT_MODULE_PATH = ["core.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Asia/Bishkek")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded files are never served from a public URL: views check scope, then stream them.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT") or BASE_DIR / "var" / "media")
MEDIA_URL = "/files/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail goes to the console unless an SMTP host is configured.
if os.environ.get("DJANGO_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["DJANGO_EMAIL_HOST"],
                "port": env_int("DJANGO_EMAIL_PORT", 587),
                "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
                "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ustat@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who is mailed an error (a failed request, a failed certificate batch) when DEBUG is off; see LOGGING.
ADMINS = env_addresses("DJANGO_ADMINS")
EMAIL_SUBJECT_PREFIX = "[Ustat] "

# The address printed on certificates and in their QR codes.
USTAT_PUBLIC_BASE_URL = os.environ.get("USTAT_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Digital signatures and credentials (README, "Signing keys"). Each office signs its documents with the key and
# X.509 certificate of a PKCS#12 file: the path set in the admin (certificate settings), else
# USTAT_SIGNING_DIR/<office code>.p12; its passphrase comes from USTAT_SIGNING_PASSPHRASE_<office id>, else
# USTAT_SIGNING_PASSPHRASE, read when the file is opened. An office without such a file issues unsigned documents.
USTAT_SIGNING_DIR = Path(os.environ.get("USTAT_SIGNING_DIR") or BASE_DIR / "var" / "signing")
# The certificate authorities whose certificates the verification page trusts (PEM or DER files), besides
# USTAT_SIGNING_DIR/ca.pem (the demo authority that `make run` creates).
USTAT_SIGNING_TRUST_ROOTS = env_list("USTAT_SIGNING_TRUST_ROOTS", [])
# An RFC 3161 timestamp server; without one a signature is still valid, with the signing time the server claims.
USTAT_TIMESTAMP_URL = os.environ.get("USTAT_TIMESTAMP_URL", "")

# Background work (certificate batches): at once in-process by default; with USTAT_TASK_BACKEND=database
# the tasks wait in the database for `manage.py db_worker`.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = os.environ.get("USTAT_TASK_BACKEND", "immediate")
if _task_backend not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"USTAT_TASK_BACKEND must be one of {', '.join(TASK_BACKENDS)}, not {_task_backend!r}.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[_task_backend]}}

# Shared by every worker process: counters such as the verification page's wrong-guess limit.
CACHES = {
    # Also the cached parts of busy pages (core.versions): a few per director, language and filter; culling
    # at Django's default of 300 entries would throw a district's pages out before they are read again. Not
    # far more: the database cache counts its rows at every write.
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ustat_cache",
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
    # Per process: rendered markup addressed by a digest of its content (charts), never stale.
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 500}},
}
# Several application servers: Redis or memcached instead of the database table (README, "Growing").
_cache_url = os.environ.get("USTAT_CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
elif _cache_url.startswith("memcached://"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
        "LOCATION": _cache_url.removeprefix("memcached://"),
    }
elif _cache_url:
    raise ImproperlyConfigured(
        f"USTAT_CACHE_URL must start with redis://, rediss:// or memcached://, not {_cache_url!r}."
    )

SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_SECONDS", 2 * 3600)
# The age above is an idle timeout: core.middleware.SessionIdleRefreshMiddleware renews it.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    if env_bool("DJANGO_BEHIND_HTTPS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        # Every error, Django's and Ustat's own, is mailed to ADMINS in production (none when ADMINS is empty).
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console", "mail_admins"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's default handlers would print and mail its records a second time: they reach the root's.
        "django": {"handlers": [], "level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "ustat.auth": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}
