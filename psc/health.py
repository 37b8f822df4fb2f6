"""Health checks for the load balancer and the orchestrator, open to anyone and never cached.

`/healthz` (liveness): the process answers. `/readyz` (readiness): each dependency checked, with
how long it took. The database is the one the service cannot work without (503); the cache and
the broker only degrade it (200, "degraded"), since pages and writes work without them and the
marks in the database catch up once they return.
"""

import logging
import time

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)
BROKER_TIMEOUT_SECONDS = 1.0


@require_GET
@never_cache
@login_not_required
def healthz(request):
    return JsonResponse({"status": "alive"})


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return f"{connection.vendor} answers"


def _cache() -> str:
    cache.set("readyz:probe", "ok", 10)
    if cache.get("readyz:probe") != "ok":
        raise RuntimeError("the cache did not keep a value")
    return "kept and read back a value"


def _broker() -> str:
    from psc.celery import app

    if app.conf.task_always_eager:
        return "no broker: tasks run in the web process"
    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return "connected"


def _check(probe) -> dict:
    started = time.perf_counter()
    try:
        detail, ok = probe(), True
    except Exception as error:  # any failure of a dependency is a finding, not a crash
        logger.warning("Readiness check %s failed", probe.__name__, exc_info=True)
        detail, ok = f"{type(error).__name__}: {error}"[:300], False
    return {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1), "detail": detail}


@require_GET
@never_cache
@login_not_required
def readyz(request):
    checks = {"database": _check(_database), "cache": _check(_cache), "broker": _check(_broker)}
    if not checks["database"]["ok"]:
        status, code = "not ready", 503
    elif all(check["ok"] for check in checks.values()):
        status, code = "ready", 200
    else:
        status, code = "degraded", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
