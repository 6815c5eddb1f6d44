"""Loneliness and wellbeing change per instrument, as SQL aggregates over before/after pairs (counted in
the change cube that `rollup` rebuilds).

A pair is one case's first baseline response and its latest follow-up or discharge response to the
same instrument. The database returns sums (n, sum of differences and of their squares, counts
improved / same / worse, in and leaving the headline band, reliably changed); the mean, its 95% CI
and the shares follow from those sums with `measures.change`'s own t quantile, so the figures match
`measures.change.group_change` on the same pairs (the tests check this).
"""

from __future__ import annotations

# ruff: noqa: S608 - the SQL is built from constants and dialect phrases only; every value is a parameter
import math
import re
from dataclasses import dataclass

from django.db import connection

from connected.measures import registry
from connected.measures.change import RCI_THRESHOLD, ReliabilityNotSet, ReliableChangeNotApplicable, reliability_for
from connected.measures.definitions import Direction, ScoreDef
from connected.measures.tdist import t_quantile

from .filters import ReportFilter
from .queries import summary_where

_IDENT = re.compile(r"^[a-z][a-z0-9_]*$")

SUBJECT_TYPE = "casework.case"  # casework's MEASURES_SUBJECT_TYPE


@dataclass(frozen=True)
class ScoreSums:
    instrument: str
    score: ScoreDef
    n: int
    sum_before: int
    sum_after: int
    sum_diff: int
    sum_sq_diff: int
    improved: int
    same: int
    worse: int
    in_headline: int | None
    left_headline: int | None
    reliably_improved: int | None
    reliably_worse: int | None
    reliability_source: str | None

    @property
    def mean_change(self) -> float | None:
        return self.sum_diff / self.n if self.n else None

    def ci(self, level: float = 0.95) -> tuple[float | None, float | None]:
        if self.n < 2:
            return None, None
        mean = self.sum_diff / self.n
        variance = max(self.sum_sq_diff - self.n * mean * mean, 0.0) / (self.n - 1)
        half = t_quantile(1 - (1 - level) / 2, self.n - 1) * math.sqrt(variance / self.n)
        return mean - half, mean + half


def _pairs_sql(f: ReportFilter, scores: tuple[ScoreDef, ...]) -> tuple[str, list]:
    """The counted pairs of one instrument from the change cube (rollup): each row one (baseline, latest)
    of one score with how many cases had it (`p.n`), spread into that score's b_<id> and a_<id>."""
    where, params = summary_where(f, "c")
    spread = ", ".join(
        f"CASE WHEN c.score = '{s.id}' THEN c.baseline END AS b_{s.id}, "
        f"CASE WHEN c.score = '{s.id}' THEN c.latest END AS a_{s.id}"
        for s in scores
        if _IDENT.match(s.id)
    )
    return (
        f"SELECT {spread}, 1 AS has_b, 1 AS has_a, c.pairs AS n FROM evidence_changecube c "
        f"WHERE c.instrument = %s AND {where}"
    ), params


def _rci_cut(score: ScoreDef, override) -> tuple[float | None, str | None]:
    """The absolute raw change beyond which a change is reliable, or None where not set."""
    try:
        params = reliability_for(score, override)
    except (ReliabilityNotSet, ReliableChangeNotApplicable):
        return None, None
    assert params.sd is not None and params.r is not None
    return RCI_THRESHOLD * math.sqrt(2.0) * params.sd * math.sqrt(1.0 - params.r), params.source


def _aggregates(score: ScoreDef, cut: float | None) -> list[str]:
    b, a = f"p.b_{score.id}", f"p.a_{score.id}"
    better = f"{a} < {b}" if score.direction == Direction.HIGHER_WORSE else f"{a} > {b}"
    worse = f"{a} > {b}" if score.direction == Direction.HIGHER_WORSE else f"{a} < {b}"
    both = f"p.has_b = 1 AND p.has_a = 1 AND {b} IS NOT NULL AND {a} IS NOT NULL"

    def count(cond: str) -> str:
        return f"COALESCE(SUM(CASE WHEN {both} AND {cond} THEN p.n ELSE 0 END), 0)"

    def total(expr: str) -> str:
        return f"COALESCE(SUM(CASE WHEN {both} THEN p.n * ({expr}) ELSE 0 END), 0)"

    cols = [count("1 = 1"), total(b), total(a), total(f"{a} - {b}"), total(f"({a} - {b}) * ({a} - {b})")]
    cols += [count(better), count(f"{a} = {b}"), count(worse)]
    band = next((x for x in score.bands if x.label == score.headline_band), None)
    if band:
        inside = f"{b} BETWEEN {band.low} AND {band.high}"
        cols += [count(inside), count(f"{inside} AND NOT ({a} BETWEEN {band.low} AND {band.high})")]
    else:
        cols += ["NULL", "NULL"]
    if cut is not None:
        cols += [count(f"{better} AND ABS({a} - {b}) > {cut!r}"), count(f"{worse} AND ABS({a} - {b}) > {cut!r}")]
    else:
        cols += ["NULL", "NULL"]
    return cols


def instruments_used(f: ReportFilter) -> list[str]:
    where, params = summary_where(f, "c")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT c.instrument FROM evidence_changecube c WHERE {where}", params)
        return sorted(code for (code,) in cursor.fetchall())


def change(f: ReportFilter, code: str, reliability: dict | None = None) -> list[ScoreSums]:
    """Sums for every score of instrument `code`; `reliability` maps "code.score" to a scheme's SD and r."""
    instrument = registry.get(code)
    pairs, params = _pairs_sql(f, instrument.scores)
    cuts = [_rci_cut(s, (reliability or {}).get(f"{code}.{s.id}")) for s in instrument.scores]
    columns = [col for s, (cut, _) in zip(instrument.scores, cuts, strict=True) for col in _aggregates(s, cut)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)} FROM ({pairs}) p", [code, *params])
        row = cursor.fetchone()
    out, width = [], len(columns) // len(instrument.scores)
    for i, (score, (_, source)) in enumerate(zip(instrument.scores, cuts, strict=True)):
        v = [None if x is None else int(x) for x in row[i * width : (i + 1) * width]]
        out.append(ScoreSums(code, score, *v, reliability_source=source))
    return out
