"""Liveness and readiness for load balancers and process managers (docs/deploy.md).

`/healthz` answers 200 when this process can reach the database and read the task queue, with the queue's
backlog (tasks ready to run, and how long the oldest has waited) so a monitor can alert on a stopped worker.
`/readyz` also checks that every migration is applied, so a new release takes traffic only after `migrate`.
Neither reads a person's record, and neither is cached.
"""

from __future__ import annotations

import time

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks_db.models import DBTaskResult

# A backlog older than this means no worker is taking tasks: healthz still answers 200 (the web process is
# fine) but says "degraded", so a monitor can page someone without the load balancer pulling the web node.
STALE_QUEUE_SECONDS = 15 * 60


def _database() -> dict:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": "ok", "vendor": connection.vendor, "ms": round((time.perf_counter() - started) * 1000, 1)}


def _queue() -> dict:
    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    waited = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return {
        "status": "degraded" if waited > STALE_QUEUE_SECONDS else "ok",
        "ready": ready.count(),
        "oldest_wait_s": round(waited),
    }


def _pending_migrations() -> int:
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _answer(checks: dict, failed: bool) -> JsonResponse:
    if failed:
        status = "fail"
    elif any(c.get("status") == "degraded" for c in checks.values()):
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse({"status": status, "checks": checks}, status=503 if failed else 200)


def _check(*, migrations: bool) -> JsonResponse:
    try:
        checks = {"database": _database(), "task_queue": _queue()}
        if migrations:
            pending = _pending_migrations()
            checks["migrations"] = {"status": "fail" if pending else "ok", "pending": pending}
    except DatabaseError as error:
        return _answer({"database": {"status": "fail", "error": type(error).__name__}}, failed=True)
    return _answer(checks, failed=checks.get("migrations", {}).get("status") == "fail")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return _check(migrations=False)


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    return _check(migrations=True)
