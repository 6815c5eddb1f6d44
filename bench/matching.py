"""Matching benchmark: quality on the labelled set (nDCG@10, recall@10) and top-10 latency at national scale.

    DATABASE_URL=sqlite:////tmp/matching-quality.sqlite3 .venv/bin/python bench/matching.py quality
    DATABASE_URL=sqlite:////tmp/admin_500000_copy.sqlite3 .venv/bin/python bench/matching.py latency \
        [--ranker semantic]

`quality` builds the catalogue of bench/matching_labels.json (rules in matching_labels.md) in a fresh
database and ranks it for each person with each ranker (lexical, semantic, combined: ADR 0047). `latency`
times `matching.suggest.suggestions` for generated people over a directory `bench/search.py --import-only`
has already loaded (it builds the 500,000-service one); for semantic and combined, after
`manage.py embed_services`. Prints one JSON object. Never point it at the development database.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time as clock
from datetime import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "connected.config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import override_settings  # noqa: E402

from connected.directory import models as m  # noqa: E402
from connected.directory.search import refresh_index  # noqa: E402
from connected.matching import semantic  # noqa: E402
from connected.matching.concepts import CIRCUMSTANCE_CODES, NEED_CODES, cues  # noqa: E402
from connected.matching.constraints import Seeker  # noqa: E402
from connected.matching.seekers import free_slots  # noqa: E402
from connected.matching.semantic import RANKERS  # noqa: E402
from connected.matching.suggest import suggestions  # noqa: E402

LABELS = ROOT / "bench" / "matching_labels.json"
SAYINGS = (
    "I used to sing in church and I miss it", "I miss being outdoors", "I like making things and fixing bikes",
    "I want to meet other mums", "I would like to do something creative", "I want to get fitter", "",
    "I love reading and a good natter", "I want to practise my English", "I need a break from caring",
)  # fmt: skip


def seeker(spec: dict, point: tuple[float, float]) -> Seeker:
    needs = [c for n in spec["needs"] for c in NEED_CODES.get(n, ())]
    needs += [c for n in spec["circumstances"] for c in CIRCUMSTANCE_CODES.get(n, ())]
    if spec["age"] >= 65:
        needs.append("older-people")
    return Seeker(
        age=spec["age"],
        point=point,
        travel=spec["travel"],
        free=free_slots(spec["free_times"]),
        max_cost=Decimal(str(spec["max_cost"])) if spec["max_cost"] is not None else None,
        access_needs=tuple(spec["access_needs"]),
        digital=spec["digital"],
        words=spec["words"],
        cues=tuple(cues(spec["words"])),
        need_codes=tuple(dict.fromkeys(needs)),
    )


def build_catalogue(labels: dict) -> dict:
    """The labelled activities in the database (ids by key), and the search index rebuilt."""
    from tests.search.factories import add_service, vocabulary_terms

    call_command("migrate", verbosity=0)
    terms = vocabulary_terms()
    feed = m.Feed.objects.create(name="Labelled set")
    home = labels["home"]
    ids = {}
    for key, a in labels["activities"].items():
        point = (home[0] + a["km_north"] / 111.2, home[1]) if a["km_north"] is not None else None
        ids[key] = add_service(
            feed, terms, name=a["name"], description=a["description"], point=point, activity=a["activity"],
            needs=tuple(a["needs"]), access=tuple(a["access"]), byday=a["byday"],
            freq="MONTHLY" if a["byday"][0].isdigit() else "WEEKLY", opens=time.fromisoformat(a["opens"]),
            closes=time.fromisoformat(a["closes"]), attending=a["delivery"], price=Decimal(str(a["price"])),
            ages=tuple(a["ages"]), status=a["status"],
        ).id  # fmt: skip
    refresh_index()
    return ids


def ndcg_recall(ranked: list[str], relevant: set[str], k: int = 10) -> tuple[float, float]:
    dcg = sum(1 / math.log2(i + 2) for i, key in enumerate(ranked[:k]) if key in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    found = len(set(ranked[:k]) & relevant)
    return (dcg / ideal if ideal else 0.0), (found / len(relevant) if relevant else 0.0)


def quality(rankers: tuple[str, ...]) -> dict:
    labels = json.loads(LABELS.read_text())
    ids = build_catalogue(labels)
    keys = {v: k for k, v in ids.items()}
    out: dict = {
        "judgements": len(labels["judgements"]),
        "relevant": sum(j["relevant"] for j in labels["judgements"]),
        "people": {},
    }
    for ranker in rankers:
        scores = []
        with override_settings(MATCHING_RANKER=ranker):
            for name, spec in labels["people"].items():
                relevant = {j["activity"] for j in labels["judgements"] if j["person"] == name and j["relevant"]}
                ranked = [keys[x.candidate.service_id] for x in suggestions(seeker(spec, tuple(labels["home"])))]
                ndcg, recall = ndcg_recall(ranked, relevant)
                scores.append((ndcg, recall))
                out["people"].setdefault(name, {})[ranker] = [round(ndcg, 3), round(recall, 3), ranked[:5]]
        out[ranker] = {
            "ndcg@10": round(statistics.fmean(s[0] for s in scores), 3),
            "recall@10": round(statistics.fmean(s[1] for s in scores), 3),
        }
    return out


def generated_people(count: int, seed: int) -> list[Seeker]:
    from search_data import england_positions

    rng = random.Random(seed)
    places = england_positions(count, seed)
    out = []
    for _, lat, lon in places[:count]:
        words = rng.choice(SAYINGS)
        days = rng.sample(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], k=rng.randint(0, 5))
        out.append(
            Seeker(
                age=rng.choice((None, 19, 34, 52, 70, 81)),
                point=(lat, lon),
                travel=rng.choice(("walk", "bus", "bus", "car", "none")),
                free=free_slots([f"{d}-{p}" for d in days for p in rng.sample(["morning", "afternoon", "evening"], 2)]),
                max_cost=rng.choice((None, None, Decimal("0"), Decimal("3"))),
                access_needs=("step-free",) if rng.random() < 0.15 else (),
                digital=rng.choice(("yes", "with_help", "no")),
                words=words,
                cues=tuple(cues(words)),
                need_codes=tuple(rng.sample(["loneliness", "older-people", "carers", "bereavement"], k=2)),
            )
        )
    return out


def latency(count: int, seed: int, ranker: str) -> dict:
    with override_settings(MATCHING_RANKER=ranker):
        return {"ranker": ranker} | _latency(count, seed)


def _latency(count: int, seed: int) -> dict:
    people = generated_people(count + 30, seed)
    for s in people[:30]:  # warm caches, as a running server would be
        suggestions(s)
    load_before = os.getloadavg()[0]
    times, cpu, found, meaning = [], [], [], []
    for s in people[30:]:
        started, used = clock.perf_counter(), clock.process_time()
        found.append(len(suggestions(s)))
        times.append(clock.perf_counter() - started)
        cpu.append(clock.process_time() - used)  # this process's own time: SQLite runs in it, others' load does not
        if settings.MATCHING_RANKER != "lexical":  # the part ranking by meaning adds, timed apart
            wide = semantic.widened(s)
            found_wide = semantic.gather(wide)
            started = clock.perf_counter()
            semantic.order(wide, found_wide, settings.MATCHING_RANKER)
            meaning.append(clock.perf_counter() - started)
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    cpu_cuts = statistics.quantiles(cpu, n=100, method="inclusive")
    extra = {}
    if meaning:
        parts = statistics.quantiles(meaning, n=100, method="inclusive")
        extra = {
            "order_by_meaning_p50_ms": round(parts[49] * 1000, 2),
            "order_by_meaning_p95_ms": round(parts[94] * 1000, 2),
        }
    return extra | {
        "services": m.Service.objects.count(),
        "people": len(times),
        "p50_ms": round(cuts[49] * 1000, 2),
        "p95_ms": round(cuts[94] * 1000, 2),
        "p99_ms": round(cuts[98] * 1000, 2),
        "cpu_p50_ms": round(cpu_cuts[49] * 1000, 2),
        "cpu_p95_ms": round(cpu_cuts[94] * 1000, 2),
        "mean_suggestions": round(statistics.fmean(found), 2),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("what", choices=("quality", "latency"))
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument(
        "--ranker", choices=RANKERS, help="one ranker (default: all three for quality, lexical for latency)"
    )
    args = parser.parse_args()
    if str(connection.settings_dict["NAME"]).endswith("db.sqlite3"):
        sys.exit("Refusing to run against the development database; set DATABASE_URL to a benchmark database.")
    figures = {"vendor": connection.vendor, "sqlite": connection.Database.sqlite_version}
    if args.what == "quality":
        figures |= quality((args.ranker,) if args.ranker else RANKERS)
    else:
        figures |= latency(args.people, args.seed, args.ranker or "lexical")
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
