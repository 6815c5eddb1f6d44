"""How fresh a listing is: days since its provider or publisher last assured it (HSDS `assured_date`).

Why these bands: local directories commonly ask providers to review each listing at least once a year, and
to be prompted some months before; a listing never assured is treated as the stalest (ADR 0026).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

DUE_AFTER_DAYS = 183  # about six months: ask the provider to check it
STALE_AFTER_DAYS = 365  # a year: the listing may well be wrong


@dataclass(frozen=True)
class Freshness:
    assured_on: dt.date | None
    days: int | None  # since assured; None when never assured
    band: str  # "fresh", "due" or "stale"

    @property
    def label(self) -> str:
        return {"fresh": "Up to date", "due": "Due a check", "stale": "Out of date"}[self.band]


def freshness(assured_on: dt.date | None, *, today: dt.date | None = None) -> Freshness:
    today = today or timezone.localdate()
    if assured_on is None:
        return Freshness(None, None, "stale")
    days = max((today - assured_on).days, 0)
    band = "stale" if days >= STALE_AFTER_DAYS else "due" if days >= DUE_AFTER_DAYS else "fresh"
    return Freshness(assured_on, days, band)
