"""Each listing's vector, kept beside the search index, and nearness in meaning over a person's candidates.

Written when directory's index is refreshed (`directory.search.signals.index_refreshed`, connected in
`apps.py`): the services refreshed lose their vectors and the active, canonical ones get new ones, in the same
transaction. Read back only for the candidates search found for one person, who can only take part in what
they can reach, so nearest neighbours are exact, in process, over a few hundred rows (ADR 0047): no vector
index, and the same arithmetic on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

import numpy as np

from connected.directory import models as m

from .embedding import embed, from_bytes, table, to_bytes
from .models import ServiceVector

CHUNK = 2000


def listing_text(name: str, description: str) -> str:
    """What a listing's vector is made from: its name (twice: it says what the activity is) and description."""
    return f"{name}. {name}. {description or ''}"


def store(service_ids: Iterable[UUID], *, everything: bool = False, progress=None) -> int:
    """Rewrite the vectors of these services (dropping those no longer active); returns vectors written."""
    model = table().sha256[:12]
    if everything:
        ServiceVector.objects.all().delete()
    ids = sorted(set(service_ids))
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        if not everything:
            ServiceVector.objects.filter(service_id__in=chunk).delete()
        rows = list(
            m.Service.objects.filter(id__in=chunk, status="active", duplicate_of__isnull=True).values_list(
                "id", "name", "description"
            )
        )
        blobs = to_bytes(embed([listing_text(name, text) for _, name, text in rows]))
        ServiceVector.objects.bulk_create(
            [ServiceVector(service_id=pk, model=model, vector=b) for (pk, _, _), b in zip(rows, blobs, strict=True)],
            batch_size=500,
        )
        written += len(rows)
        if progress:
            progress(len(chunk))
    return written


def on_index_refreshed(sender, service_hex: list[str], everything: bool, **kwargs) -> None:
    """The directory hook: keep vectors in step with the index rows just written."""
    store([UUID(h) for h in service_hex], everything=everything)


def nearness(query: np.ndarray, service_ids: Iterable[UUID], centre: np.ndarray | None = None) -> dict[UUID, float]:
    """Cosine similarity of each service's stored vector, less `centre`, to `query` (a unit vector, already
    centred); services with no vector are left out."""
    ids = list(dict.fromkeys(service_ids))
    if not ids or not query.any():
        return {}
    model, found, blobs = table().sha256[:12], [], []
    for start in range(0, len(ids), CHUNK):
        rows = ServiceVector.objects.filter(service_id__in=ids[start : start + CHUNK], model=model)
        for pk, blob in rows.values_list("service_id", "vector"):
            found.append(pk)
            blobs.append(bytes(blob))
    rows = from_bytes(blobs, query.shape[0])
    if centre is not None:
        rows = rows - centre
        rows /= np.linalg.norm(rows, axis=1, keepdims=True) + 1e-9
    sims = rows @ query
    return {pk: round(float(x), 4) for pk, x in zip(found, sims, strict=True)}


def embed_one(text: str) -> np.ndarray:
    """A person's words as a unit vector."""
    return embed([text])[0]
