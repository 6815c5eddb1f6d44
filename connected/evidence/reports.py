"""The scheme and commissioner report: every table as it may leave the system.

`build` checks the filter (filterguard), runs the SQL aggregates over the summary tables (queries, change;
rebuilt by rollup) and publishes each
table through suppression: the page, the CSV/xlsx downloads and the national return all read the
`Report` made here, so no figure can reach any of them unsuppressed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from connected.casework.vocabulary import IntroductionStatus, Need, Outcome, RiskCircumstance, Source, Status
from connected.core.models import Scheme

from . import befriending, change, filterguard, queries, rollup, suppression
from .filters import ReportFilter
from .population import area_population

Cell = str | int | None  # str: shown as written; int: a published count; None: withheld ("fewer than 10")


@dataclass(frozen=True)
class Table:
    id: str
    title: str
    headings: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    keys: tuple[str, ...] = ()  # a stable code per row, for the national return
    chart: bool = False  # draw a bar chart of the second column
    note: str = ""
    figures: dict | None = None  # machine-readable published figures where cells are text (the national return)


@dataclass(frozen=True)
class Report:
    filter: ReportFilter
    threshold: int
    tables: list[Table] = field(default_factory=list)
    figures_at: dt.datetime | None = None  # when the summary tables were rebuilt (rollup)

    def table(self, table_id: str) -> Table:
        return next(t for t in self.tables if t.id == table_id)


def _share(count: int, n: int, limit: int) -> str:
    if 0 < count < limit:
        return f"fewer than {limit} people"
    return f"{round(100 * count / n)}%" if n else "0%"


def _counts_table(
    table_id: str, title: str, heading: str, choices, counts: dict[str, int], limit: int, *, total: int | None = None
) -> Table:
    """One column of counts by category, with a Total row; `total` given where categories overlap."""
    labels = dict(choices)
    keys = list(labels) + sorted(k for k in counts if k not in labels)
    published = suppression.suppress_column([counts.get(k, 0) for k in keys], total=total, limit=limit)
    rows = [(labels.get(k, k or "Not recorded"), v) for k, v in zip(keys, published.cells, strict=True)]
    note = "One referral may give several; the total counts each once." if total is not None else ""
    return Table(
        table_id,
        title,
        (heading, "Number"),
        (*rows, ("Total", published.total)),
        keys=(*keys, "total"),
        chart=True,
        note=note,
    )


def _referral_tables(f: ReportFilter, cube: dict, limit: int) -> list[Table]:
    selection = filterguard.Selection(f.months, None if f.scheme is None else str(f.scheme), f.area)
    months = {m: 0 for m in f.months}
    for key, n in cube.items():
        if selection.holds(*key):
            months[key[0]] += n
    total = sum(months.values())
    return [
        _counts_table("referrals-by-month", "Referrals by month", "Month", [(m, m) for m in f.months], months, limit),
        _counts_table(
            "referrals-by-source",
            "Referrals by source",
            "Source",
            Source.choices,
            queries.by_column(f, "source"),
            limit,
        ),
        _counts_table(
            "referrals-by-reason", "Referrals by reason", "Reason", Need.choices, queries.by_need(f), limit, total=total
        ),
        _counts_table(
            "referrals-by-status",
            "Referrals by status now",
            "Status",
            Status.choices,
            queries.by_column(f, "status"),
            limit,
        ),
    ]


def _waits_table(f: ReportFilter, limit: int) -> Table:
    w = queries.waits(f)
    shown = w.n >= limit and w.median is not None
    rows = (
        ("Referrals with a first contact", suppression.suppress_count(w.n, limit=limit)),
        ("Median wait (days)", f"{w.median:.1f}" if shown else f"not shown: fewer than {limit} referrals"),
        ("90th percentile wait (days)", f"{w.p90:.1f}" if shown else f"not shown: fewer than {limit} referrals"),
    )
    figures = {
        "referrals_with_first_contact": suppression.suppress_count(w.n, limit=limit),
        "median_days": round(w.median, 1) if shown else None,
        "p90_days": round(w.p90, 1) if shown else None,
    }
    return Table(
        "waits", "Wait from referral to first contact", ("Measure", "Figure"), rows, ("n", "median", "p90"),
        figures=figures,
    )  # fmt: skip


def _activity_table(f: ReportFilter, limit: int, people: queries.People) -> Table:
    a = queries.activity(f, people)

    def c(key: str) -> int | None:
        return suppression.suppress_count(a[key], limit=limit)

    rows = (
        ("Referrals", c("referrals")),
        ("People referred", c("people_referred")),
        ("People supported (referral accepted)", c("people_supported")),
        ("Contacts with people", c("contacts")),
        ("Introductions to activities made", c("introductions")),
        (f"Introductions attended ({IntroductionStatus.ATTENDED.label.lower()} or still going)", c("attended")),
        ("Introductions made at least 3 months ago", c("made_3m_ago")),
        ("… of which still going", c("going_at_3m")),
        ("Introductions made at least 6 months ago", c("made_6m_ago")),
        ("… of which still going", c("going_at_6m")),
    )
    keys = ("referrals", "people_referred", "people_supported", "contacts", "introductions", "attended")
    keys += ("made_3m_ago", "going_at_3m", "made_6m_ago", "going_at_6m")
    return Table("activity", "People supported, contacts and introductions", ("Measure", "Number"), rows, keys)


def _reliability(f: ReportFilter) -> dict | None:
    if len(f.scheme_ids) != 1:
        return None  # schemes may set different values; reliable change is shown for one scheme at a time
    scheme = Scheme.objects.filter(pk=f.scheme_ids[0]).only("measure_reliability").first()
    return scheme.measure_reliability if scheme else None


def _change_row(s: change.ScoreSums, limit: int) -> tuple[Cell, ...]:
    if s.n < limit:
        return (s.score.label, None, *(f"not shown: fewer than {limit} pairs",) * 7)
    low, high = s.ci()
    mean = s.mean_change or 0.0
    ci = f"{mean:+.2f} ({low:+.2f} to {high:+.2f})" if low is not None else f"{mean:+.2f}"
    leaving = "no headline band"
    if s.in_headline is not None:
        leaving = (
            _share(s.left_headline or 0, s.in_headline, limit) + f" of those {s.score.headline_band.lower()}"
            if s.in_headline >= limit
            else f"not shown: fewer than {limit} started {s.score.headline_band.lower()}"
        )
    reliable = "SD and reliability not set for this scheme"
    if s.reliably_improved is not None:
        reliable = (
            f"{_share(s.reliably_improved, s.n, limit)} improved, {_share(s.reliably_worse or 0, s.n, limit)} worse"
        )
    return (
        s.score.label,
        suppression.suppress_count(s.n, limit=limit),
        f"{s.sum_before / s.n:.2f} → {s.sum_after / s.n:.2f}",
        ci,
        _share(s.improved, s.n, limit),
        _share(s.same, s.n, limit),
        _share(s.worse, s.n, limit),
        leaving + "; reliable change: " + reliable,
    )


def _change_figures(s: change.ScoreSums, limit: int) -> dict | None:
    """The published change figures of one score, as numbers; None under the threshold of pairs."""
    if s.n < limit:
        return None
    low, high = s.ci()

    def share(count: int | None, n: int | None) -> float | None:
        return None if count is None or not n or 0 < count < limit else round(count / n, 2)

    return {
        "pairs": suppression.suppress_count(s.n, limit=limit),
        "mean_before": round(s.sum_before / s.n, 2),
        "mean_after": round(s.sum_after / s.n, 2),
        "mean_change": round(s.mean_change or 0.0, 2),
        "ci95": [round(low, 2), round(high, 2)] if low is not None else None,
        "share_improved": share(s.improved, s.n),
        "share_same": share(s.same, s.n),
        "share_worse": share(s.worse, s.n),
        "share_leaving_headline_band": share(s.left_headline, s.in_headline)
        if s.in_headline is not None and s.in_headline >= limit
        else None,
        "share_reliably_improved": share(s.reliably_improved, s.n),
        "share_reliably_worse": share(s.reliably_worse, s.n),
    }


def _change_tables(f: ReportFilter, limit: int) -> list[Table]:
    from connected.measures import registry

    reliability = _reliability(f)
    tables = []
    for code in change.instruments_used(f):
        sums = change.change(f, code, reliability)
        name = registry.get(code).name
        headings = ("Score", "Pairs", "Mean before → after", "Mean change (95% CI)", "Improved", "Same", "Worse")
        tables.append(
            Table(
                f"change-{code}",
                f"Change: {name}",
                (*headings, "Leaving the headline band; reliable change"),
                tuple(_change_row(s, limit) for s in sums),
                keys=tuple(s.score.id for s in sums),
                figures={s.score.id: _change_figures(s, limit) for s in sums},
                note="First baseline against the latest follow-up or discharge answers of each case. "
                + "; ".join(
                    f"{s.score.label}: {'lower' if s.score.direction == 'higher_worse' else 'higher'} is better"
                    for s in sums
                ),
            )
        )
    return tables


def _reach_table(table_id, title, choices, counts: dict[str, int], limit: int, population: dict | None) -> Table:
    base = _counts_table(table_id, title, "Group", choices, counts, limit)
    n = sum(counts.values())
    pop_total = sum(population.values()) if population else 0
    rows = []
    for key, (label, value) in zip(base.keys, base.rows, strict=True):
        share = _share(counts.get(key, 0), n, limit) if key != "total" else "100%"
        pop = ""
        if population is not None:
            pop = f"{round(100 * population.get(key, 0) / pop_total)}%" if pop_total and key in population else "—"
            pop = "100%" if key == "total" and pop_total else pop
        rows.append((label, value, share, *((pop,) if population is not None else ())))
    headings = ("Group", "People", "Share of people reached", *(("Share of area population",) if population else ()))
    note = "Area population: ONS mid-2020 estimates, Census 2021 and IMD 2019 (Open Government Licence)."
    return Table(table_id, title, headings, tuple(rows), base.keys, chart=True, note=note if population else "")


def _reach_tables(f: ReportFilter, limit: int, people: queries.People) -> list[Table]:
    pop = area_population(f.area) if f.area and f.area != "UNKNOWN" else {}
    ages = [(label, label) for label, _, _ in queries.AGE_BANDS] + [("unknown", "Not recorded")]
    sexes = [("female", "Female"), ("male", "Male"), ("other", "Other"), ("unknown", "Not known")]
    ethnic = [(g, g) for g in queries.ETHNIC_GROUPS] + [("Not stated or not known",) * 2]
    imd = [(str(d), f"Decile {d}{' (most deprived)' if d == 1 else ''}") for d in range(1, 11)]
    imd.append(("unknown", "Not known"))
    reach = people.reach  # each reach table counts people, once each
    by_age = reach["age"]
    tables = [
        _reach_table("reach-age", "People reached by age band", ages, by_age, limit, pop.get("age")),
        _reach_table("reach-sex", "People reached by sex", sexes, reach["sex"], limit, pop.get("sex")),
        _reach_table("reach-ethnic", "People reached by ethnic group", ethnic, reach["ethnic"], limit, None),
        _reach_table(
            "reach-imd",
            "People reached by deprivation (IMD 2019 decile of their postcode)",
            imd,
            reach["imd"],
            limit,
            pop.get("imd"),
        ),
    ]
    circumstances = reach["circumstances"]
    people_total = sum(by_age.values())
    tables.append(
        _counts_table(
            "reach-circumstances",
            "People reached in circumstances that raise the risk of loneliness",
            "Circumstance",
            RiskCircumstance.choices,
            circumstances,
            limit,
            total=people_total,
        )
    )
    return tables


def build(f: ReportFilter, *, limit: int | None = None, cube: dict | None = None) -> Report:
    """The whole report for filter `f`, suppressed; raises FilterRefused for a filter that could single
    people out by comparison with another."""
    limit = suppression.threshold() if limit is None else limit
    figures_at = rollup.ensure()  # never built: build now rather than show nothing or stale silence
    cube = queries.cube(f) if cube is None else cube
    filterguard.check(
        cube, filterguard.Selection(f.months, None if f.scheme is None else str(f.scheme), f.area), limit=limit
    )
    tables = _referral_tables(f, cube, limit)
    people = queries.reach_all(f)
    tables += [_waits_table(f, limit), _activity_table(f, limit, people)]
    tables.append(
        _counts_table(
            "outcomes",
            "Discharge outcomes (closed cases)",
            "Outcome",
            [*Outcome.choices, ("not_recorded", "Not recorded")],
            # Every return has the same categories, so a region can add them: a blank outcome is one of them.
            {(key or "not_recorded"): n for key, n in queries.outcomes(f).items()},
            limit,
        )
    )
    tables += _change_tables(f, limit)
    tables += _reach_tables(f, limit, people)
    tables += befriending.tables(f, limit, _counts_table)  # befriending as a service type (issue 22)
    return Report(filter=f, threshold=limit, tables=tables, figures_at=figures_at)
