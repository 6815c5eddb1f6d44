"""The national return: a scheme's suppressed aggregates as versioned JSON that a region or the
country can add up across many Connected instances, with no personal data (docs/evidence-national-return.md).

Built from the same suppressed `Report` as the page, so it carries nothing the page does not. A
withheld count is null; a region adds the published counts and reports how many it could not add.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from .reports import Report
from .suppression import ROUNDING_BASE

SCHEMA_ID = "https://connected.invalid/schemas/evidence-national-return/1.0.json"
VERSION = "1.0"

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "Connected national return",
    "type": "object",
    "required": ["schema", "version", "instance", "schemes", "period", "suppression", "tables"],
    "properties": {
        "schema": {"const": SCHEMA_ID},
        "version": {"const": VERSION},
        "instance": {"type": "string", "description": "The sending deployment's name (no people)"},
        "generated_at": {"type": "string", "format": "date-time"},
        "schemes": {"type": "array", "items": {"type": "string"}, "description": "Schemes counted, by name"},
        "area": {"type": ["string", "null"], "description": "Local authority code, or null for all areas"},
        "period": {
            "type": "object",
            "required": ["from", "to"],
            "properties": {"from": {"type": "string", "pattern": "^\\d{4}-\\d{2}$"}, "to": {"type": "string"}},
        },
        "suppression": {
            "type": "object",
            "required": ["threshold", "rounding_base"],
            "properties": {"threshold": {"type": "integer"}, "rounding_base": {"type": "integer"}},
        },
        "tables": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["title"],
                "properties": {
                    "title": {"type": "string"},
                    "counts": {
                        "type": "object",
                        "additionalProperties": {"type": ["integer", "null"], "minimum": 0},
                        "description": "category code -> published count (null: 1 to threshold-1)",
                    },
                    "figures": {"type": "object"},
                },
            },
        },
    },
}


def national_return(report: Report, *, scheme_names: list[str], now: dt.datetime | None = None) -> dict[str, Any]:
    f = report.filter
    tables: dict[str, Any] = {}
    for table in report.tables:
        entry: dict[str, Any] = {"title": table.title}
        if table.figures is not None:
            entry["figures"] = table.figures
        else:
            entry["counts"] = {key: row[1] for key, row in zip(table.keys, table.rows, strict=True)}
        tables[table.id] = entry
    return {
        "schema": SCHEMA_ID,
        "version": VERSION,
        "instance": getattr(settings, "SERVICE_NAME", "Connected"),
        "generated_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "schemes": scheme_names,
        "area": f.area,
        "period": {"from": f"{f.first_month:%Y-%m}", "to": f"{f.last_month:%Y-%m}"},
        "suppression": {"threshold": report.threshold, "rounding_base": ROUNDING_BASE},
        "tables": tables,
    }


def combine(returns: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, int]]]:
    """What a region does with many returns of one version and period: add each published count, and
    count the figures it could not add (withheld), per table and category. Never un-suppresses."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for document in returns:
        if document.get("version") != VERSION:
            raise ValueError(f"Cannot combine return version {document.get('version')!r} with {VERSION}")
        for table_id, table in document["tables"].items():
            for key, value in table.get("counts", {}).items():
                cell = out.setdefault(table_id, {}).setdefault(key, {"sum": 0, "withheld": 0})
                if value is None:
                    cell["withheld"] += 1
                else:
                    cell["sum"] += value
    return out
