"""The area figures' refresh through Django's tasks API (django-tasks, database backend): after a harvest."""

from __future__ import annotations

from pathlib import Path

from django_tasks import task

from connected.areas.refresh import refresh_figures


@task()
def refresh_area_figures(data_dir: str) -> dict:
    """Recompute every area's figures; returns the counts (JSON for the task result)."""
    done = refresh_figures(Path(data_dir))
    return {"small_areas": done.small_areas, "authorities": done.authorities, "seconds": round(done.seconds, 1)}
