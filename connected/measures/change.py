"""Change between two administrations: per person and per group.

Per person: improved / same / worse in the score's own direction (lower loneliness
is better; higher ONS4 is better except anxiety), and the Jacobson-Truax reliable
change index. Per group: mean change with a paired 95% confidence interval (t
distribution), shares improved/same/worse, the share who leave the headline band
(e.g. "often/always lonely"), and the distribution by band before and after, with
small numbers suppressed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from .definitions import NO_PUBLISHED_VALUE, Reliability, ScoreDef
from .tdist import t_quantile

RCI_THRESHOLD = 1.96
DEFAULT_SUPPRESS_BELOW = 10


class Outcome(StrEnum):
    IMPROVED = "improved"
    SAME = "same"
    WORSE = "worse"


class ReliabilityNotSet(ValueError):
    """Reliable change needs SD and reliability; this score has no published value and none was set."""


class ReliableChangeNotApplicable(ValueError):
    """A single ordinal question (the ONS direct question) has no reliable change index."""


def outcome(score_def: ScoreDef, before: float, after: float) -> Outcome:
    if before == after:
        return Outcome.SAME
    return Outcome.IMPROVED if score_def.is_better(before, after) else Outcome.WORSE


def reliability_for(score_def: ScoreDef, override: Reliability | Mapping | None = None) -> Reliability:
    """The parameters to use: a scheme's override, else the definition's default; refuse if neither is set."""
    if score_def.reliability is None:
        raise ReliableChangeNotApplicable(f"Reliable change does not apply to {score_def.label}")
    if isinstance(override, Mapping):
        override = Reliability(sd=override.get("sd"), r=override.get("r"), source=override.get("source", ""))
    chosen = override or score_def.reliability
    if not chosen.is_set:
        raise ReliabilityNotSet(f"{score_def.label}: {NO_PUBLISHED_VALUE} (SD and reliability r)")
    assert chosen.sd is not None and chosen.r is not None
    if chosen.sd <= 0 or not 0 <= chosen.r < 1:
        raise ValueError(f"{score_def.label}: SD must be positive and reliability r in [0, 1)")
    if not chosen.source:
        raise ValueError(f"{score_def.label}: record the source of the SD and reliability")
    return chosen


def reliable_change_index(before: float, after: float, sd: float, r: float) -> float:
    """Jacobson and Truax (1991): RCI = (x2 - x1) / S_diff, S_diff = sqrt(2) * SD * sqrt(1 - r)."""
    s_diff = math.sqrt(2.0) * sd * math.sqrt(1.0 - r)
    return (after - before) / s_diff


@dataclass(frozen=True)
class PersonChange:
    score_id: str
    before: int
    after: int
    difference: int  # after - before, raw units
    outcome: Outcome
    rci: float | None  # None where not computed (no parameters, or not applicable)
    reliable: bool | None  # |RCI| > 1.96
    reliable_outcome: str | None  # "reliably improved", "reliably worse", "no reliable change"
    reliability_source: str | None
    band_before: str | None
    band_after: str | None


def person_change(
    score_def: ScoreDef,
    before: int,
    after: int,
    reliability: Reliability | Mapping | None = None,
    *,
    require_rci: bool = False,
) -> PersonChange:
    """One person's change on one score. RCI is left out (None) unless parameters exist or are required."""
    rci = reliable = reliable_outcome = source = None
    try:
        params = reliability_for(score_def, reliability)
    except (ReliabilityNotSet, ReliableChangeNotApplicable):
        if require_rci:
            raise
    else:
        assert params.sd is not None and params.r is not None
        rci = reliable_change_index(before, after, params.sd, params.r)
        reliable = abs(rci) > RCI_THRESHOLD
        source = params.source
        reliable_outcome = f"reliably {outcome(score_def, before, after)}" if reliable else "no reliable change"
    band_before, band_after = score_def.band_for(before), score_def.band_for(after)
    return PersonChange(
        score_id=score_def.id,
        before=before,
        after=after,
        difference=after - before,
        outcome=outcome(score_def, before, after),
        rci=rci,
        reliable=reliable,
        reliable_outcome=reliable_outcome,
        reliability_source=source,
        band_before=band_before.label if band_before else None,
        band_after=band_after.label if band_after else None,
    )


def paired_mean_ci(differences: Sequence[float], level: float = 0.95) -> tuple[float, float | None, float | None]:
    """Mean of paired differences and its t-based confidence interval (None with fewer than two pairs)."""
    n = len(differences)
    if n == 0:
        raise ValueError("no pairs")
    mean = sum(differences) / n
    if n < 2:
        return mean, None, None
    variance = sum((d - mean) ** 2 for d in differences) / (n - 1)
    half = t_quantile(1 - (1 - level) / 2, n - 1) * math.sqrt(variance / n)
    return mean, mean - half, mean + half


@dataclass(frozen=True)
class GroupChange:
    score_id: str
    n: int
    suppressed: bool  # True: fewer pairs than the threshold, no figures given
    mean_before: float | None = None
    mean_after: float | None = None
    mean_change: float | None = None  # after - before, raw units (sign: see direction)
    ci_low: float | None = None
    ci_high: float | None = None
    share_improved: float | None = None
    share_same: float | None = None
    share_worse: float | None = None
    headline_band: str | None = None
    n_in_headline_before: int | None = None  # None when suppressed or no headline band
    share_leaving_headline: float | None = None
    distribution_before: dict[str, int | None] | None = None  # band -> count, None where suppressed
    distribution_after: dict[str, int | None] | None = None


def _distribution(score_def: ScoreDef, values: Sequence[int], suppress_below: int) -> dict[str, int | None]:
    """Counts per band (or per score where there are no bands); counts of 1..threshold-1 hidden."""
    keys = [b.label for b in score_def.bands] or [str(v) for v in range(score_def.low, score_def.high + 1)]
    counts = dict.fromkeys(keys, 0)
    for v in values:
        band = score_def.band_for(v)
        counts[band.label if band else str(v)] += 1
    return {k: (None if 0 < c < suppress_below else c) for k, c in counts.items()}


def group_change(
    score_def: ScoreDef, pairs: Sequence[tuple[int, int]], *, suppress_below: int = DEFAULT_SUPPRESS_BELOW
) -> GroupChange:
    """Summarise before/after pairs for one score. Under `suppress_below` pairs nothing but n is given."""
    n = len(pairs)
    if n == 0 or n < suppress_below:
        return GroupChange(score_id=score_def.id, n=n, suppressed=True)
    befores = [b for b, _ in pairs]
    afters = [a for _, a in pairs]
    mean, low, high = paired_mean_ci([a - b for b, a in pairs])
    outcomes = [outcome(score_def, b, a) for b, a in pairs]
    headline = score_def.headline_band
    n_head = share_leaving = None
    if headline:
        band = next(b for b in score_def.bands if b.label == headline)
        started = [(b, a) for b, a in pairs if band.contains(b)]
        n_head = len(started)
        if n_head >= suppress_below:
            share_leaving = sum(1 for _, a in started if not band.contains(a)) / n_head
        elif n_head > 0:
            n_head = None  # too few to show even the count
    return GroupChange(
        score_id=score_def.id,
        n=n,
        suppressed=False,
        mean_before=sum(befores) / n,
        mean_after=sum(afters) / n,
        mean_change=mean,
        ci_low=low,
        ci_high=high,
        share_improved=outcomes.count(Outcome.IMPROVED) / n,
        share_same=outcomes.count(Outcome.SAME) / n,
        share_worse=outcomes.count(Outcome.WORSE) / n,
        headline_band=headline,
        n_in_headline_before=n_head,
        share_leaving_headline=share_leaving,
        distribution_before=_distribution(score_def, befores, suppress_below),
        distribution_after=_distribution(score_def, afters, suppress_below),
    )
