"""Screenshots of each journey, for a person to look at (nothing reads them back)."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page


class Shots:
    """Saves full-page screenshots to $SCREENSHOTS, or to /tmp/shots-<topic>/ when it is unset."""

    def __init__(self, topic: str) -> None:
        self.folder = Path(os.environ.get("SCREENSHOTS") or f"/tmp/shots-{topic}")  # noqa: S108 - not secrets

    def __call__(self, page: Page, name: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)
