"""Field cleaners: turn one JSON (or CSV) value into the value our model stores, or say why not.

Liberal in what they accept (numbers as strings, "Active" for "active",
"10:00" for "10:00:00", a website without its scheme), exact in what they
refuse: each raises `Invalid` with a message naming the problem, never any
other exception, whatever JSON value arrives.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

Cleaner = Callable[[Any], Any]

EMAIL = re.compile(
    r"^[^@\s<>,;\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?$")


class Invalid(ValueError):
    """A value our model cannot hold; the message is shown to the feed's owner."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def text(max_length: int | None = None) -> Cleaner:
    def clean(value: Any) -> str:
        if value.__class__ is str:  # the common case first: this runs for every text value of every row
            out = value.strip()
        else:
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise Invalid(f"expected text, got {type(value).__name__}")
            if isinstance(value, float) and not math.isfinite(value):
                raise Invalid(f"expected text, got {_show(value)}")
            out = value.strip() if isinstance(value, str) else str(value)
        if "\x00" in out:
            raise Invalid("contains a NUL character")
        if not out.isascii():  # ASCII always encodes; only other text can hold a lone surrogate
            try:
                out.encode("utf-8")
            except UnicodeEncodeError:
                raise Invalid("is not valid Unicode text (a lone surrogate)") from None
        if max_length is not None and len(out) > max_length:
            raise Invalid(f"longer than {max_length} characters ({len(out)})")
        return out

    return clean


def enum(choices: Iterable[str], *, upper: bool = False) -> Cleaner:
    allowed = tuple(choices)
    by_folded = {c.casefold(): c for c in allowed}

    def clean(value: Any) -> str:
        if isinstance(value, str) and value.strip().casefold() in by_folded:
            return by_folded[value.strip().casefold()]
        raise Invalid(f"{_show(value)} is not one of: {', '.join(allowed)}")

    return clean


def integer(minimum: int = 0, maximum: int = 32767) -> Cleaner:
    def clean(value: Any) -> int:
        if isinstance(value, bool):
            raise Invalid(f"expected a whole number, got {_show(value)}")
        number: Any = value
        if isinstance(value, str):
            try:
                number = float(value.strip())
            except ValueError:
                raise Invalid(f"expected a whole number, got {_show(value)}") from None
        if not isinstance(number, int | float) or not math.isfinite(number) or number != int(number):
            raise Invalid(f"expected a whole number, got {_show(value)}")
        if not minimum <= number <= maximum:
            raise Invalid(f"{_show(value)} is outside {minimum} to {maximum}")
        return int(number)

    return clean


def real(minimum: float, maximum: float) -> Cleaner:
    def clean(value: Any) -> float:
        if isinstance(value, bool):
            raise Invalid(f"expected a number, got {_show(value)}")
        try:
            number = float(value.strip()) if isinstance(value, str) else value
        except ValueError:
            raise Invalid(f"expected a number, got {_show(value)}") from None
        if not isinstance(number, int | float) or not math.isfinite(number):
            raise Invalid(f"expected a number, got {_show(value)}")
        if not minimum <= number <= maximum:
            raise Invalid(f"{_show(value)} is outside {minimum:g} to {maximum:g}")
        return float(number)

    return clean


def money(value: Any) -> Decimal:
    """An amount with at most 8 digits before the point, kept to the penny."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Invalid(f"expected an amount, got {_show(value)}")
    try:
        amount = Decimal(value.strip().lstrip("£") if isinstance(value, str) else str(value))
    except InvalidOperation:
        raise Invalid(f"expected an amount, got {_show(value)}") from None
    if not amount.is_finite() or amount < 0 or amount >= Decimal("1e8"):
        raise Invalid(f"{_show(value)} is not an amount from 0 to 99,999,999.99")
    return amount.quantize(Decimal("0.01"))


def iso_date(value: Any) -> date:
    if isinstance(value, str):
        raw = value.strip()
        head, sep, _ = raw.partition("T")
        try:
            return date.fromisoformat(head if sep else raw)
        except ValueError:
            pass
    raise Invalid(f"{_show(value)} is not a date (YYYY-MM-DD)")


def iso_datetime(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
            try:
                return moment.astimezone(UTC)  # stored in UTC: a zone that carries it past year 1 or 9999 cannot be
            except OverflowError:
                raise Invalid(f"{_show(value)} is outside the years 1 to 9999") from None
    raise Invalid(f"{_show(value)} is not a date and time (ISO 8601)")


def clock(value: Any) -> time:
    """A time of day; a zone suffix (Z, +01:00) is dropped: sessions are in local time."""
    if isinstance(value, str):
        try:
            moment = time.fromisoformat(value.strip())
            return moment if moment.tzinfo is None else moment.replace(tzinfo=None)
        except ValueError:
            pass
    raise Invalid(f"{_show(value)} is not a time (HH:MM or HH:MM:SS)")


def url(value: Any) -> str:
    raw = text(500)(value)
    candidate = raw if "://" in raw else f"https://{raw}"
    try:
        parts = urlsplit(candidate)
        host = parts.hostname or ""
    except ValueError:  # urlsplit refuses some malformed hosts, e.g. an unclosed "["
        raise Invalid(f"{_show(value)} is not a web address") from None
    netloc_ok = HOST.match(parts.netloc.rsplit("@", 1)[-1]) is not None
    if parts.scheme not in ("http", "https") or not netloc_ok or " " in candidate:
        raise Invalid(f"{_show(value)} is not a web address")
    if "." not in host and host != "localhost":
        raise Invalid(f"{_show(value)} is not a web address")
    if len(candidate) > 500:
        raise Invalid("longer than 500 characters")
    return candidate


def email(value: Any) -> str:
    raw = text(254)(value)
    if raw.lower().startswith("mailto:"):
        raw = raw[7:]
    if not EMAIL.match(raw):
        raise Invalid(f"{_show(value)} is not an email address")
    return raw


def identifier(value: Any) -> str:
    """A feed's own id: any string or number (UUIDs are not required)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise Invalid(f"expected an identifier, got {_show(value)}")
    out = str(value).strip()
    if not out or len(out) > 255:
        raise Invalid("an identifier must have 1 to 255 characters")
    return out


def phone_number(value: Any) -> str:
    return text(50)(value).strip("\"'").strip()
