"""Settings, read from the environment with safe development defaults.

`DJANGO_ENV=production` turns on the deploy checks' requirements (no debug,
a real secret key, secure cookies). Everything else comes from variables
such as DATABASE_URL and SECRET_KEY.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SHARED_DIR = Path(os.environ.get("CONNECTED_SHARED_DIR", BASE_DIR.parent / "shared"))

ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = ENV == "production"

DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"
SECRET_KEY = os.environ.get("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-do-not-use-in-production")
if PRODUCTION and not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DJANGO_ENV=production")

ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
# The NHS logo belongs to NHS organisations: shown only where the deployment is run by one (ADR 0033).
NHS_ORGANISATION = os.environ.get("NHS_ORGANISATION", "").lower() in ("1", "true", "yes")
# A form refused for a missing or stale CSRF token gets a page in the design system with a way back.
CSRF_FAILURE_VIEW = "connected.public.errors.csrf_failure"
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "connected.core.admin_config.ConnectedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves its Swagger UI and assets from our static files, not a CDN
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "connected.core",
    "connected.directory",
    "connected.measures",
    "connected.casework",
    "connected.matching",
    "connected.befriending",
    "connected.evidence",
    "connected.areas",
    "connected.public",
    "connected.policy",
    "connected.demo",
]

MIDDLEWARE = [
    "connected.directory.api.cors.CorsMiddleware",  # outermost: CORS on every /api/ response, errors included
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "connected.core.middleware.NoStoreForPersonalData",
]

ROOT_URLCONF = "connected.config.urls"
WSGI_APPLICATION = "connected.config.wsgi.application"

TEMPLATES = [
    {
        # Pages: NHS.UK design system macros (nhsuk-frontend-jinja) need Jinja2.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        # Our apps keep page templates in templates/<app>/ (Jinja2's own default is jinja2/).
        "DIRS": [BASE_DIR / "connected" / "templates", *sorted((BASE_DIR / "connected").glob("*/templates"))],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "connected.core.jinja.environment"},
    },
    {
        # The Django admin keeps Django's own template language.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the harvester work at once; a busy wait beats "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
# Lock out an account from one address, not the address: five bad passwords for one user must not lock
# out everyone else behind the same address (a practice's or a proxy's).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"

# Every staff user passes a second factor (TOTP, or a one-time recovery code) before seeing any record.
# For local demos only, this switches that off; production refuses to start with it (see below).
DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR = os.environ.get("DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR", "0") == "1"
if PRODUCTION and DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR:
    raise RuntimeError("DEMO_SIGN_IN_WITHOUT_SECOND_FACTOR must not be set when DJANGO_ENV=production")
OTP_TOTP_ISSUER = "Connected"

# A strict Content-Security-Policy: our own files only, no inline script except the nonced lines the
# NHS.UK page template needs, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [d for d in [BASE_DIR / "connected" / "static"] if d.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A task RUNNING longer than this lost its worker and is queued again (connected.core.task_recovery).
TASK_LEASE_SECONDS = int(os.environ.get("TASK_LEASE_SECONDS", str(2 * 60 * 60)))

# Messages back to referrers' systems (ADR 0025): our public address (ids in the messages), the URL schemes
# a sender's MessageHeader.source.endpoint may use, and the retry schedule (doubling from the base).
BASE_URL = os.environ.get("CONNECTED_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
OUTCOME_ENDPOINT_SCHEMES = ("https",)
# Hosts (and their subdomains) messages may go to, comma-separated; empty: any host.
OUTCOME_ENDPOINT_HOSTS = tuple(h for h in os.environ.get("CONNECTED_OUTCOME_HOSTS", "").split(",") if h)
OUTCOME_MAX_ATTEMPTS = 6
OUTCOME_RETRY_BASE_SECONDS = 60

# Uploads: refuse anything large before it reaches memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Logs carry no personal data: request bodies and query strings are never logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "connected.core.logs.JsonFormatter"},
    },
    # JSON lines in production (one object a line for the log collector), plain text at a developer's desk.
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "plain"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Directory import: how long to wait for a feed, and the largest feed file accepted.
ORUK_HTTP_TIMEOUT = float(os.environ.get("ORUK_HTTP_TIMEOUT", "30"))
ORUK_MAX_FEED_BYTES = int(os.environ.get("ORUK_MAX_FEED_BYTES", str(512 * 1024 * 1024)))
# The longest a whole harvest may take, however the feed sends (a trickle never trips the read timeout).
ORUK_HARVEST_DEADLINE = float(os.environ.get("ORUK_HARVEST_DEADLINE", str(30 * 60)))

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Cookies only over HTTPS; SECURE_COOKIES=0 is for a loopback run behind no proxy (scripts/serve.sh, bench/).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("SECURE_COOKIES", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

# Counts under this are withheld wherever a figure leaves the system (connected.evidence.suppression).
SUPPRESSION_THRESHOLD = int(os.environ.get("SUPPRESSION_THRESHOLD", "10"))

# Public forms resist abuse (docs/adr/0022-public-form-abuse.md): posts counted per client address in the
# database; identical self-referrals within the resubmit window are not saved twice. PUBLIC_FORM_PROXY_HOPS is
# how many trusted proxies stand in front (0: use REMOTE_ADDR and ignore X-Forwarded-For, which anyone can send).
PUBLIC_FORM_RATE_LIMIT = int(os.environ.get("PUBLIC_FORM_RATE_LIMIT", "5"))
PUBLIC_FORM_RATE_WINDOW_SECONDS = int(os.environ.get("PUBLIC_FORM_RATE_WINDOW_SECONDS", str(60 * 60)))
PUBLIC_FORM_RESUBMIT_WINDOW_SECONDS = int(os.environ.get("PUBLIC_FORM_RESUBMIT_WINDOW_SECONDS", str(10 * 60)))
PUBLIC_FORM_PROXY_HOPS = int(os.environ.get("PUBLIC_FORM_PROXY_HOPS", "0"))

# Email (reminders to commitment owners, connected.policy): printed to the console unless a backend is set.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Connected <no-reply@connected.invalid>")

# The check-in conversation API (docs/adr/0036): an idle conversation is deleted after this many minutes;
# each client address may send this many messages an hour. TWILIO_AUTH_TOKEN signs the Twilio webhook; unset,
# the webhook refuses every request.
CHECKIN_CONVERSATION_MINUTES = int(os.environ.get("CHECKIN_CONVERSATION_MINUTES", "30"))
CHECKIN_API_RATE_LIMIT = int(os.environ.get("CHECKIN_API_RATE_LIMIT", "200"))
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")

# Matching's ranker (docs/adr/0047): lexical (the default, and in tests), semantic (by meaning, from the
# committed static model) or combined (lexical reasons ordered and widened by meaning).
MATCHING_RANKER = os.environ.get("MATCHING_RANKER", "lexical")
