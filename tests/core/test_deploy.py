"""The deployed shape: health endpoints, JSON logs without personal data, and a production static build."""

from __future__ import annotations

import json
import logging
import sys
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from connected.core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def test_healthz_reports_the_database_and_the_queue(client):
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["task_queue"] == {"status": "ok", "ready": 0, "oldest_wait_s": 0}
    assert "no-store" in response["Cache-Control"]


def test_a_stale_queue_is_degraded_not_down(client):
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="connected.directory.tasks.harvest_feed",
        backend_name="default",
        run_after=timezone.now() - timedelta(hours=1),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["checks"]["task_queue"]["ready"] == 1
    assert body["checks"]["task_queue"]["oldest_wait_s"] >= 3600


def test_readyz_counts_unapplied_migrations(client):
    body = client.get("/readyz").json()
    assert body["checks"]["migrations"] == {"status": "ok", "pending": 0}
    assert client.post("/readyz").status_code == 405


def test_json_log_lines_carry_no_query_string_and_no_exception_text():
    request = RequestFactory().get("/find/", {"postcode": "LS1 4AP", "q": "Jane Smith"})
    try:
        raise ValueError("Key (nhs_number)=(9434765919) already exists")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", (request.path,), sys.exc_info()
        )
    record.request = request
    record.status_code = 500
    line = JsonFormatter().format(record)
    parsed = json.loads(line)
    assert parsed["path"] == "/find/" and parsed["status_code"] == 500 and parsed["exception"] == "ValueError"
    assert any("test_deploy.py" in frame for frame in parsed["frames"])
    for secret in ("LS1", "Jane", "9434765919", "postcode"):
        assert secret not in line


def test_pages_render_from_a_production_static_build(client, settings, tmp_path):
    """collectstatic's manifest must hold every file a page names (a missing one is a 500 in production)."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    settings.DEBUG = False
    for path in ("/", "/find/", "/accounts/login/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'href="/static/vendor/assets/images/favicon.ico"' in response.content.decode()
    assert client.get("/no-such-page/").status_code == 404
