"""Bit positions for the search index's flag columns, shared by the index builder, backends and tests."""

from __future__ import annotations

from connected.directory.vocabulary import ACCESSIBILITY, ACTIVITIES, DAYS, NEEDS, Delivery

DAY_BIT = {code: 1 << i for i, code in enumerate(DAYS)}
ACCESS_BIT = {t.code: 1 << i for i, t in enumerate(ACCESSIBILITY)}
TERM_BIT = {t.code: 1 << i for i, t in enumerate((*ACTIVITIES, *NEEDS))}
DELIVERY_BIT = {Delivery.IN_PERSON: 1, Delivery.ONLINE: 2, Delivery.PHONE: 4}
TERM_LABEL = {t.code: t.label for t in (*ACTIVITIES, *NEEDS)}
ACCESS_LABEL = {t.code: t.label for t in ACCESSIBILITY}
DELIVERY_LABEL = dict(Delivery.CHOICES)
REMOTE = DELIVERY_BIT[Delivery.ONLINE] | DELIVERY_BIT[Delivery.PHONE]
UNKNOWN_MIN_AGE, UNKNOWN_MAX_AGE = 0, 150


def mask(bits: dict[str, int], codes: tuple[str, ...] | list[str]) -> int:
    value = 0
    for code in codes:
        value |= bits[code]
    return value


def codes(bits: dict[str, int], value: int) -> tuple[str, ...]:
    return tuple(code for code, bit in bits.items() if value & bit)
