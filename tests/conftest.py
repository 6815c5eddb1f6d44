"""Shared fixtures. Tests run on SQLite by default and on PostgreSQL when DATABASE_URL points there."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

STANDARDS = Path(settings.SHARED_DIR) / "standards"
DATA = Path(settings.SHARED_DIR) / "data"


@pytest.fixture
def standards_dir() -> Path:
    return STANDARDS


@pytest.fixture
def vendor() -> str:
    """The database vendor under test: 'sqlite' or 'postgresql'."""
    return connection.vendor
