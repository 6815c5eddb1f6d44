"""Shaping the caseload page: section tabs with counts, rows, filter fields and pagination (ADR 0032)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse

from .caseload_query import SECTIONS, CaseloadPage, Filters, choices, reference
from .duplicates import duplicate_link
from .presenters import status_tag, when
from .team import display_name


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def row(case, section: str) -> dict[str, Any]:
    overdue = getattr(case, "days_overdue", 0)
    if section == "closed":
        detail = f"Closed {when(case.closed_at)}" if case.closed_at else "Closed"
    elif section == "waiting":
        detail = f"Waiting {_days(case.days_waiting)}"
    else:
        detail = "Last contact: " + (when(case.last_contact) if case.last_contact else "No contact yet")
    return {
        "href": reverse("casework:case", args=[case.pk]),
        "name": case.person.full_name,
        "reference": reference(case),
        "status": status_tag(case),
        "urgency": case.get_urgency_display(),
        "urgent": case.urgency != "routine",
        "overdue": f"Overdue by {_days(overdue)}" if overdue else "",
        "worker": display_name(case.assigned_to) if case.assigned_to_id else "Not assigned",
        "detail": detail,
        "duplicate": duplicate_link(case) if section != "closed" else None,
    }


def _url(params: QueryDict, **changes: Any) -> str:
    query = params.copy()
    for key, value in changes.items():
        query[key] = str(value)
    return "?" + urlencode(sorted((k, v) for k, vs in query.lists() for v in vs if v != ""))


def pagination(params: QueryDict, page) -> dict[str, Any] | None:
    """Arguments for the NHS.UK pagination macro, numbered, with ellipses past seven pages."""
    total, number = page.paginator.num_pages, page.number
    if total <= 1:
        return None
    items: list[dict[str, Any]] = []
    last = 0
    for n in sorted(n for n in {1, total, number - 1, number, number + 1} if 1 <= n <= total):
        if n - last > 1:
            items.append({"ellipsis": True})
        items.append({"number": n, "href": _url(params, page=n), "current": n == number})
        last = n
    return {
        "previous": {"href": _url(params, page=number - 1)} if number > 1 else None,
        "next": {"href": _url(params, page=number + 1)} if number < total else None,
        "items": items,
    }


def _select(name: str, label: str, options, value: str, anything: str) -> dict[str, Any]:
    items = [{"value": "", "text": anything}] + [{"value": str(v), "text": str(t)} for v, t in options]
    for item in items:
        item["selected"] = item["value"] == value
    return {"id": f"filter-{name}", "name": name, "label": {"text": label}, "items": items}


def filter_fields(f: Filters, team: list | None) -> list[dict[str, Any]]:
    lists = choices()
    fields = [
        _select("status", "Status", lists["status"], f.status, "Any status"),
        _select("urgency", "Urgency", lists["urgency"], f.urgency, "Any urgency"),
        _select("source", "Referred by", lists["source"], f.source, "Anyone"),
        _select("waited", "Days waiting", lists["waited"], f.waited, "Any time"),
    ]
    if team is not None:
        workers = [(u.pk, display_name(u)) for u in team] + [("none", "Not assigned yet")]
        fields.append(_select("worker", "Link worker", workers, f.worker, "Everyone"))
    fields.append(_sort_select(f))
    return fields


def _sort_select(f: Filters) -> dict[str, Any]:
    items = [{"value": v, "text": t, "selected": v == f.sort} for v, t in choices()["sort"]]
    return {"id": "filter-sort", "name": "sort", "label": {"text": "Sort by"}, "items": items}


def caseload_context(params: QueryDict, f: Filters, result: CaseloadPage, team: list | None) -> dict[str, Any]:
    page = result.page
    tabs = [
        {
            "id": key,
            "text": f"{title} ({result.counts.get(key, 0)})",
            "href": _url(params, section=key, page=1),
            "current": key == f.section,
        }
        for key, (title, _empty) in SECTIONS.items()
    ]
    title, empty = SECTIONS[f.section]
    return {
        "section_links": tabs,
        "section": {"id": f.section, "title": title, "count": result.counts.get(f.section, 0), "empty": empty},
        "rows": [row(case, f.section) for case in page.object_list],
        "page_note": f"Page {page.number} of {page.paginator.num_pages}" if page.paginator.num_pages > 1 else "",
        "pager": pagination(params, page),
        "filters": filter_fields(f, team),
        "f": f,
        "overdue_total": result.overdue_total,
        "overdue_href": _url(params, overdue=1, section="waiting", page=1),
        "clear_href": reverse("casework:caseload") + (f"?section={f.section}" if f.section != "waiting" else ""),
    }


def reassign_field(referral, user) -> dict[str, Any] | None:
    """The select for the case page's reassign form, for those who may reassign (scheme managers)."""
    from connected.core import rules

    from .team import members

    if not (referral.is_open and rules.can(user, "reassign_case", referral)):
        return None
    held = str(referral.assigned_to_id or "")
    items = [{"value": "", "text": "No one (back to unassigned)", "selected": held == ""}]
    for u in members(referral.scheme_id):
        items.append({"value": str(u.pk), "text": display_name(u), "selected": str(u.pk) == held})
    return {"id": "assigned_to", "name": "assigned_to", "label": {"text": "Link worker", "size": "s"}, "items": items}
