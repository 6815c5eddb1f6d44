"""The caseload as a link worker works it at the size of a real scheme (ADR 0032).

A caseload of 200 to 250 open cases is searched, filtered and sorted here, split
into the sections a link worker works through, each counted, and one section shown
a page at a time. Open cases come in one query (annotated, person and worker
joined); closed ones are paged in the database. Everything starts from
`Referral.objects.cases_for(user)`, so nothing here can widen what rules.py allows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from .models import Referral
from .promises import days_overdue
from .selectors import CLOSING_AFTER_DAYS, FOLLOW_UP_AFTER_DAYS, _urgency_rank
from .vocabulary import Source, Status, Urgency

PAGE_SIZE = 25
SECTIONS = {
    "waiting": ("Waiting for first contact", "No one is waiting."),
    "follow-up": ("Due a follow-up", "No follow-ups due."),
    "closing": ("Closing soon", "No cases near their end."),
    "active": ("Active", "No active cases."),
    "closed": ("Closed", "No closed cases."),
}
SORTS = {
    "due": "Most urgent first",
    "oldest": "Waiting longest first",
    "newest": "Newest first",
    "name": "Name (A to Z)",
}
WAITED = {"7": "7 days or more", "14": "14 days or more", "28": "28 days or more"}
NHS_NUMBER = re.compile(r"^\d{10}$")
REFERENCE = re.compile(r"^(?:ref)?([0-9a-f]{6,8})$")


def reference(referral: Referral) -> str:
    """The short reference a link worker reads out or types: the first 8 characters of the id."""
    return str(referral.pk)[:8].upper()


@dataclass
class Filters:
    """What the caseload page was asked for, read leniently: a value not on the list is ignored."""

    q: str = ""
    status: str = ""
    urgency: str = ""
    source: str = ""
    waited: str = ""
    worker: str = ""
    overdue: bool = False
    sort: str = "due"
    section: str = "waiting"
    page: int = 1

    @classmethod
    def from_query(cls, params: QueryDict, *, mine_of=None) -> Filters:
        def pick(name: str, allowed) -> str:
            value = params.get(name, "")
            return value if value in allowed else ""

        page = params.get("page", "1")
        worker = params.get("worker", "")
        if mine_of is not None and params.get("mine") == "1":
            worker = f"mine:{mine_of.pk}"
        return cls(
            q=" ".join(params.get("q", "").split())[:100],
            status=pick("status", Status.values),
            urgency=pick("urgency", Urgency.values),
            source=pick("source", Source.values),
            waited=pick("waited", WAITED),
            worker=worker if re.fullmatch(r"(?:mine:)?\d+|none", worker) else "",
            overdue=params.get("overdue") == "1",
            sort=pick("sort", SORTS) or "due",
            section=pick("section", SECTIONS) or ("closed" if params.get("status") in _CLOSED else "waiting"),
            page=int(page) if page.isdigit() and int(page) > 0 else 1,
        )

    @property
    def any(self) -> bool:
        return bool(self.q or self.status or self.urgency or self.source or self.waited or self.worker or self.overdue)


_CLOSED = (Status.CLOSED, Status.DECLINED)


def search_q(text: str) -> Q:
    """A name (every word in a name), an NHS number (spaces allowed) or a case reference."""
    if not text:
        return Q()
    squashed = re.sub(r"[\s-]", "", text).lower()
    if NHS_NUMBER.match(squashed):
        return Q(person__nhs_number=squashed)
    by_name = Q()
    for word in text.split():
        by_name &= (
            Q(person__given_name__icontains=word)
            | Q(person__family_name__icontains=word)
            | Q(person__preferred_name__icontains=word)
        )
    ref = REFERENCE.match(squashed)
    return by_name | Q(id__startswith=ref.group(1)) if ref else by_name


def filtered(user, f: Filters, *, today: dt.date) -> QuerySet[Referral]:
    """The user's cases narrowed by every filter except the open/closed split and the section."""
    cases = Referral.objects.cases_for(user).filter(search_q(f.q))
    if f.status:
        cases = cases.filter(status=f.status)
    if f.urgency:
        cases = cases.filter(urgency=f.urgency)
    if f.source:
        cases = cases.filter(source=f.source)
    if f.waited:
        since = today - dt.timedelta(days=int(f.waited))
        cases = cases.filter(received_at__lt=_start_of(since + dt.timedelta(days=1)))
    if f.worker == "none":
        cases = cases.filter(assigned_to__isnull=True)
    elif f.worker.startswith("mine:"):
        cases = cases.filter(Q(assigned_to_id=int(f.worker[5:])) | Q(assigned_to__isnull=True))
    elif f.worker:
        cases = cases.filter(assigned_to_id=int(f.worker))
    return cases


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


@dataclass
class CaseloadPage:
    counts: dict[str, int] = field(default_factory=dict)
    page: Page | None = None
    overdue_total: int = 0


def caseload_page(user, f: Filters, *, today: dt.date | None = None) -> CaseloadPage:
    """Counts for every section and one page of the section asked for."""
    today = today or timezone.localdate()
    base = filtered(user, f, today=today)
    sections = open_sections(base, today=today, overdue_only=f.overdue)
    result = CaseloadPage(overdue_total=sum(1 for c in sections["waiting"] if c.days_overdue))
    result.counts = {key: len(rows) for key, rows in sections.items()}
    closed = base.filter(status__in=_CLOSED).select_related("person", "assigned_to")
    result.counts["closed"] = 0 if f.overdue else closed.count()
    if f.section == "closed":
        order = ("person__family_name", "person__given_name") if f.sort == "name" else ("-closed_at", "-received_at")
        result.page = Paginator(closed.order_by(*order, "pk"), PAGE_SIZE).get_page(f.page)
    else:
        result.page = Paginator(_sorted(sections[f.section], f.sort), PAGE_SIZE).get_page(f.page)
    return result


def open_sections(cases: QuerySet[Referral], *, today: dt.date, overdue_only: bool = False) -> dict[str, list]:
    """Open cases in one query, each marked with days waiting and days overdue, sorted into sections."""
    now = timezone.now()
    rows = (
        cases.filter(status__in=[s for s in Status.values if s not in _CLOSED])
        .select_related("person", "assigned_to", "possible_duplicate_of")
        .annotate(
            last_contact=Max("contacts__at"),
            due_tasks=Count("tasks", filter=Q(tasks__done_at__isnull=True, tasks__due_on__lte=today)),
        )
        .order_by("received_at")
    )
    sections: dict[str, list] = {key: [] for key in SECTIONS if key != "closed"}
    for case in rows:
        received = timezone.localtime(case.received_at).date()
        case.days_waiting = (today - received).days
        waiting = case.status in (Status.RECEIVED, Status.ACCEPTED)
        case.days_overdue = days_overdue(received, case.urgency, today) if waiting else 0
        if overdue_only and not case.days_overdue:
            continue
        if waiting:
            sections["waiting"].append(case)
            continue
        sections["active"].append(case)
        since = case.last_contact or case.accepted_at or case.received_at
        if case.due_tasks or (now - since).days >= FOLLOW_UP_AFTER_DAYS:
            sections["follow-up"].append(case)
        if case.accepted_at and (now - case.accepted_at).days >= CLOSING_AFTER_DAYS:
            sections["closing"].append(case)
    return sections


def _sorted(cases: list, sort: str) -> list:
    if sort == "name":
        return sorted(cases, key=lambda c: (c.person.family_name.lower(), c.person.given_name.lower()))
    if sort == "newest":
        return sorted(cases, key=lambda c: c.received_at, reverse=True)
    if sort == "oldest":
        return sorted(cases, key=lambda c: c.received_at)
    return sorted(cases, key=lambda c: (-c.days_overdue, -_urgency_rank(c.urgency), c.received_at))


def choices() -> dict[str, Any]:
    """The filter lists, as (value, label) pairs for the page's selects."""
    return {
        "status": list(Status.choices),
        "urgency": list(Urgency.choices),
        "source": list(Source.choices),
        "waited": list(WAITED.items()),
        "sort": list(SORTS.items()),
    }
