"""One settings module for every environment; each value comes from the environment.

With nothing set, a newcomer gets SQLite in the project folder, Celery tasks run eagerly in-process
and a local-memory cache. Production (DEBUG=false) must name its secrets and hosts or start-up fails
with a hint.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

from psc.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)
_PRODUCTION = not DEBUG

SECRET_KEY = env_str(
    "SECRET_KEY",
    default="django-insecure-local-development-only-not-for-production-use-0123456789",
    required_hint="a long random string, e.g. from "
    "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    if _PRODUCTION
    else None,
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
if _PRODUCTION and not env_str("ALLOWED_HOSTS"):
    env_str("ALLOWED_HOSTS", required_hint="the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "knox",  # hashed, expiring API tokens for partners
    "drf_spectacular",  # the OpenAPI schema at /api/v1/schema/
    "drf_spectacular_sidecar",  # Swagger UI's files, served by us rather than a CDN
    "simple_history",
    "axes",  # sign-in lockout (below)
    "core",
    "regions",
    "projects",
    "measurement",
    "learning",
    "reporting",
    "demo",
]

MIDDLEWARE = [
    "core.request_id.RequestIdMiddleware",  # first: every later log line names the request
    "django.middleware.security.SecurityMiddleware",
    "psc.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, policies below
    "psc.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "psc.middleware.PagesNeedSignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.routing.RecentWritesMiddleware",
    "axes.middleware.AxesMiddleware",  # answers a locked-out sign-in with the page below
    "core.middleware.BusyDatabaseMiddleware",  # a deadlock that outlasted the retries: 503
]

if _PRODUCTION:
    # Serves collected static files; in development runserver serves them from the finders.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "psc.urls"
WSGI_APPLICATION = "psc.wsgi.application"

TEMPLATES = [
    {
        # Pages: Jinja2 with the NHS.UK frontend macros (see docs/adr/0001).
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "psc.jinja2.environment"},
    },
    {
        # The Django admin only.
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

# Database: SQLite for a newcomer, PostgreSQL when DATABASE_URL is set.
_DATABASE_URL = env_str(
    "DATABASE_URL",
    required_hint="e.g. postgres://user:password@host:5432/psc" if _PRODUCTION else None,
)
if _DATABASE_URL:
    # Connections are kept a minute and checked before reuse, so the first request after a
    # database restart opens a new one instead of failing on the dead one.
    DATABASES = {
        "default": dj_database_url.parse(_DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
    }
# A streaming replica, optional: the dashboards, downloads and metrics API read it
# (core/routing.py); a user who has just written reads the primary for a few seconds.
_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if _REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(_REPLICA_URL, conn_max_age=60, conn_health_checks=True),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["core.routing.ReplicaRouter"]
READ_YOUR_WRITES_SECONDS = env_int("READ_YOUR_WRITES_SECONDS", default=10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, else this process's memory.
_REDIS_URL = env_str("REDIS_URL")
if _REDIS_URL:
    CACHES = {
        "default": {
            # Errors reaching Redis are misses, not failures (core/cache.py); a Redis that
            # hangs is given up on after a second.
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": _REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    # Sessions read from Redis, written through to the database: no session query per page.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "regions.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in protection (django-axes, the maintained library for it): after SIGN_IN_FAILURE_LIMIT
# wrong passwords for one account, or from one address, signing in is refused for
# SIGN_IN_LOCKOUT_MINUTES, the right password included, on the sign-in page and the admin's
# alike. Failures and lockouts are logged; the page does not say whether the account exists.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGN_IN_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGN_IN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "psc.views.signed_in_refused"
AXES_VERBOSE = False  # no banner at each start; failures and lockouts are logged, names masked
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# Static files: ours in static/, NHS.UK frontend and htmx straight from node_modules (npm ci).
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("nhsuk", BASE_DIR / "node_modules" / "nhsuk-frontend" / "dist" / "nhsuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if _PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Security: strict by default in production; `check --deploy` must pass with no warnings.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_PRODUCTION)
# Load balancers probe over plain HTTP inside the network (psc/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31536000 if _PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _PRODUCTION
SECURE_HSTS_PRELOAD = _PRODUCTION
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=_PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=_PRODUCTION)
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): everything a page needs comes from this site (htmx, the
# NHS.UK frontend and Swagger UI are our own static files), so the policy is strict: no inline
# styles or scripts, no eval, no plugins, no framing, forms post only here. Two exceptions:
# - NHS.UK frontend's page template opens <body> with one inline script, marking the body for
#   its components before any file loads; it is allowed by its hash, as NHS.UK and GOV.UK
#   frontends advise (a unit test checks the hash still matches the installed template);
# - its stylesheet takes the NHS font, Frutiger, from the NHS's own font server.
# The API docs add data: images (psc/urls.py); SVG files have a policy of their own below.
NHSUK_BODY_SCRIPT_HASH = "'sha256-tDOvXJi1PXbg0CWjLCCYSNHRXtps26K4JXkE3M6u/c0='"
NHS_FONTS = "https://assets.nhs.uk"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NHSUK_BODY_SCRIPT_HASH],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF, NHS_FONTS],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# An SVG file opened on its own (a chart, a driver diagram) is styled by matplotlib's inline
# styles, and may load and run nothing (psc/middleware.py).
CONTENT_SECURITY_POLICY_SVG_FILES = {
    "default-src": [NONE],
    "style-src": [UNSAFE_INLINE],
    "frame-ancestors": [NONE],
}
# Permissions-Policy: browser features the service never uses, turned off (psc/middleware.py).
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

# Celery: no broker means tasks run eagerly in this process, so a newcomer needs no Redis.
_BROKER = env_str("CELERY_BROKER_URL")
CELERY_BROKER_URL = _BROKER or "memory://"
CELERY_TASK_ALWAYS_EAGER = not _BROKER
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND")
CELERY_TASK_ACKS_LATE = True  # a task is acknowledged only after it finishes...
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # ...and re-queued if its worker dies mid-task
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request sending a task gives up on a broker that is down after about a second
# (core/queueing.py logs it; the database marks and the sweeps catch the work up).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
    # A message taken by a worker that died (kill -9, a lost machine) goes back to the queue
    # after this long. It must outlast the longest task's hard time limit (rollup_full: 20
    # minutes), or a task still running would be handed to a second worker. A worker process
    # that dies under a live worker gives its message back at once (REJECT_ON_WORKER_LOST).
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", default=1800),
    # Workers look for such messages every 30 s (kombu's default is every 100 s).
    "unacked_restore_interval": 30,
    "unacked_restore_throttle": 1,
}
# Queues by kind of work, so each can have workers of its own (docker-compose.yml runs one
# service per queue; `make worker` serves them all): refreshes are many and short, rollups one at
# a time, emails wait on a mail server, board reports are long.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "measurement.tasks.refresh_measures": {"queue": "refresh"},
    "reporting.tasks.rollup_*": {"queue": "rollups"},
    "measurement.tasks.email_*": {"queue": "notifications"},
    "reporting.tasks.report_*": {"queue": "reports"},  # board reports
}
# The first change after a rollup run queues the next one this many seconds later; the changes
# meanwhile ride on it (reporting/rollups/scheduling.py).
ROLLUP_DEBOUNCE_SECONDS = env_int("ROLLUP_DEBOUNCE_SECONDS", default=2)
# ...and no sooner than this many seconds after the previous run started (a busy day's pace).
ROLLUP_MIN_INTERVAL_SECONDS = env_int("ROLLUP_MIN_INTERVAL_SECONDS", default=4)
# An unfinished rollup run not heard from for this long died with its worker: the next run
# closes it and "Refresh figures" may start another (a run writes a heartbeat every year stored).
ROLLUP_RUN_SILENT_SECONDS = env_int("ROLLUP_RUN_SILENT_SECONDS", default=120)
# An active project with no data, PDSA cycle or edit for this many days is stalled (about six
# months; projects/services/stalled.py).
PROJECT_STALLED_AFTER_DAYS = env_int("PROJECT_STALLED_AFTER_DAYS", default=183)
# The beat schedule, in one place.
CELERY_BEAT_SCHEDULE = {
    # Nightly: rebuild every rollup from the records (incremental runs follow each change).
    "rollup-full-nightly": {
        "task": "reporting.tasks.rollup_full",
        "schedule": crontab(hour=2, minute=30),
    },
    # Catch anything a lost message left pending (the marks are in the database).
    "rollup-pending-sweep": {"task": "reporting.tasks.rollup_incremental", "schedule": 300.0},
    # Regional leads' and national viewers' digest of the week's new signals: Monday morning.
    "weekly-signal-digest": {
        "task": "measurement.tasks.email_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    # Active projects gone quiet for PROJECT_STALLED_AFTER_DAYS become stalled: each night.
    "stalled-projects-daily": {
        "task": "projects.tasks.mark_stalled_projects",
        "schedule": crontab(hour=1, minute=30),
    },
    # Teams of active projects whose measures have gone without data: each morning.
    "no-data-reminders-daily": {
        "task": "measurement.tasks.email_no_data_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    # Board packs asked for while the broker was down: sent again (reporting/board_packs).
    "board-packs-waiting-sweep": {
        "task": "reporting.tasks.report_board_packs_waiting",
        "schedule": 300.0,
    },
}

# The API (/api/v1/): tokens for partners, sessions for the browser, one error format.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",  # first, so anonymous calls get 401 with a challenge
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.Pages",
    "PAGE_SIZE": 100,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "core.api.filtering.UpdatedSinceFilter",
        "core.api.filtering.Ordering",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "core.api.throttling.TokenRateThrottle",
        "core.api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.ApiSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # How many proxies in front of the app add to X-Forwarded-For (TRUSTED_PROXIES): the
    # anonymous throttle keys on the address that many hops from the right, and with none (the
    # default) on the connection's own address, so a caller cannot pick a fresh address per
    # request by sending the header itself.
    "NUM_PROXIES": env_int("TRUSTED_PROXIES", default=0),
}
# Requests a token (or, for browsers, a user) may make; anonymous callers per address.
API_THROTTLE_RATE = env_str("API_THROTTLE_RATE", default="1200/minute")
API_ANON_THROTTLE_RATE = env_str("API_ANON_THROTTLE_RATE", default="60/minute")
# 10,000 weekly points of JSON are under 1 MB; anything far bigger is refused with 413.
API_MAX_BODY_BYTES = env_int("API_MAX_BODY_BYTES", default=5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
# Each query of an API request is stopped after this long (PostgreSQL only; 0 turns it off).
API_STATEMENT_TIMEOUT_MS = env_int("API_STATEMENT_TIMEOUT_MS", default=30_000)

REST_KNOX = {
    "TOKEN_TTL": timedelta(days=env_int("API_TOKEN_DAYS", default=90)),  # default lifetime
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,  # a token ends when it says it does
}

SPECTACULAR_SETTINGS = {
    "TITLE": "PSC QI Tracker API",
    "DESCRIPTION": (
        "Projects, driver diagrams, PDSA cycles, measures and their weekly data, regional "
        "activity and the national figures of England's Patient Safety Collaboratives.\n\n"
        "**Authentication**: send `Authorization: Token <key>`; create and revoke tokens at "
        "`/account/tokens/` or with `manage.py create_api_token`. A token acts as its user.\n\n"
        "**Names**: regions by slug (`wessex`), organisations by id or ODS code.\n\n"
        "**Lists** take `page`, `page_size` (at most 1,000), `ordering` and `updated_since`.\n\n"
        "**Errors** always answer `{status, code, detail, errors: [{field, code, message}]}`.\n\n"
        "**Writes** take an `Idempotency-Key` header: a retry returns the first answer."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {  # two models have a field called kind, two a status
        "MeasureKindEnum": "measurement.models.choices.MeasureKind",
        "ChampionKindEnum": "regions.models.activity.ChampionKind",
        "ProjectStatusEnum": "projects.models.project.ProjectStatus",
        "PDSAStatusEnum": "projects.models.pdsa.PDSAStatus",
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", default="psc-qi-tracker@localhost")
# A mail server (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend), e.g. NHSmail's relay.
EMAIL_HOST = env_str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 10  # seconds: a mail server that hangs must not hold a worker for ever
# The address emails link to (tasks have no request to take it from).
SITE_URL = env_str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Accounts: the link in an invitation to join the service works for this many days
# (projects/invitations/); password reset links for PASSWORD_RESET_TIMEOUT (Django's 3 days).
INVITATION_DAYS = env_int("INVITATION_DAYS", default=14)
# Public pages and the public API show a count below this as "fewer than N" (small numbers
# can identify patients); 5 is the NHS's usual threshold for published statistics.
PUBLIC_SMALL_COUNT_THRESHOLD = env_int("PUBLIC_SMALL_COUNT_THRESHOLD", default=5)

# Logs: one JSON object a line in production (LOG_FORMAT=json), readable lines in development;
# both name the request (core/request_id.py), in the web processes and in the tasks it sent.
LOG_FORMAT = env_str("LOG_FORMAT", default="json" if _PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    # Sign-in failures and lockouts are warnings; axes' line for every successful sign-in is not
    # worth keeping.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Errors to Sentry when SENTRY_DSN is set (unhandled exceptions and ERROR log lines, from the
# web processes and the workers); nothing is sent, or loaded, when it is not.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        environment=env_str("SENTRY_ENVIRONMENT", default="production" if _PRODUCTION else "dev"),
        send_default_pii=False,  # no user names, emails or addresses leave the service
    )
