"""A policy lead, the area figures of two places, and a helper that reads a PDF's text (pypdf)."""

from __future__ import annotations

import io

import pypdf

from connected.areas.models import AreaRun, AuthorityFigures
from connected.core.models import Organisation, Role
from tests.casework.builders import make_user


def policy_lead(username: str = "policy_1"):
    department = Organisation.objects.create(name="Department for Culture, Media and Sport")
    user = make_user(username, Role.POLICY_LEAD, department)
    user.email = f"{username}@example.org"
    user.save()
    return user


def area_figures() -> None:
    """Two local authorities' precomputed figures, as areas' refresh leaves them."""
    for code, name, risk, rank, per_1000, unmet in (
        ("E08000035", "Leeds", 3.25, 2, 1.5, 1),
        ("E06000001", "Hartlepool", 12.5, 1, 0.75, 2),
    ):
        AuthorityFigures.objects.create(
            code=code,
            name=name,
            population=100_000,
            risk_score=risk,
            risk_rank=rank,
            supply_share=10.0,
            supply_per_1000=per_1000,
            in_reach=123,
            unmet_need_score=50.0,
            unmet_rank=unmet,
        )
    AreaRun.objects.create(reach_km=3.0, totals={"supply_per_1000": 1.25})


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())  # lines rejoined


def is_tagged(content: bytes) -> bool:
    """A tagged PDF: marked content with a structure tree, and a document language."""
    root = pypdf.PdfReader(io.BytesIO(content)).trailer["/Root"]
    return bool(root.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in root and "/Lang" in root
