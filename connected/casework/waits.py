"""How long a scheme's referrals wait for first contact: the register's "current wait" (ADR 0034).

The median, over referrals received in the last 180 days that have had a first contact, of the days
from receipt to that contact, shown in whole weeks. Fewer than five such referrals say nothing: a
figure from one or two people is neither stable nor safe to publish.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from .models import Referral

WINDOW = dt.timedelta(days=180)
FEWEST = 5


def weeks_to_first_contact(scheme_ids: Iterable[int], *, now: dt.datetime | None = None) -> dict[int, int | None]:
    """Scheme id -> median weeks to first contact, rounded (0 means under half a week); None when unknown."""
    ids = list(scheme_ids)
    since = (now or timezone.now()) - WINDOW
    days: dict[int, list[float]] = defaultdict(list)
    rows = Referral.objects.filter(
        scheme_id__in=ids, received_at__gte=since, first_contact_at__isnull=False
    ).values_list("scheme_id", "received_at", "first_contact_at")
    for scheme_id, received, contacted in rows:
        days[scheme_id].append(max(0.0, (contacted - received).total_seconds() / 86400))
    return {
        scheme_id: (round(statistics.median(days[scheme_id]) / 7) if len(days[scheme_id]) >= FEWEST else None)
        for scheme_id in ids
    }


def wait_words(weeks: int | None) -> str:
    if weeks is None:
        return "Not known yet"
    if weeks == 0:
        return "Usually within a week"
    return f"About {weeks} week{'s' if weeks != 1 else ''} to first contact"


WAIT_TERM_CODE = "current-wait-weeks"
WAIT_LABEL = "Weeks to first contact (median of the last 180 days)"


def publish_waits(*, now: dt.datetime | None = None) -> int:
    """Write each listed scheme's current wait into its listing, as an attribute the ORUK API publishes.

    Run after harvests (a re-import replaces a feed's attributes) and daily: `manage.py publish_waits`.
    Returns how many listings carry a wait.
    """
    from connected.directory import models as d
    from connected.directory.register import REGISTER_TAXONOMY, term_id

    term, _ = d.TaxonomyTerm.objects.get_or_create(
        id=term_id(REGISTER_TAXONOMY, WAIT_TERM_CODE),
        defaults={"code": WAIT_TERM_CODE, "name": WAIT_LABEL, "taxonomy_name": REGISTER_TAXONOMY},
    )
    listings = list(d.Service.objects.filter(scheme__isnull=False).only("id", "feed_id", "scheme_id"))
    weeks = weeks_to_first_contact([s.scheme_id for s in listings], now=now)
    shown = 0
    for listing in listings:
        found = weeks.get(listing.scheme_id)
        d.Attribute.objects.filter(taxonomy_term=term, link_entity="service", link_id=listing.id).delete()
        if found is None:
            continue
        d.Attribute.objects.create(
            feed_id=listing.feed_id,
            source_id=f"wait-{listing.id}",
            taxonomy_term=term,
            link_entity="service",
            link_id=listing.id,
            value=str(found),
            label=WAIT_LABEL,
        )
        shown += 1
    return shown
