"""The annual progress report: the government's annex shape (commitment, lead, progress this year, status)
and headline figures from `evidence` and `areas`, each with its source and date (ADR 0039).

Figures from evidence come from its suppressed `Report`, never from the tables below it, so the report
publishes nothing the evidence pages would withhold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from connected.areas.models import AreaRun, AuthorityFigures
from connected.core.models import Scheme
from connected.evidence import reports, suppression
from connected.evidence.filterguard import FilterRefused
from connected.evidence.filters import FilterError, parse_period

from .commitments import updates_in
from .models import Commitment, Strategy
from .vocabulary import CommitmentStatus

LONELINESS = ("change-ons-direct", "lonely")  # the ONS direct question's table and score


@dataclass(frozen=True)
class Figure:
    label: str
    value: str
    source: str
    as_of: str


@dataclass(frozen=True)
class Row:
    reference: str
    commitment: str
    lead: str
    progress: list[str]
    status: str
    status_code: str


@dataclass
class AnnualReport:
    year: int
    generated: dt.datetime
    figures: list[Figure] = field(default_factory=list)
    annexes: list[tuple[Strategy, list[Row]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Tackling loneliness: annual progress report {self.year}"


def _evidence_figures(year: int, now: dt.datetime) -> tuple[list[Figure], list[str]]:
    ids = tuple(Scheme.objects.order_by("pk").values_list("pk", flat=True))
    last = 12 if year < now.year else now.month - 1
    if not ids or last < 1 or year > now.year:
        return [], [f"Figures from social prescribing schemes are not available for {year} yet."]
    try:
        f = parse_period({"from": f"{year}-01", "to": f"{year}-{last:02d}"}, scheme_ids=ids, now=now)
        report = reports.build(f)
    except (FilterError, FilterRefused) as error:
        return [], [f"Figures from social prescribing schemes are not shown: {error}"]
    period = f"{f.first_month:%B %Y} to {f.last_month:%B %Y}"
    source = (
        f"Connected evidence report, {len(ids)} social prescribing scheme{'s' if len(ids) > 1 else ''}, {period}; "
        f"counts from 1 to {report.threshold - 1} withheld, others rounded to {suppression.ROUNDING_BASE}"
    )
    as_of = f"{report.figures_at:%d %B %Y}" if report.figures_at else ""
    activity = report.table("activity")
    supported = dict(zip(activity.keys, (v for _, v in activity.rows), strict=True))["people_supported"]
    figures = [Figure("People supported by social prescribing", suppression.shown(supported), source, as_of)]
    table = next((t for t in report.tables if t.id == LONELINESS[0]), None)
    lonely = (table.figures or {}).get(LONELINESS[1]) if table else None
    share = lonely.get("share_improved") if lonely else None
    value = f"{round(share * 100)}%" if share is not None else "not shown: too few people answered twice"
    figures.append(
        Figure(
            "People who felt lonely less often at follow-up (ONS direct question)",
            value,
            source + "; first answer against latest",
            as_of,
        )
    )
    return figures, []


def _area_figures() -> list[Figure]:
    run = AreaRun.objects.order_by("-finished_at", "-id").first()
    if run is None:
        return []
    as_of = f"{run.finished_at:%d %B %Y}"
    source = "Connected area figures (ONS population and Census 2021, IMD 2019, the activity directory); ADR 0029"
    out = [Figure("Local authorities with figures", f"{AuthorityFigures.objects.count():,}", source, as_of)]
    per_1000 = run.totals.get("supply_per_1000")
    if per_1000 is not None:
        out.append(Figure("Activities within reach per 1,000 people, England", f"{per_1000:.2f}", source, as_of))
    for label, order in (("Highest loneliness risk", "risk_rank"), ("Greatest unmet need", "unmet_rank")):
        top = AuthorityFigures.objects.order_by(order).first()
        if top:
            out.append(Figure(label, f"{top.name} ({top.code})", source, as_of))
    return out


def _rows(commitments: list[Commitment], year: int) -> list[Row]:
    rows = []
    for c in commitments:
        done = [u.progress for u in updates_in(c, year)]
        # The status as it stood at the end of the year: the last update made by then.
        by_then = [u for u in c.updates.all() if u.made_at.year <= year]
        code = max(by_then, key=lambda u: u.made_at).status if by_then else c.status
        rows.append(
            Row(
                reference=c.reference,
                commitment=c.text,
                lead=c.lead,
                progress=done or ["No update reported this year."],
                status=CommitmentStatus(code).label,
                status_code=code,
            )
        )
    return rows


def build(year: int, *, now: dt.datetime | None = None) -> AnnualReport:
    now = now or timezone.now()
    report = AnnualReport(year=year, generated=now)
    report.figures, report.notes = _evidence_figures(year, now)
    report.figures += _area_figures()
    commitments = list(
        Commitment.objects.filter(created_at__year__lte=year).select_related("strategy").prefetch_related("updates")
    )
    for strategy in Strategy.objects.filter(pk__in={c.strategy_id for c in commitments}):
        mine = [c for c in commitments if c.strategy_id == strategy.pk]
        report.annexes.append((strategy, _rows(mine, year)))
    return report
