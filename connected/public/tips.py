"""The check-in's content (choices, tips, urgent help lines) from `content/checkin.toml`, checked at load.

Why a file and not code: tips are advice that content designers write and review,
each with its source; they change without a release of the code. The loader
refuses a file that names a choice that does not exist or a tip with no source,
so a typo fails when the site starts rather than silently hiding a tip.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

CONTENT = Path(__file__).resolve().parent / "content" / "checkin.toml"
LONELY_VALUES = ("often_always", "some_of_the_time", "occasionally", "hardly_ever", "never")
UCLA_BANDS = ("Lonely", "Not lonely")
CHOICE_KEYS = ("age_bands", "circumstances", "connect")
CONDITION_KEYS = {
    "lonely": "",
    "ucla": "",
    "age_band": "age_bands",
    "circumstances": "circumstances",
    "connect": "connect",
}
# What the person told us about their life says more than their scores: those tips come first.
WEIGHTS = {"circumstances": 4, "age_band": 3, "connect": 2, "lonely": 1, "ucla": 1}


class ContentError(ValueError):
    """The content file is malformed: the message names the entry and what is wrong."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Tip:
    id: str
    title: str
    body: str
    source: Source
    when: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class HelpLine:
    name: str
    detail: str
    phone: str
    source: Source


@dataclass(frozen=True)
class Content:
    choices: dict[str, tuple[tuple[str, str], ...]]  # key -> ((value, label), ...)
    tips: tuple[Tip, ...]
    urgent: tuple[HelpLine, ...]
    reviewed: str
    crisis_words: tuple[str, ...] = ()

    def label(self, key: str, value: str) -> str:
        return dict(self.choices[key]).get(value, value)


def source_from(raw: Any, where: str) -> Source:
    if not isinstance(raw, dict) or not raw.get("title") or not str(raw.get("url", "")).startswith("https://"):
        raise ContentError(f"{where}: needs a source with a title and an https:// url")
    return Source(str(raw["title"]), str(raw["url"]))


def _allowed(key: str, choices: dict[str, tuple[tuple[str, str], ...]]) -> set[str]:
    if key == "lonely":
        return set(LONELY_VALUES)
    if key == "ucla":
        return set(UCLA_BANDS)
    return {value for value, _ in choices[CONDITION_KEYS[key]]}


def _tip(raw: dict[str, Any], choices: dict[str, tuple[tuple[str, str], ...]]) -> Tip:
    where = f"tip {raw.get('id', '(no id)')}"
    for name in ("id", "title", "body"):
        if not str(raw.get(name, "")).strip():
            raise ContentError(f"{where}: needs a {name}")
    when: dict[str, tuple[str, ...]] = {}
    for key, values in (raw.get("when") or {}).items():
        if key not in CONDITION_KEYS:
            raise ContentError(f"{where}: unknown condition {key!r} (use one of {', '.join(CONDITION_KEYS)})")
        unknown = set(values) - _allowed(key, choices)
        if unknown:
            raise ContentError(f"{where}: {key} has unknown values {sorted(unknown)}")
        when[key] = tuple(values)
    return Tip(str(raw["id"]), str(raw["title"]), str(raw["body"]), source_from(raw.get("source"), where), when)


def parse(raw: dict[str, Any]) -> Content:
    """Build checked content from the parsed TOML."""
    choices = {}
    for key in CHOICE_KEYS:
        entries = raw.get(key) or []
        if not entries:
            raise ContentError(f"{key}: needs at least one choice")
        choices[key] = tuple((str(e["value"]), str(e["label"])) for e in entries)
    tips = tuple(_tip(t, choices) for t in raw.get("tips") or [])
    ids = [t.id for t in tips]
    repeated = {i for i in ids if ids.count(i) > 1}
    if repeated:
        raise ContentError(f"tips: ids used twice: {sorted(repeated)}")
    urgent = tuple(
        HelpLine(str(u["name"]), str(u["detail"]), str(u["phone"]), source_from(u.get("source"), f"urgent {u['name']}"))
        for u in raw.get("urgent") or []
    )
    if not urgent:
        raise ContentError("urgent: the urgent help lines are required")
    words = tuple(str(w).lower() for w in (raw.get("safety") or {}).get("crisis_words", ()))
    return Content(choices=choices, tips=tips, urgent=urgent, reviewed=str(raw.get("reviewed", "")), crisis_words=words)


@cache
def content() -> Content:
    return parse(tomllib.loads(CONTENT.read_text(encoding="utf-8")))


def choose(facts: dict[str, tuple[str, ...]], *, limit: int = 5, content_: Content | None = None) -> list[Tip]:
    """Tips whose every condition meets the person's facts; the most telling first (WEIGHTS), then file order.

    `facts` maps a condition key to the person's values (several for circumstances and connect).
    """
    found = content_ or content()
    fitting = [
        (index, tip)
        for index, tip in enumerate(found.tips)
        if all(set(values) & set(facts.get(key, ())) for key, values in tip.when.items())
    ]
    fitting.sort(key=lambda pair: (-sum(WEIGHTS[key] for key in pair[1].when), pair[0]))
    return [tip for _, tip in fitting[:limit]]
