"""Each person's (or case's) first baseline score and latest later follow-up, per instrument and score.

Shared by the evaluation extract, the SROI sheet and the funds figures so that "before" and "after"
mean one thing everywhere: the earliest baseline, and the latest follow-up or discharge answer given
after it (a follow-up recorded before any baseline pairs with nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from connected.measures import registry
from connected.measures.change import Outcome, outcome
from connected.measures.models import MeasureResponse, Timepoint

CASE_SUBJECT = "casework.case"  # how casework files responses (subject id: the referral's id)
AFTER = {Timepoint.FOLLOW_UP, Timepoint.DISCHARGE}


@dataclass
class Point:
    before: int
    before_at: datetime
    after: int | None = None
    after_at: datetime | None = None

    @property
    def paired(self) -> bool:
        return self.after is not None


def case_responses(referral_ids: Iterable[Any]) -> list[dict]:
    ids = [str(i) for i in referral_ids]
    if not ids:
        return []
    fields = ("subject_id", "instrument_code", "timepoint", "administered_at", "scores")
    found: list[dict] = []
    for start in range(0, len(ids), 900):  # SQLite allows so many parameters in one query
        chunk = ids[start : start + 900]
        found += MeasureResponse.objects.filter(subject_type=CASE_SUBJECT, subject_id__in=chunk).values(*fields)
    return sorted(found, key=lambda r: r["administered_at"])


def points(responses: list[dict], owner: Callable[[str], Any]) -> dict[tuple[Any, str, str], Point]:
    """(owner, instrument code, score id) -> Point, where `owner` maps a referral id to whose it is."""
    found: dict[tuple[Any, str, str], Point] = {}
    for r in responses:  # oldest first
        who = owner(r["subject_id"])
        for score_id, value in (r["scores"] or {}).items():
            if value is None:
                continue
            key = (who, r["instrument_code"], score_id)
            if r["timepoint"] == Timepoint.BASELINE and key not in found:
                found[key] = Point(before=int(value), before_at=r["administered_at"])
            elif r["timepoint"] in AFTER and key in found and r["administered_at"] >= found[key].before_at:
                found[key].after, found[key].after_at = int(value), r["administered_at"]
    return found


def change_of(code: str, score_id: str, point: Point) -> Outcome | None:
    """Improved, same or worse in the score's own direction; None when unpaired or the score is unknown."""
    if not point.paired:
        return None
    try:
        score_def = registry.get(code).score_def(score_id)
    except (registry.UnknownInstrument, KeyError):
        return None
    assert point.after is not None
    return outcome(score_def, point.before, point.after)


def left_band(code: str, score_id: str, point: Point) -> bool | None:
    """Whether someone who started in the headline band (e.g. often/always lonely) left it; None if not in it."""
    score_def = registry.get(code).score_def(score_id)
    band = next((b for b in score_def.bands if b.label == score_def.headline_band), None)
    if band is None or not point.paired or not band.contains(point.before):
        return None
    assert point.after is not None
    return not band.contains(point.after)
