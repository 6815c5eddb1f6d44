"""The evidence summary tables' rebuild through Django's tasks API (django-tasks, database backend).

In a deployment, enqueue it nightly (e.g. cron: `manage.py shell -c "from connected.evidence.tasks import
refresh_evidence; refresh_evidence.enqueue()"`, or run `manage.py evidence_refresh` directly) after the
day's casework is in; ADR 0027 "Summary tables"."""

from __future__ import annotations

from django_tasks import task

from connected.evidence import rollup


@task()
def refresh_evidence() -> dict:
    """Rebuild every summary table; returns when and how long (JSON for the task result)."""
    state = rollup.refresh()
    return {"built_at": state.built_at.isoformat(), "seconds": state.seconds}
