"""A CSV register of schemes, one row per scheme, imported like any feed (ADR 0034).

Columns (a header row; names as below, any order; only the first three and `areas` are required):

| column | what |
| --- | --- |
| id | the scheme's stable id in this register (re-importing the same id updates it) |
| name | the scheme's name |
| organisation | who runs it |
| organisation_kind | pcn, council, charity, gp_practice, funder or other |
| areas | what it covers, separated by spaces: `la:E08000035`, `outcode:LS6`, `area:LS`, `pcn:U12345`, |
|  | `practice:B86001` (a bare code is read by its shape) |
| description | a sentence about the scheme |
| self_referral_url, web_form_url, fhir_endpoint, email, phone | how to refer (each optional) |
| eligibility, minimum_age, maximum_age | who it is for |
| languages | separated by semicolons |
| hours | `MO,TU,WE,TH,FR 09:00-17:00` |

Each row is checked on its own: a bad row is reported (row number, column, problem) and left out, and
the rest go through the importer, whose report (the same as any feed's) holds both.
"""

from __future__ import annotations

import csv
import io

from . import models as m
from .importer import ImportResult, Problem
from .register import AreaError, parse_area
from .register_documents import SchemeSpec, scheme_document
from .register_services import schemes_register

REQUIRED = ("id", "name", "organisation", "areas")
ROUTE_COLUMNS = {
    "self_referral_url": "self-referral",
    "web_form_url": "web-form",
    "fhir_endpoint": "bars-fhir",
    "email": "email",
    "phone": "phone",
}
KINDS = {"pcn", "council", "charity", "gp_practice", "funder", "other"}


class RowError(ValueError):
    def __init__(self, column: str, problem: str) -> None:
        super().__init__(problem)
        self.column, self.problem = column, problem


def _age(row: dict, column: str) -> int | None:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 130:
        raise RowError(column, f"“{text[:20]}” is not an age in whole years (0 to 130)")
    return int(text)


def spec_of(row: dict[str, str]) -> SchemeSpec:
    """One row as a scheme; raises `RowError` naming the first column that cannot be read."""
    row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
    for column in REQUIRED:
        if not row.get(column):
            raise RowError(column, "is required")
    try:
        areas = [parse_area(token) for token in row["areas"].split()]
    except AreaError as error:
        raise RowError("areas", str(error)) from None
    kind = row.get("organisation_kind", "").lower() or "other"
    if kind not in KINDS:
        raise RowError("organisation_kind", f"must be one of {', '.join(sorted(KINDS))}")
    low, high = _age(row, "minimum_age"), _age(row, "maximum_age")
    if low is not None and high is not None and low > high:
        raise RowError("minimum_age", "must not be more than maximum_age")
    return SchemeSpec(
        key=row["id"],
        name=row["name"],
        organisation=row["organisation"],
        organisation_kind=kind,
        description=row.get("description", ""),
        areas=[(k, c, c) for k, c in areas],
        routes={route: row[column] for column, route in ROUTE_COLUMNS.items() if row.get(column)},
        eligibility=row.get("eligibility", ""),
        minimum_age=low,
        maximum_age=high,
        languages=[x.strip() for x in row.get("languages", "").split(";") if x.strip()],
        hours=row.get("hours", ""),
    )


def import_register_csv(feed: m.Feed, text: str, *, remove_missing: bool = True) -> ImportResult:
    """Read every row, report the bad ones, import the good ones as the feed's schemes."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in REQUIRED if c not in {(f or "").strip().lower() for f in reader.fieldnames or []}]
    if missing:
        return ImportResult(problems=[Problem("register", "", ", ".join(missing), "column missing from the header")])
    specs, problems, seen = [], [], set()
    for number, row in enumerate(reader, start=2):
        where = f"row {number}"
        try:
            spec = spec_of(row)
        except RowError as error:
            problems.append(Problem("scheme", (row.get("id") or "").strip() or where, error.column, error.problem))
            continue
        if spec.key in seen:
            problems.append(Problem("scheme", spec.key, "id", f"appears twice ({where})"))
            continue
        seen.add(spec.key)
        specs.append(spec)
    result = schemes_register(specs, feed=feed, remove_missing=remove_missing, notes=problems)
    keys = {scheme_document(spec)["id"]: spec.key for spec in specs}  # name rows by their own id in the report
    for problem in result.problems:
        problem.id, problem.service = keys.get(problem.id, problem.id), keys.get(problem.service, problem.service)
    return result
