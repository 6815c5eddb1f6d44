"""UK postcodes: parse, normalise and validate, with no database.

A postcode is an outward code (area + district, e.g. ``SW1A``) and an inward
code (sector digit + unit letters, e.g. ``1AA``). People type them in any
case and with any spacing, so parsing ignores both and returns the one-space
upper-case form that the ONS files use.

The rules are Royal Mail's (as published in BS 7666 and the ONS user guides):

* outward code: ``A9``, ``A99``, ``AA9``, ``AA99``, ``A9A`` or ``AA9A``;
  the first letter is never Q, V or X; the second never I, J or Z; a third
  position letter (``A9A``) is one of ABCDEFGHJKPSTUW; a fourth (``AA9A``)
  one of ABEHMNPRVWXY;
* inward code: a digit then two letters, never C, I, K, M, O or V;
* special cases: ``GIR 0AA`` (Girobank), the legacy Newport outcode ``NPT``
  and the terminated central London districts W1M, W1N, W1R, W1V, W1X and
  W1Y (they break the third-letter rule), all still in the ONS files.

Knowing that text is *shaped* like a postcode is different from knowing the
postcode exists: this module only answers the first; `connected.core.places`
answers the second. The error classes keep the two apart so a page can say
"that is not a postcode" or "we could not find that postcode".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FIRST = "ABCDEFGHIJKLMNOPRSTUWYZ"  # not Q, V, X
_SECOND = "ABCDEFGHKLMNOPQRSTUVWXY"  # not I, J, Z
_THIRD = "ABCDEFGHJKPSTUW"  # A9A
_FOURTH = "ABEHMNPRVWXY"  # AA9A
_UNIT = "ABDEFGHJLNPQRSTUWXYZ"  # not C, I, K, M, O, V

_OUTCODE = (
    rf"(?:[{_FIRST}][0-9]{{1,2}}"  # A9, A99
    rf"|[{_FIRST}][{_SECOND}][0-9]{{1,2}}"  # AA9, AA99
    rf"|[{_FIRST}][0-9][{_THIRD}]"  # A9A
    rf"|[{_FIRST}][{_SECOND}][0-9][{_FOURTH}]"  # AA9A
    r"|GIR|NPT|W1[MNRVXY])"
)
_INCODE = rf"[0-9][{_UNIT}]{{2}}"

OUTCODE_RE = re.compile(_OUTCODE)
INCODE_RE = re.compile(_INCODE)
_FULL_RE = re.compile(rf"(?P<outcode>{_OUTCODE})(?P<incode>{_INCODE})")
_NORMAL_RE = re.compile(rf"{_OUTCODE} {_INCODE}")  # already in normal form: the ONS files' own
_SPACES = re.compile(r"\s+")
_EXAMPLE = "like SW1A 1AA, or the first part of one, like SW1A"


class PostcodeError(ValueError):
    """Text that cannot be placed: either not a postcode, or one we do not know.

    ``str(error)`` is a sentence fit to show to the person who typed it.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidPostcode(PostcodeError):
    """The text is not shaped like a UK postcode or outcode."""


class UnknownPostcode(PostcodeError):
    """The text is a well-formed postcode or outcode that our data does not hold."""


@dataclass(frozen=True)
class ParsedPostcode:
    """A postcode or outcode in its normal form; ``incode`` is empty for an outcode alone."""

    outcode: str
    incode: str = ""

    @property
    def is_full(self) -> bool:
        return bool(self.incode)

    @property
    def area(self) -> str:
        """The postcode area: the leading letters (``SW`` for ``SW1A 1AA``)."""
        return re.match(r"[A-Z]+", self.outcode).group(0)  # type: ignore[union-attr]

    @property
    def sector(self) -> str:
        """The postcode sector (``SW1A 1``), or empty for an outcode alone."""
        return f"{self.outcode} {self.incode[0]}" if self.incode else ""

    def __str__(self) -> str:
        return f"{self.outcode} {self.incode}" if self.incode else self.outcode


def _squash(text: str) -> str:
    return _SPACES.sub("", str(text)).upper()


def _shown(text: str) -> str:
    """The person's text, trimmed, for an error message (never logged)."""
    text = " ".join(str(text).split())
    return text if len(text) <= 20 else text[:20] + "…"


def parse(text: str) -> ParsedPostcode:
    """Parse a full postcode or an outcode, ignoring case and spaces.

    Raises `InvalidPostcode` with a sentence saying what is wrong.
    """
    squashed = _squash(text)
    if not squashed:
        raise InvalidPostcode(f"Enter a postcode, {_EXAMPLE}")
    full = _FULL_RE.fullmatch(squashed)
    if full:
        return ParsedPostcode(full["outcode"], full["incode"])
    if OUTCODE_RE.fullmatch(squashed):
        return ParsedPostcode(squashed)
    raise InvalidPostcode(f"“{_shown(text)}” is not a UK postcode. Enter a postcode {_EXAMPLE}")


def normalise(text: str) -> str:
    """The one-space upper-case form of a full postcode (``sw1a1aa`` → ``SW1A 1AA``).

    Raises `InvalidPostcode` for an outcode alone or anything else.
    """
    parsed = parse(text)
    if not parsed.is_full:
        raise InvalidPostcode(f"“{_shown(text)}” is only the first part of a postcode. Enter a full postcode")
    return str(parsed)


def normalise_fast(text: str) -> str | None:
    """`normalise` for bulk imports: the normal form, or None when the text is not a full postcode."""
    if _NORMAL_RE.fullmatch(text):
        return text
    full = _FULL_RE.fullmatch(_squash(text))
    return f"{full['outcode']} {full['incode']}" if full else None


def is_valid(text: str) -> bool:
    """Whether text is a well-formed full postcode or outcode."""
    try:
        parse(text)
    except InvalidPostcode:
        return False
    return True


def outcode_of(text: str) -> str:
    """The outward code of a postcode or outcode (``sw1a 1aa`` → ``SW1A``)."""
    return parse(text).outcode
