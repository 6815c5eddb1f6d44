"""Walks one ORUK service document into flat rows for the writer, reporting what it rejects.

Every record becomes a `Row`: its entity, the feed's id for it, the model's
field values, and references to its parents by (entity, feed id) that the
writer turns into our primary keys. A record with a bad field is rejected on
its own (and its children with it); the service stays unless the bad field is
the service's own. Shared records (organisations, locations, taxonomy terms)
are written once per import, at their first appearance. Any other record whose id
is used again under another parent (HSDS 3.0's own example repeats a phone under
the service, its contact, its location and its organisation) is a record of its
own, its id scoped to that parent (ADR 0044).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import msgspec

from . import fields as f
from .report import IGNORED, MERGED, REJECTED, Problem
from .validate import clean_record

SHARED = frozenset({"organization", "location", "program", "taxonomy", "taxonomy_term"})
Ref = tuple[str, str]  # (entity, feed id)


@dataclass(slots=True)
class Row:
    entity: str
    source_id: str
    values: dict[str, Any]
    refs: dict[str, Ref | None] = field(default_factory=dict)  # model FK name -> parent
    link: tuple[str, Ref] | None = None  # attributes: (link_entity, the linked record)
    digest: str = ""


@dataclass(slots=True)
class Plan:
    """One valid service and everything in it, ready to write."""

    source_id: str
    digest: str
    rows: list[Row]


def digest_of(*parts: Any) -> str:
    """A short stable name for `parts` (scoped ids are stored with it, so it must never change)."""
    return hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()


_PACK = msgspec.msgpack.Encoder().encode


def row_digest(values: dict[str, Any], refs: dict[str, Ref | None]) -> str:
    """A record's content hash, which tells a re-import whether the stored row changed.

    MessagePack, not repr(): a third of the planner's time went to repr() (about 3.5 us a record against
    1.1). What msgspec refuses (none of the cleaners' types) is hashed by repr, as before.
    """
    try:
        data = _PACK((values, refs))
    except (TypeError, ValueError, OverflowError):
        data = repr((values, refs)).encode()
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def _items(value: Any) -> list:
    return value if isinstance(value, list) else []


class Planner:
    """Turns service dicts into plans; keeps what is shared across services in one import."""

    def __init__(self, report: Callable[[Problem], None], org_keys: dict[tuple, str]) -> None:
        self.report = report
        self.claimed: set[Ref] = set()
        # Ids a repeat may be scoped against (ADR 0044): this service's own records, and those planned under a
        # shared record (whichever service planned it first, the ids are the same). Another service's own
        # record with the same id stays a reject: which one came first depends on what changed since last time.
        self.local: set[Ref] = set()
        self.under_shared: set[Ref] = set()
        self._shared_depth = 0
        self.org_keys = org_keys  # (name, website or email) -> the feed id we keep for that organisation
        self.org_alias: dict[str, str] = {}

    def plan(self, raw: dict, source_id: str, digest: str) -> Plan | None:
        self.rows: list[Row] = []
        self.service_id = source_id
        self.local = set()
        values, issues = clean_record("service", raw)
        if self._reject("service", source_id, issues):
            return None
        org = self.organization(raw)
        program = self.program(raw.get("program"), raw.get("program_id"), org)
        self.rows.append(Row("service", source_id, values, {"organization": org, "program": program}, digest=digest))
        me: Ref = ("service", source_id)
        for i, sal in enumerate(_items(raw.get("service_at_locations"))):
            self.service_at_location(sal, i, me)
        for entity, key in (
            ("schedule", "schedules"), ("cost_option", "cost_options"), ("language", "languages"),
            ("service_area", "service_areas"), ("funding", "funding"), ("required_document", "required_documents"),
        ):  # fmt: skip
            for i, item in enumerate(_items(raw.get(key))):
                self.child(entity, item, i, {"service": me})
        for i, contact in enumerate(_items(raw.get("contacts"))):
            self.contact(contact, i, {"service": me})
        self.phones(raw, {"service": me})
        self.attributes(raw, me)
        return Plan(source_id, digest, self.rows)

    # -- records ------------------------------------------------------------------------------

    def child(
        self, entity: str, raw: Any, index: int, refs: dict[str, Ref | None], parent: Ref | None = None
    ) -> Ref | None:
        """Clean one record and add its row; returns its reference, or None when rejected or already written."""
        if not isinstance(raw, dict):
            self._problem(entity, "", "", f"expected an object, got {type(raw).__name__}")
            return None
        owner = parent or next(iter(refs.values()), None) or ("service", self.service_id)
        try:
            source_id = f.identifier(raw["id"]) if not f.is_blank(raw.get("id")) else f"{owner[1]}/{entity}/{index}"
        except f.Invalid as error:
            self._problem(entity, "", "id", str(error))
            return None
        ref: Ref = (entity, source_id)
        if ref in self.claimed:
            if entity in SHARED:
                return ref
            if ref not in self.local and ref not in self.under_shared:
                self._problem(entity, source_id, "id", "another service's record has the same id; kept the first")
                return None
            source_id = _scoped(source_id, owner)
            ref = (entity, source_id)
            if ref in self.claimed:
                self._problem(entity, source_id, "id", "the same id is used twice under one parent; kept the first")
                return None
        values, issues = clean_record(entity, raw)
        if self._reject(entity, source_id, issues):
            return None
        self.claimed.add(ref)
        self.local.add(ref)
        if self._shared_depth:
            self.under_shared.add(ref)
        self.rows.append(Row(entity, source_id, values, refs, digest=row_digest(values, refs)))
        return ref

    def organization(self, service: dict) -> Ref | None:
        raw = service.get("organization")
        if not isinstance(raw, dict):
            org_id = service.get("organization_id")
            return (
                ("organization", self.org_alias.get(str(org_id), str(org_id)))
                if isinstance(org_id, str | int)
                else None
            )
        source_id = str(raw.get("id", "")).strip()
        if source_id in self.org_alias:
            return ("organization", self.org_alias[source_id])
        key = _org_key(raw)
        first = self.org_keys.get(key) if key else None
        if first and first != source_id:
            self.org_alias[source_id] = first
            self.report(
                Problem(
                    "organization",
                    source_id,
                    "id",
                    f"same name and website/email as organization {first}",
                    MERGED,
                    self.service_id,
                )
            )
            return ("organization", first)
        before = len(self.rows)
        ref = self.child("organization", raw, 0, _link(raw, "parent_organization"), parent=("service", self.service_id))
        if ref is None or len(self.rows) == before:
            return ref  # rejected, or written already by an earlier service
        if key:
            self.org_keys[key] = ref[1]
        self._shared_depth += 1
        try:
            self._organization_children(raw, ref)
        finally:
            self._shared_depth -= 1
        return ref

    def _organization_children(self, raw: dict, ref: Ref) -> None:
        for i, item in enumerate(_items(raw.get("organization_identifiers"))):
            self.child("organization_identifier", item, i, {"organization": ref})
        for i, item in enumerate(_items(raw.get("funding"))):
            self.child("funding", item, i, {"organization": ref})
        for i, item in enumerate(_items(raw.get("programs"))):
            self.child("program", item, i, {"organization": ref})
        for i, item in enumerate(_items(raw.get("locations"))):  # kept while a service is at one (ADR 0044)
            self.location(item, None, i, organization=ref)
        for i, contact in enumerate(_items(raw.get("contacts"))):
            self.contact(contact, i, {"organization": ref})
        self.phones(raw, {"organization": ref})
        self.attributes(raw, ref)

    def service_at_location(self, raw: Any, index: int, service: Ref) -> None:
        if not isinstance(raw, dict):
            self._problem("service_at_location", "", "", f"expected an object, got {type(raw).__name__}")
            return
        location = self.location(raw.get("location"), raw.get("location_id"), index)
        if location is None:
            self._problem("service_at_location", str(raw.get("id", "")), "location", "has no valid location")
            return
        ref = self.child("service_at_location", raw, index, {"service": service, "location": location})
        if ref is None:
            return
        for i, item in enumerate(_items(raw.get("schedules"))):
            self.child("schedule", item, i, {"service_at_location": ref})
        for i, contact in enumerate(_items(raw.get("contacts"))):
            self.contact(contact, i, {"service_at_location": ref})
        self.phones(raw, {"service_at_location": ref})
        self.attributes(raw, ref)

    def location(self, raw: Any, location_id: Any, index: int, organization: Ref | None = None) -> Ref | None:
        if not isinstance(raw, dict):
            return ("location", str(location_id)) if isinstance(location_id, str | int) and location_id != "" else None
        before = len(self.rows)
        refs = _link(raw, "organization") or ({"organization": organization} if organization else {})
        ref = self.child("location", raw, index, refs, parent=("service", self.service_id))
        if ref is None or len(self.rows) == before:
            return ref  # rejected, or written already by an earlier service
        self._shared_depth += 1
        try:
            self._location_children(raw, ref)
        finally:
            self._shared_depth -= 1
        return ref

    def _location_children(self, raw: dict, ref: Ref) -> None:
        me = {"location": ref}
        for entity, key in (
            ("address", "addresses"),
            ("accessibility", "accessibility"),
            ("schedule", "schedules"),
            ("language", "languages"),
        ):
            for i, item in enumerate(_items(raw.get(key))):
                child = self.child(entity, item, i, me)
                if child and entity == "accessibility":
                    self.attributes(item, child)
        for i, contact in enumerate(_items(raw.get("contacts"))):
            self.contact(contact, i, me)
        self.phones(raw, me)
        self.attributes(raw, ref)

    def program(self, raw: Any, program_id: Any, organization: Ref | None) -> Ref | None:
        """The service's program: an object (HSDS 3.0 nests it), or an id naming one listed elsewhere."""
        if not isinstance(raw, dict):
            return (
                ("program", str(program_id).strip()) if isinstance(program_id, str | int) and program_id != "" else None
            )
        refs = _link(raw, "organization") or {"organization": organization}
        return self.child("program", raw, 0, refs, parent=("service", self.service_id))

    def contact(self, raw: Any, index: int, refs: dict[str, Ref | None]) -> None:
        ref = self.child("contact", raw, index, refs)
        if ref is not None:
            self.phones(raw, {"contact": ref})
            self.attributes(raw, ref)

    def phones(self, raw: dict, refs: dict[str, Ref | None]) -> None:
        for i, item in enumerate(_items(raw.get("phones"))):
            ref = self.child("phone", item, i, refs)
            if ref is not None:
                for j, lang in enumerate(_items(item.get("languages"))):
                    self.child("language", lang, j, {"phone": ref})

    def attributes(self, raw: dict, linked: Ref) -> None:
        for i, item in enumerate(_items(raw.get("attributes"))):
            if not isinstance(item, dict):
                self._problem("attribute", "", "", f"expected an object, got {type(item).__name__}")
                continue
            term = self.term(item.get("taxonomy_term"), item.get("taxonomy_term_id"), item)
            if term is None:
                continue
            ref = self.child("attribute", item, i, {"taxonomy_term": term}, parent=linked)
            if ref is not None:
                self.rows[-1].link = (linked[0], linked)

    def term(self, raw: Any, term_id: Any, attribute: dict) -> Ref | None:
        attr_id = str(attribute.get("id", ""))
        if not isinstance(raw, dict):
            if isinstance(term_id, str | int) and str(term_id).strip():
                return ("taxonomy_term", str(term_id).strip())
            self._problem("attribute", attr_id, "taxonomy_term", "is required (an object or taxonomy_term_id)")
            return None
        if (known := self._known_term(raw)) is not None:
            return known
        refs: dict[str, Ref | None] = {}
        taxonomy_id = raw.get("taxonomy_id")
        detail = raw.get("taxonomy_detail") if isinstance(raw.get("taxonomy_detail"), dict) else None
        if isinstance(raw.get("taxonomy"), dict):  # some feeds nest the taxonomy record itself
            detail, raw = raw["taxonomy"], {**raw, "taxonomy": raw["taxonomy"].get("name")}
        if detail or isinstance(taxonomy_id, str | int):
            tax = dict(detail or {})
            tax.setdefault("id", taxonomy_id)
            tax.setdefault("name", raw.get("taxonomy") or taxonomy_id)
            refs["taxonomy"] = self.child("taxonomy", tax, 0, {}, parent=("attribute", attr_id))
        parent = raw.get("parent_id")
        refs["parent"] = ("taxonomy_term", str(parent)) if isinstance(parent, str | int) and str(parent) else None
        return self.child("taxonomy_term", raw, 0, refs, parent=("attribute", attr_id))

    def _known_term(self, raw: dict) -> Ref | None:
        """A term and its taxonomy (by id) that this import has planned already: the reference, as `term` would
        give it with nothing else to do. Most attributes of a national feed repeat a handful of terms."""
        term_id, taxonomy_id = raw.get("id"), raw.get("taxonomy_id")
        if term_id.__class__ is not str or taxonomy_id.__class__ is not str:
            return None
        if raw.get("taxonomy_detail") is not None or raw.get("taxonomy").__class__ is dict:
            return None
        term, taxonomy = term_id.strip(), taxonomy_id.strip()
        if not (0 < len(term) <= 255 and 0 < len(taxonomy) <= 255):
            return None
        ref = ("taxonomy_term", term)
        return ref if ref in self.claimed and ("taxonomy", taxonomy) in self.claimed else None

    # -- reporting ----------------------------------------------------------------------------

    def _reject(self, entity: str, source_id: str, issues: list) -> bool:
        hard = [i for i in issues if not i.soft]
        for issue in issues:
            action = IGNORED if issue.soft and not hard else REJECTED
            self.report(Problem(entity, source_id, issue.field, issue.problem, action, self.service_id))
        return bool(hard)

    def _problem(self, entity: str, source_id: str, field_name: str, problem: str) -> None:
        self.report(Problem(entity, source_id, field_name, problem, REJECTED, self.service_id))


def _scoped(source_id: str, owner: Ref) -> str:
    """The feed's id made unique by its parent's: `id@entity:parent id` (hashed if that would be too long)."""
    scoped = f"{source_id}@{owner[0]}:{owner[1]}"
    return scoped if len(scoped) <= 255 else f"{source_id[:200]}@{digest_of(owner)}"


def _link(raw: dict, name: str) -> dict[str, Ref | None]:
    """An optional link to an organisation by the feed's id (`organization_id`, `parent_organization_id`)."""
    value = raw.get(f"{name}_id")
    return {name: ("organization", str(value).strip())} if isinstance(value, str | int) and str(value).strip() else {}


def _org_key(raw: dict) -> tuple | None:
    """Two ids for one organisation: the same name and the same website or email."""
    name = raw.get("name")
    contact = raw.get("website") or raw.get("url") or raw.get("email")
    if not isinstance(name, str) or not isinstance(contact, str) or not name.strip() or not contact.strip():
        return None
    site = contact.strip().lower().removeprefix("https://").removeprefix("http://").removeprefix("www.").rstrip("/")
    return (" ".join(name.casefold().split()), site)
