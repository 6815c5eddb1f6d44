"""The instruments Connected knows, and the question-order rule for asking several together."""

from __future__ import annotations

from functools import cache

from .definitions import Instrument, load_directory

# Named sets a scheme can choose. Order inside a set is fixed by `ordered`, not by this list.
SETS: dict[str, tuple[str, ...]] = {
    "ons-loneliness-adults": ("ucla3", "ons-direct"),
    "ons-loneliness-children": ("ucla3-child", "ons-direct-child"),
    "scheme-default": ("ucla3", "ons-direct", "ons4"),
}
DEFAULT_SCHEME_SET = SETS["scheme-default"]


class UnknownInstrument(KeyError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code

    def __str__(self) -> str:
        return f"Unknown instrument \u2018{self.code}\u2019"


@cache
def _instruments() -> dict[str, Instrument]:
    return load_directory()


def get(code: str) -> Instrument:
    try:
        return _instruments()[code]
    except KeyError:
        raise UnknownInstrument(code) from None


def all() -> list[Instrument]:
    return list(_instruments().values())


def ordered(codes: list[str] | tuple[str, ...]) -> list[Instrument]:
    """Instruments in asking order: each after those it must follow (UCLA before the direct question).

    Otherwise the caller's order is kept; an instrument asked too early is moved just after
    the ones it must follow, so a scheme's choice is respected where no rule applies.
    """
    chosen = {c: get(c) for c in dict.fromkeys(codes)}
    placed: dict[str, Instrument] = {}

    def place(code: str, path: tuple[str, ...]) -> None:
        if code in placed:
            return
        if code in path:
            raise ValueError(f"question order rules form a cycle: {' -> '.join((*path, code))}")
        for before in chosen[code].ask_after:
            if before in chosen:
                place(before, (*path, code))
        placed[code] = chosen[code]

    for code in chosen:
        place(code, ())
    return list(placed.values())
