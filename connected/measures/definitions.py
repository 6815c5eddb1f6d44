"""Instrument definitions as frozen data, loaded from instruments/*.json.

Why data and not code: the wording and scores are fixed by their publishers, so
each instrument is one reviewable file that a test compares against the
standard's text. Adding an instrument is adding a file. The loader checks each
file for internal consistency (ranges, bands, option sets) so a typo fails at
start-up, not in a person's score.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

INSTRUMENTS_DIR = Path(__file__).resolve().parent / "instruments"
NO_PUBLISHED_VALUE = "no published value; set per scheme"


class DefinitionError(ValueError):
    """An instrument file is malformed or inconsistent."""


class Direction(StrEnum):
    HIGHER_WORSE = "higher_worse"
    HIGHER_BETTER = "higher_better"


class BandsSource(StrEnum):
    PUBLISHER = "publisher"
    COMMONLY_REPORTED = "commonly_reported"
    NONE = "none"


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    score: int


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    options: tuple[Option, ...]  # in the publisher's listed order
    presentation: str = "listed"  # "listed" or "reversed": the order shown to the person
    hint: str = ""
    inline: bool = False

    @property
    def presented_options(self) -> tuple[Option, ...]:
        return tuple(reversed(self.options)) if self.presentation == "reversed" else self.options

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Band:
    label: str
    low: int
    high: int

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Reliability:
    """Jacobson-Truax parameters. sd/r None means no published value: a scheme must set them."""

    sd: float | None
    r: float | None
    source: str

    @property
    def is_set(self) -> bool:
        return self.sd is not None and self.r is not None


@dataclass(frozen=True)
class ScoreDef:
    id: str
    label: str
    items: tuple[str, ...]
    low: int
    high: int
    direction: Direction
    bands: tuple[Band, ...]
    bands_source: BandsSource
    bands_note: str
    headline_band: str | None
    reliability: Reliability | None  # None: reliable change does not apply (single ordinal item)
    ordinal: bool = False

    def band_for(self, value: float) -> Band | None:
        return next((b for b in self.bands if b.contains(value)), None)

    def is_better(self, before: float, after: float) -> bool:
        return after < before if self.direction == Direction.HIGHER_WORSE else after > before


@dataclass(frozen=True)
class Audience:
    label: str
    min_age: int | None
    max_age: int | None


@dataclass(frozen=True)
class Instrument:
    code: str
    name: str
    short_name: str
    version: str
    audience: Audience
    items: tuple[Item, ...]
    scores: tuple[ScoreDef, ...]
    primary_score: str | None  # None: scored per item with no total (ONS4)
    ask_after: tuple[str, ...]
    ask_after_reason: str
    instructions: str
    source: dict[str, str]
    licence: str
    notes: str
    raw: dict[str, Any] = field(repr=False, compare=False, hash=False, default_factory=dict)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def score_def(self, score_id: str) -> ScoreDef:
        for s in self.scores:
            if s.id == score_id:
                return s
        raise KeyError(f"{self.code} has no score {score_id!r}")

    @property
    def primary(self) -> ScoreDef | None:
        return self.score_def(self.primary_score) if self.primary_score else None


def _require(cond: bool, code: str, message: str) -> None:
    if not cond:
        raise DefinitionError(f"{code}: {message}")


def _score_def(code: str, raw: dict[str, Any], items: dict[str, Item]) -> ScoreDef:
    sid = raw["id"]
    member_items = tuple(raw["items"])
    for iid in member_items:
        _require(iid in items, code, f"score {sid} names unknown item {iid}")
    low = sum(min(o.score for o in items[i].options) for i in member_items)
    high = sum(max(o.score for o in items[i].options) for i in member_items)
    stated = list(raw["range"])
    _require([low, high] == stated, code, f"score {sid} range {stated} but items give {low} to {high}")
    bands = tuple(Band(b["label"], int(b["low"]), int(b["high"])) for b in raw.get("bands", []))
    for value in range(low, high + 1):
        hits = [b.label for b in bands if b.contains(value)]
        _require(not bands or len(hits) == 1, code, f"score {sid}: value {value} falls in bands {hits}")
    headline = raw.get("headline_band")
    _require(headline is None or headline in {b.label for b in bands}, code, f"headline band {headline} unknown")
    rel = raw.get("reliability")
    reliability = None
    if rel is not None:
        reliability = Reliability(sd=rel.get("sd"), r=rel.get("r"), source=rel.get("source") or NO_PUBLISHED_VALUE)
    return ScoreDef(
        id=sid,
        label=raw["label"],
        items=member_items,
        low=low,
        high=high,
        direction=Direction(raw["direction"]),
        bands=bands,
        bands_source=BandsSource(raw.get("bands_source", "none")),
        bands_note=raw.get("bands_note", ""),
        headline_band=headline,
        reliability=reliability,
        ordinal=bool(raw.get("ordinal", False)),
    )


def parse_instrument(raw: dict[str, Any]) -> Instrument:
    """Build a frozen Instrument from its JSON form, checking it is self-consistent."""
    code = raw["code"]
    option_sets = {
        name: tuple(Option(str(o["value"]), o["label"], int(o["score"])) for o in opts)
        for name, opts in raw.get("option_sets", {}).items()
    }
    items: dict[str, Item] = {}
    for it in raw["items"]:
        opts = it["options"]
        options = option_sets[opts] if isinstance(opts, str) else tuple(Option(**o) for o in opts)
        _require(len({o.value for o in options}) == len(options), code, f"item {it['id']} repeats an option value")
        _require(it["id"] not in items, code, f"item {it['id']} defined twice")
        presentation = it.get("presentation", "listed")
        _require(presentation in {"listed", "reversed"}, code, f"item {it['id']} presentation {presentation}")
        items[it["id"]] = Item(
            id=it["id"],
            text=it["text"],
            options=options,
            presentation=presentation,
            hint=it.get("hint", ""),
            inline=bool(it.get("inline", False)),
        )
    scores = tuple(_score_def(code, s, items) for s in raw["scores"])
    primary = raw.get("primary_score")
    _require(primary is None or primary in {s.id for s in scores}, code, f"primary score {primary} unknown")
    aud = raw["audience"]
    return Instrument(
        code=code,
        name=raw["name"],
        short_name=raw.get("short_name", raw["name"]),
        version=str(raw["version"]),
        audience=Audience(aud["label"], aud.get("min_age"), aud.get("max_age")),
        items=tuple(items.values()),
        scores=scores,
        primary_score=primary,
        ask_after=tuple(raw.get("ask_after", [])),
        ask_after_reason=raw.get("ask_after_reason", ""),
        instructions=raw.get("instructions", ""),
        source=dict(raw.get("source", {})),
        licence=raw.get("licence", ""),
        notes=raw.get("notes", ""),
        raw=raw,
    )


def load_directory(directory: Path = INSTRUMENTS_DIR) -> dict[str, Instrument]:
    found: dict[str, Instrument] = {}
    for path in sorted(directory.glob("*.json")):
        instrument = parse_instrument(json.loads(path.read_text(encoding="utf-8")))
        if instrument.code in found:
            raise DefinitionError(f"{instrument.code}: defined twice ({path.name})")
        found[instrument.code] = instrument
    for instrument in found.values():
        for other in instrument.ask_after:
            _require(other in found, instrument.code, f"ask_after names unknown instrument {other}")
    return found
