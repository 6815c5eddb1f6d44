"""Words for search: one tokenizer and one stemmer for both databases, and typo correction.

The index stores text already stemmed (Snowball English, i.e. Porter2), and each
database only checks whole tokens, so SQLite and PostgreSQL agree on what
matches. Typos are corrected in Python against the words that are actually in
the index (the vocabulary table), so both backends correct them the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

_STEMMER = snowballstemmer.stemmer("english")
# Bytes to themselves (letters lower-cased) when ASCII letters or digits, else to a space.
_TABLE = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256)).lower()
_NOT_DIGITS = bytes(c for c in range(256) if not 48 <= c <= 57)

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "do",
        "for",
        "from",
        "get",
        "group",
        "groups",
        "have",
        "i",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "my",
        "near",
        "of",
        "on",
        "or",
        "our",
        "session",
        "sessions",
        "the",
        "their",
        "there",
        "this",
        "to",
        "we",
        "what",
        "when",
        "where",
        "who",
        "with",
        "you",
        "your",
    ]
)
# "group" and "session" describe nearly every listing, so a query "walking group" means "walking".


def words(text: str) -> list[str]:
    """Lower-case ASCII words, apostrophes dropped ("Men's" -> "mens"), digits-only tokens dropped.

    One byte translation lower-cases, drops apostrophes and blanks every other character (non-ASCII text is
    decomposed to ASCII first, so curly apostrophes and accents go there): a third of a regex's time."""
    if not text:
        return []
    data = text.encode() if text.isascii() else unicodedata.normalize("NFKD", text).encode("ascii", "ignore")
    data = data.translate(_TABLE, b"'`")
    found = data.decode().split()
    if data.translate(None, _NOT_DIGITS):
        return list(filterfalse(str.isdigit, found))
    return found


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


_STEMS: dict[str, str] = {}  # a plain dict is twice as fast as `stem`'s cache when every word of a text is known
_MAX_STEMS = 100_000


def stem_words(found: Iterable[str]) -> tuple[str, ...]:
    """The stems of these words (as `stem` gives them), for indexing a feed's texts word by word."""
    try:
        return tuple(map(_STEMS.__getitem__, found))
    except KeyError:
        if len(_STEMS) > _MAX_STEMS:
            _STEMS.clear()
        out = []
        for word in found:
            known = _STEMS.get(word)
            if known is None:
                known = _STEMS[word] = stem(word)
            out.append(known)
        return tuple(out)


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def token_text(tokens: Iterable[str]) -> str:
    """Tokens as stored: space separated with a space at each end, so ' walk ' finds a whole token."""
    unique = list(dict.fromkeys(tokens))
    return f" {' '.join(unique)} " if unique else " "


def max_edits(word: str) -> int:
    """How many typing slips a word may carry: none in short words (too many false friends)."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 6 else 2


@dataclass(frozen=True)
class QueryWord:
    typed: str
    stem: str | None  # None when nothing in the index is close enough
    corrected_to: str = ""  # the indexed word it was corrected to, when it was


_SURFACE: list = [None, []]  # the vocabulary last corrected against, and its words alone


def _surface(vocabulary: list[tuple[str, str, int]]) -> list[str]:
    """The vocabulary's words, listed once per vocabulary (the backend caches the vocabulary itself)."""
    if _SURFACE[0] is not vocabulary:
        _SURFACE[:] = [vocabulary, [w for w, _, _ in vocabulary]]
    return _SURFACE[1]


def correct(typed: list[str], known_stems: set[str], vocabulary: list[tuple[str, str, int]]) -> list[QueryWord]:
    """Map each typed word to an indexed stem: as typed, else the nearest indexed word within max_edits
    (optimal string alignment distance, so a swapped pair of letters counts as one slip).

    `vocabulary` is (word, stem, document frequency); ties go to the more common word, then alphabetical.
    """
    out: list[QueryWord] = []
    for word in typed:
        s = stem(word)
        if s in known_stems:
            out.append(QueryWord(word, s))
            continue
        limit = max_edits(word)
        best: tuple[int, int, str, str] | None = None
        if limit:
            for candidate, distance, index in process.extract(
                word, _surface(vocabulary), scorer=OSA.distance, score_cutoff=limit, limit=None
            ):
                _, candidate_stem, df = vocabulary[index]
                key = (distance, -df, candidate, candidate_stem)
                if best is None or key < best:
                    best = key
        out.append(QueryWord(word, best[3], best[2]) if best else QueryWord(word, None))
    return out
