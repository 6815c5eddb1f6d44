"""Sentence vectors from a static table distilled from all-MiniLM-L6-v2 (ADR 0047).

A sentence is the mean of its WordPiece tokens' rows, normalised to unit length: no transformer runs here and
nothing is fetched. The table (`model/table.f16`, made by `scripts/distil_semantic.py`) is committed with
its SHA-256, checked once per process at first use. The tokenizer is BERT's uncased WordPiece, written out
here (lower case, accents stripped, split at spaces and punctuation, longest vocabulary piece first), so no
tokenizer library is needed either. Words that tell little ("the", "and") are left out of the mean.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from connected.directory.search.text import STOP_WORDS

MODEL = Path(__file__).resolve().parent / "model"
MAX_TOKENS = 96  # a listing's name and the start of its description say what it is


@dataclass(frozen=True)
class Table:
    rows: np.ndarray  # (vocabulary, dims) float32
    vocab: dict[str, int]
    sha256: str

    @property
    def dims(self) -> int:
        return self.rows.shape[1]


def load_table(folder: Path) -> Table:
    """The table in `folder` (table.f16, vocab.txt, meta.json), refused when its checksum does not match."""
    meta = json.loads((folder / "meta.json").read_text())
    data = (folder / "table.f16").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != meta["sha256"]:
        raise ValueError(f"{folder / 'table.f16'}: checksum {digest[:12]} is not the recorded {meta['sha256'][:12]}")
    rows = np.frombuffer(data, dtype="<f2").reshape(meta["rows"], meta["dims"]).astype(np.float32)
    words = (folder / "vocab.txt").read_text().split("\n")[: meta["rows"]]
    return Table(rows, {w: i for i, w in enumerate(words)}, digest)


@cache
def table() -> Table:
    """The committed model, loaded once per process."""
    return load_table(MODEL)


def _basic(text: str) -> list[str]:
    """BERT's basic tokenizer, uncased: lower case, accents off, split at spaces and at each punctuation mark."""
    text = unicodedata.normalize("NFD", text.lower())
    out, word = [], []
    for ch in text:
        kind = unicodedata.category(ch)
        if kind == "Mn":
            continue
        if ch.isspace() or kind.startswith("C"):
            out.append("".join(word))
            word = []
        elif kind.startswith("P") or (ch.isascii() and not ch.isalnum()):
            out += ["".join(word), ch]
            word = []
        else:
            word.append(ch)
    out.append("".join(word))
    return [w for w in out if w]


def _pieces(word: str, vocab: dict[str, int]) -> list[int]:
    """WordPiece: the longest piece of the vocabulary first, then "##" pieces; [UNK] when it cannot."""
    if len(word) > 100:
        return []
    out, start = [], 0
    while start < len(word):
        end = len(word)
        while end > start:
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                out.append(vocab[piece])
                break
            end -= 1
        if end == start:
            return []  # [UNK]: says nothing about meaning, so left out
        start = end
    return out


def token_ids(text: str, t: Table | None = None) -> list[int]:
    """The telling tokens of `text`, at most MAX_TOKENS."""
    t = t or table()
    out: list[int] = []
    for word in _basic(text or ""):
        if word in STOP_WORDS or not any(ch.isalnum() for ch in word):
            continue
        out += _pieces(word, t.vocab)
        if len(out) >= MAX_TOKENS:
            break
    return out[:MAX_TOKENS]


def embed(texts: list[str], t: Table | None = None) -> np.ndarray:
    """Unit vectors (len(texts), dims) float32; a text with no telling word gets the zero vector."""
    t = t or table()
    out = np.zeros((len(texts), t.dims), dtype=np.float32)
    for i, text in enumerate(texts):
        ids = token_ids(text, t)
        if ids:
            v = t.rows[ids].mean(0)
            out[i] = v / (np.linalg.norm(v) or 1.0)
    return out


def to_bytes(vectors: np.ndarray) -> list[bytes]:
    """Each row as float16 bytes, as stored."""
    return [row.tobytes() for row in vectors.astype("<f2")]


def from_bytes(blobs: list[bytes], dims: int) -> np.ndarray:
    """Stored rows back to a float32 matrix (len(blobs), dims)."""
    if not blobs:
        return np.zeros((0, dims), dtype=np.float32)
    return np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), dims).astype(np.float32)
