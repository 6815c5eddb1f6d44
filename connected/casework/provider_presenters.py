"""Shaping introductions for providers, and their answers for link workers (ADR 0026).

A provider sees a person's name and how to reach them only while the person's consent to share with providers
stands (`Person.consent_to_share`, read at every page view, so a withdrawn consent hides them at once);
otherwise only that someone was introduced, and what the link worker wrote on the thread.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.urls import reverse

from connected.core import rules

from .models import Introduction, Person
from .presenters import _service_href, contact_rows, when
from .provider_vocabulary import Attendance, EntryKind, ProviderAnswer, ProviderDeclineReason

PER_PAGE = 20
TABS = {"open": "Waiting for your answer", "answered": "Answered"}
ANSWER_COLOURS = {"": "blue", ProviderAnswer.ACCEPTED: "green", ProviderAnswer.DECLINED: "red"}


def inbox_queryset(user):
    """The introductions to the user's organisations' services, newest first (rules.scope decides which)."""
    return (
        Introduction.objects.filter(rules.scope(user, "introduction"))
        .select_related("referral__person", "referral__scheme", "service__organization", "created_by")
        .order_by("-created_at", "-id")
    )


def shares(person: Person) -> bool:
    return bool(person.consent_to_share) and person.erased_at is None


def who(person: Person) -> str:
    if not shares(person):
        return "Someone (details not shared)"
    return person.full_name + (f" (likes to be called {person.preferred_name})" if person.preferred_name else "")


def answer_tag(intro: Introduction) -> dict[str, str]:
    text = intro.get_provider_answer_display() if intro.provider_answer else "Waiting for your answer"
    return {"text": text, "classes": f"nhsuk-tag--{ANSWER_COLOURS.get(intro.provider_answer, 'grey')}"}


def inbox(user, *, tab: str, page: str | int | None) -> dict[str, Any]:
    """One page of the inbox, the counts for both tabs, and the ids of the people on the page (for the audit log)."""
    tab = tab if tab in TABS else "open"
    everything = inbox_queryset(user)
    counts = {"open": everything.filter(provider_answer="").count()}
    counts["answered"] = everything.count() - counts["open"]
    chosen = everything.filter(provider_answer="") if tab == "open" else everything.exclude(provider_answer="")
    paged = Paginator(chosen, PER_PAGE).get_page(page)
    rows = [
        {
            "href": reverse("providers:introduction", args=[i.pk]),
            "service": i.service_name,
            "organisation": i.service.organization.name if i.service and i.service.organization else "",
            "who": who(i.referral.person),
            "introduced": when(i.created_at),
            "answer": answer_tag(i),
            "status": i.get_status_display(),
        }
        for i in paged
    ]
    return {
        "tab": tab,
        "inbox_tabs": [
            {"key": k, "text": f"{text} ({counts[k]})", "href": "?" + urlencode({"tab": k})} for k, text in TABS.items()
        ],
        "counts": counts,
        "rows": rows,
        "pager": _pagination(paged, tab),
        "people_shown": [i.referral.person_id for i in paged],
    }


def _pagination(paged, tab: str) -> dict[str, Any] | None:
    if paged.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        return "?" + urlencode({"tab": tab, "page": number})

    return {
        "previous": {"href": href(paged.previous_page_number())} if paged.has_previous() else None,
        "next": {"href": href(paged.next_page_number())} if paged.has_next() else None,
        "items": [{"number": n, "href": href(n), "current": n == paged.number} for n in paged.paginator.page_range],
    }


def shared_rows(person: Person) -> list[dict[str, Any]]:
    """What the person agreed to share with providers: who they are and how to reach them."""
    rows = [
        ("Name", who(person)),
        *contact_rows(person),
        ("Access needs", person.accessibility_needs or "None recorded"),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


def entry_rows(intro: Introduction) -> list[dict[str, str]]:
    """The thread, oldest first: who wrote (provider or link worker), when, and what."""
    out = []
    for entry in intro.entries.all():
        what = EntryKind(entry.kind).label if entry.kind != EntryKind.MESSAGE else ""
        if entry.kind == EntryKind.DECLINED and entry.reason_code in ProviderDeclineReason.values:
            what += f": {ProviderDeclineReason(entry.reason_code).label}"
        if entry.kind == EntryKind.ATTENDANCE and entry.reason_code in Attendance.values:
            what += f": {Attendance(entry.reason_code).label}"
        author = entry.created_by.get_username() if entry.created_by else "Someone"
        side = "provider" if entry.from_provider else "link worker"
        out.append({"by": f"{author} ({side})", "at": when(entry.created_at), "what": what, "text": entry.text})
    return out


def introduction_page(intro: Introduction) -> dict[str, Any]:
    person = intro.referral.person
    worker = intro.created_by.get_username() if intro.created_by else "the link worker"
    return {
        "intro": intro,
        "shares": shares(person),
        "who": who(person),
        "person_rows": shared_rows(person) if shares(person) else [],
        "answer": answer_tag(intro),
        "status": intro.get_status_display(),
        "stopped_reason": intro.stopped_reason,
        "introduced": when(intro.created_at),
        "from": f"{worker}, {intro.referral.scheme.name}",
        "entries": entry_rows(intro),
        "can_answer": not intro.provider_answer,
        "can_record_attendance": intro.provider_answer == ProviderAnswer.ACCEPTED,
    }


def case_introductions(referral) -> list[dict[str, Any]]:
    """The case page's introductions, each with the provider's answer and the thread's latest entries."""
    out = []
    for i in referral.introductions.prefetch_related("entries__created_by"):
        entries = entry_rows(i)
        out.append(
            {
                "id": i.pk,
                "name": i.service_name,
                "status": i.get_status_display(),
                "why": i.stopped_reason,
                "answer": i.get_provider_answer_display() if i.provider_answer else "No answer yet",
                "answered": when(i.answered_at) if i.answered_at else "",
                "entries": entries[-3:],
                "entry_count": len(entries),
                "href": reverse("casework:introduction_update", args=[referral.pk, i.pk]),
                "service_href": _service_href(i.service_id),
                "thread_href": reverse("casework:introduction_thread", args=[referral.pk, i.pk]),
            }
        )
    return out
