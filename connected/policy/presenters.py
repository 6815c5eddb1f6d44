"""Shape a Loneliness Test for its pages and its PDF: sections of answers, place figures, the library."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from . import places
from .models import Answer, LonelinessTest
from .vocabulary import Confidence, Direction, Section, Size, TestStatus

DIRECTION_TAG = {
    Direction.POSITIVE: "nhsuk-tag--green",
    Direction.NEGATIVE: "nhsuk-tag--red",
    Direction.MIXED: "nhsuk-tag--yellow",
    Direction.NONE: "nhsuk-tag--grey",
    Direction.UNKNOWN: "nhsuk-tag--white",
}
EFFECT_HEADINGS = ("Route or group", "Effect", "Size", "Confidence", "Evidence", "Reasons")


def _label(choices, value: str) -> str:
    return dict(choices.choices).get(value, "") if value else ""


def effect_row(a: Answer) -> dict:
    return {
        "name": a.question.text,
        "version": a.question.version,
        "direction": _label(Direction, a.direction) or "Not rated yet",
        "tag": DIRECTION_TAG.get(a.direction, "nhsuk-tag--white"),
        "size": _label(Size, a.size) or "—",
        "confidence": _label(Confidence, a.confidence).split(":")[0] or "—",
        "evidence": a.evidence or "—",
        "reasons": a.reasons or "—",
    }


def record(test: LonelinessTest, *, published: bool) -> dict:
    """Everything a record shows; `published` leaves out the internal notes and who made it."""
    answers = list(test.answers.select_related("question"))
    about = {a.question.key: a for a in answers if a.question.section == Section.ABOUT}
    codes = test.place_codes()
    rows, figures_date = places.figures_for(codes) if codes else ([], "")
    return {
        "test": test,
        "published": published,
        "about": [(a.question.text, a.text or "Not answered yet") for a in about.values()],
        "routes": [effect_row(a) for a in answers if a.question.section == Section.ROUTE],
        "groups": [effect_row(a) for a in answers if a.question.section == Section.GROUP],
        "effect_headings": EFFECT_HEADINGS,
        "mitigations": list(test.mitigations.all()),
        "place_headings": places.HEADINGS,
        "place_rows": places.table_rows(rows),
        "places_source": places.SOURCE,
        "places_date": figures_date,
        "notes": "" if published else test.internal_notes,
        "wording": sorted({(a.question.key, a.question.version) for a in answers if a.question.version > 1}),
    }


def library(query: str, *, public_only: bool) -> QuerySet[LonelinessTest]:
    """Tests whose title, department, places or answers mention every word of `query`."""
    tests = LonelinessTest.objects.all()
    if public_only:
        tests = tests.filter(is_public=True, status=TestStatus.SIGNED_OFF)
    for word in query.split()[:8]:
        match = Q(title__icontains=word) | Q(department__icontains=word) | Q(places__icontains=word)
        text = Q(answers__text__icontains=word) | Q(answers__reasons__icontains=word)
        if not public_only:
            match |= Q(internal_notes__icontains=word)  # notes are searched only where they may be shown
        tests = tests.filter(pk__in=LonelinessTest.objects.filter(match | text).values("pk"))
    return tests.order_by("-updated_at", "-id")


def library_rows(tests, *, published: bool) -> list[dict]:
    return [
        {
            "title": t.title,
            "href": f"/policy/published/{t.pk}/" if published else f"/policy/tests/{t.pk}/",
            "department": t.department,
            "status": t.get_status_display(),
            "public": t.is_public,
            "date": t.signed_off_at or t.updated_at,
        }
        for t in tests[:200]
    ]
