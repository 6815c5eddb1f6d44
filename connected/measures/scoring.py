"""Validate a response against its instrument and score it exactly as the publisher defines.

A response is a mapping item id -> option value (e.g. {"left_out": "often"}). Scores
are not accepted as answers: several options share a score (De Jong Gierveld), so
only the option value says what the person chose. Only a complete, valid response
is scored: a partial sum would look like a real score and mislead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .definitions import Instrument, ScoreDef

MAX_ECHO = 40  # an unrecognised answer is quoted back, shortened


@dataclass(frozen=True)
class ItemError:
    item: str  # the item id, or the unknown key that was sent
    message: str


class ResponseInvalid(ValueError):
    """The response is incomplete or has answers that are not options. Carries one error per item."""

    def __init__(self, instrument: Instrument, errors: list[ItemError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.instrument = instrument
        self.errors = errors

    def as_dict(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for e in self.errors:
            out.setdefault(e.item, []).append(e.message)
        return out


@dataclass(frozen=True)
class ScoreResult:
    id: str
    label: str
    value: int
    band: str | None
    in_headline_band: bool
    low: int
    high: int
    direction: str
    ordinal: bool = False  # the value only orders answers (the direct question): show the band, not the number


@dataclass(frozen=True)
class ScoredResponse:
    instrument: str
    version: str
    answers: dict[str, str]
    scores: tuple[ScoreResult, ...]
    primary: str | None

    @property
    def total(self) -> int | None:
        """The primary score (the total, or the direct question's rank); None for ONS4."""
        return self.score(self.primary).value if self.primary else None

    def score(self, score_id: str) -> ScoreResult:
        return next(s for s in self.scores if s.id == score_id)

    @property
    def values(self) -> dict[str, int]:
        return {s.id: s.value for s in self.scores}

    @property
    def bands(self) -> dict[str, str]:
        return {s.id: s.band for s in self.scores if s.band is not None}


def quoted(text: str) -> str:
    """Text in typographic single quotes, as GOV.UK and NHS.UK style error messages use."""
    return f"\u2018{text}\u2019"


def missing_message(text: str) -> str:
    return f"Answer {quoted(text)}"


def _normalise(value: Any) -> str | None:
    """Option values are strings; a JSON client may send ONS4's 7 as a number. Booleans are not numbers here."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return None


def validate(instrument: Instrument, answers: Mapping[str, Any]) -> list[ItemError]:
    """Every item answered with one of its options, and nothing else. Errors in question order."""
    if not isinstance(answers, Mapping):
        return [ItemError("answers", "Send the answers as an object of question id to option value")]
    errors: list[ItemError] = []
    for item in instrument.items:
        raw = answers.get(item.id)
        value = _normalise(raw)
        if raw is None or value == "":
            errors.append(ItemError(item.id, missing_message(item.text)))
        elif value is None or item.option(value) is None:
            shown = str(raw)[:MAX_ECHO]
            choices = ", ".join(o.label for o in item.presented_options)
            errors.append(
                ItemError(item.id, f"{quoted(shown)} is not an answer to {quoted(item.text)}: choose one of {choices}")
            )
    known = {i.id for i in instrument.items}
    for key in answers:
        if key not in known:
            name = str(key)[:MAX_ECHO]
            errors.append(ItemError(name, f"{quoted(name)} is not a question in {instrument.name}"))
    return errors


def _score_one(score_def: ScoreDef, item_scores: dict[str, int]) -> ScoreResult:
    value = sum(item_scores[i] for i in score_def.items)
    band = score_def.band_for(value)
    return ScoreResult(
        id=score_def.id,
        label=score_def.label,
        value=value,
        band=band.label if band else None,
        in_headline_band=bool(band and band.label == score_def.headline_band),
        low=score_def.low,
        high=score_def.high,
        direction=str(score_def.direction),
        ordinal=score_def.ordinal,
    )


def score(instrument: Instrument, answers: Mapping[str, Any]) -> ScoredResponse:
    """Score a complete response, or raise ResponseInvalid naming each item at fault."""
    errors = validate(instrument, answers)
    if errors:
        raise ResponseInvalid(instrument, errors)
    clean = {item.id: _normalise(answers[item.id]) or "" for item in instrument.items}
    item_scores = {}
    for item in instrument.items:
        option = item.option(clean[item.id])
        assert option is not None  # validate() guarantees it
        item_scores[item.id] = option.score
    return ScoredResponse(
        instrument=instrument.code,
        version=instrument.version,
        answers=clean,
        scores=tuple(_score_one(s, item_scores) for s in instrument.scores),
        primary=instrument.primary_score,
    )
