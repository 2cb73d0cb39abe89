"""Settings for the Shared Service Toolkit.

Every setting that differs between a laptop and a server comes from the environment. The
defaults suit local development on SQLite; with DEBUG off the app refuses to start until a
real SECRET_KEY and ALLOWED_HOSTS are given.
"""

import os
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)

_DEV_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

if not DEBUG:
    if SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured("Set SECRET_KEY to a long random value when DEBUG is off.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated host names) when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "formtools",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "axes",
    "toolkit",
    "toolkit.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "toolkit.middleware.SessionActivityMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Lets the audit trail (toolkit/audit) record who made each change made during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "toolkit.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused for too many failures into the lock page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sharedservices.urls"

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
                "toolkit.context_processors.service",
            ],
        },
    },
]

# Project templates override Django's form templates so every form renders GOV.UK markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "sharedservices.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Axes's backend first: it refuses a locked-out username before the password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Sign-in throttling (django-axes; the page is toolkit/signin.py): after SIGN_IN_FAILURE_LIMIT
# failed attempts a username is refused for SIGN_IN_COOLOFF_MINUTES after the last one, or until
# an administrator deletes its access attempts in Django admin. Counted by username alone: an
# account under attack is protected whatever address the guesses come from, and a council's
# officers, who often share one office address, are not locked out together by one of them.
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGN_IN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# Axes warns when addresses are not counted, because user agents and cookies can be changed at
# will; a username cannot, for the account it guards. Counting by address would also lock every
# user out together behind a TLS-terminating proxy, where each request comes from the proxy.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "toolkit.signin.locked_out"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "toolkit:dashboard"
LOGOUT_REDIRECT_URL = "toolkit:start"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Exports are private: they are only ever sent through the views that check access, never
# served from MEDIA_URL.
MEDIA_URL = "/media/"
# Exports go through Django's storage API. Several app servers and workers share one store: a
# shared MEDIA_ROOT (a network volume), or another storage class given by FILE_STORAGE.
STORAGES = {
    "default": {"BACKEND": os.environ.get("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    # Hashed names so browsers may keep static files for ever; plain files while developing.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The question bank's structure and the signposting content are cached under keys that carry the
# content version (toolkit/content_cache.py), so each server's own memory is safe to use; a
# shared cache can be given with CACHE_BACKEND and CACHE_LOCATION.
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "toolkit"),
    }
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With DEBUG off the app expects HTTPS: cookies only over it, plain HTTP redirected to it, and
# browsers told to use nothing else (HSTS). Local tools that serve DEBUG-off over plain HTTP on
# 127.0.0.1 (.ci/smoke.py, make bench) set SECURE_SSL_REDIRECT=0.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
# No script of the site reads either cookie (forms carry the CSRF token in a hidden field).
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
# A session ends after this long without a request (toolkit.middleware.SessionActivityMiddleware).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_MINUTES", "480")) * 60
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer checks each server's health over plain HTTP, from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER=1 (the proxy must set
# X-Forwarded-Proto), or every request looks like plain HTTP and is redirected for ever.
if envbool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A year of HSTS by default with DEBUG off. Including subdomains and preload suit a host name
# of its own; set them to 0 when other sites under the same domain still serve plain HTTP.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)

SERVICE_NAME = os.environ.get("SERVICE_NAME", "Shared Service Toolkit")

# How long records kept only for a while are kept, as the privacy page says: the record of each
# sign-in (deleted by `manage.py prune_records`, run daily), and the servers' logs (kept by the
# platform that collects standard output: set its retention to match).
SIGN_IN_RECORDS_DAYS = int(os.environ.get("SIGN_IN_RECORDS_DAYS", "90"))
LOG_RETENTION_DAYS = int(os.environ.get("LOG_RETENTION_DAYS", "30"))

# Reports are made by a task (toolkit/reports/jobs.py). The immediate backend runs it at once,
# within the request, so `make run` needs no worker; TASKS_BACKEND=database queues it in the
# database for `python manage.py db_worker` (the setting takes a name below or a backend's path).
_TASKS_BACKENDS = {"immediate": "django_tasks.backends.immediate.ImmediateBackend", "database": "django_tasks_db.DatabaseBackend"}
_TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
TASKS = {"default": {"BACKEND": _TASKS_BACKENDS.get(_TASKS_BACKEND, _TASKS_BACKEND)}}

# HM Treasury Green Book real discount rate: the starting value of a new business case's rate,
# which is then stored with the business case (so a later change here does not change its figures).
DISCOUNT_RATE = Decimal(os.environ.get("DISCOUNT_RATE", "0.035"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # To standard output, where a process manager or container platform collects it.
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}
