"""The bulk first load (ADR 0043): the same directory, report and search index as the ordinary importer;
chosen only for a large feed into an empty one; a refusal or a failure leaves nothing half done."""

from __future__ import annotations

import copy
import uuid

import pytest
from django.db import DataError, connection, transaction

from connected.demo.directory import generate_services
from connected.directory import models as m
from connected.directory.importer import bulk, bulk_write, import_services
from connected.directory.importer.upsert import ORDER
from connected.directory.importer.validate import MODELS

pytestmark = pytest.mark.django_db
SEARCH = (
    "service_name, organization_name, location_name, address, postcode, latitude, longitude, sort_name, name_stems, "
    "stems, min_age, max_age, day_mask, access_mask, delivery_mask, term_mask, is_free, rules, also_listed_by"
)


def feed_documents() -> list[dict]:
    """Generated services, plus the faults a real feed has: bad fields, a duplicate, a dangling reference."""
    docs = list(generate_services(40, seed=3))
    docs[1]["minimum_age"] = "old"  # the service is rejected
    docs[2]["service_at_locations"][0]["location"]["latitude"] = 123  # dropped with a warning
    docs[3]["contacts"] = [{"id": "c1", "email": "not an email"}]  # the contact alone is rejected
    docs[4]["service_at_locations"] = [{"id": "sal-x", "location_id": "no-such-place"}]  # not in the feed
    docs.append(copy.deepcopy(docs[5]))  # listed twice
    docs.append({"name": "no id"})
    return docs


def stored() -> dict:
    """Every directory row by (entity, feed id), its parents by feed id too; and the search index's text."""
    names = {}
    for entity in ORDER:
        for pk, sid in MODELS[entity].objects.values_list("id", "source_id"):
            names[str(pk).replace("-", "")] = (entity, sid)
    out = {}
    for entity in ORDER:
        model = MODELS[entity]
        for row in model.objects.values():
            key = (entity, row.pop("source_id"))
            for name in ("id", "imported_at", "feed_id"):
                row.pop(name)
            out[key] = {
                k: names.get(str(v).replace("-", ""), v) if isinstance(v, uuid.UUID) else v for k, v in row.items()
            }
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {SEARCH} FROM directory_search_entry")  # noqa: S608 - fixed column names
        # Words as a multiset: on PostgreSQL even the ordinary path reads a service's terms in no fixed order.
        rows = ([sorted(v.split()) if i in (8, 9) else v for i, v in enumerate(row)] for row in cursor.fetchall())
        out["search"] = sorted(rows, key=repr)
        cursor.execute(
            "SELECT e.entry_key, s.day, s.opens, s.closes, (SELECT COUNT(*) FROM directory_search_term t "
            "WHERE t.entry_id = e.id) FROM directory_search_entry e "
            "LEFT JOIN directory_search_session s ON s.entry_id = e.id"
        )
        out["sessions and terms"] = sorted(
            (*[names.get(part, part) for part in key.split(":")], *rest) for key, *rest in cursor.fetchall()
        )
        cursor.execute("SELECT word, stem, df FROM directory_search_vocab ORDER BY word")
        out["vocabulary"] = cursor.fetchall()
    return out


def indexes() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name LIKE 'directory_%'")
        else:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'directory_%%' UNION ALL "
                "SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text LIKE 'directory_%%'"
            )
        return {r[0] for r in cursor.fetchall()}


def load(path: str, documents: list[dict]) -> tuple[dict, list[str], dict]:
    """Import into a new feed through one path, read everything back, and undo it."""
    bulk.FORCE = path == "bulk"
    with transaction.atomic():
        feed = m.Feed.objects.create(name="Bulk", kind="json")
        result = import_services(feed, copy.deepcopy(documents))
        seen = stored()
        transaction.set_rollback(True)
    bulk.FORCE = None
    return result.counts(), [p.line() for p in result.problems], seen


def test_bulk_and_ordinary_paths_store_and_report_the_same():
    documents = feed_documents()
    ordinary, bulk_path = load("ordinary", documents), load("bulk", documents)
    assert ordinary[0]["added"] == 39 and ordinary[0]["rejected"] >= 4 and ordinary[0]["warnings"] == 1
    assert any("refers to a record the feed does not have" in line for line in ordinary[1])
    assert bulk_path[0] == ordinary[0]
    assert bulk_path[1] == ordinary[1]  # the same report, line for line, in the same order
    assert bulk_path[2] == ordinary[2]  # the same rows, fields, parents and search entries


def test_bulk_is_chosen_for_a_large_feed_into_an_empty_one_and_not_for_a_reimport(monkeypatch):
    used = []
    original = bulk.bulk_load
    monkeypatch.setattr(bulk, "bulk_load", lambda *a, **k: used.append(1) or original(*a, **k))
    monkeypatch.setattr(bulk, "BULK_MIN", 30)
    feed = m.Feed.objects.create(name="Bulk", kind="json")
    documents = list(generate_services(31, seed=4))
    first = import_services(feed, iter(documents))  # a generator: the head read ahead is not lost
    assert used == [1] and first.added == 31
    again = import_services(feed, documents)
    assert used == [1] and again.unchanged == 31  # the ordinary path: the feed owns records now
    small = m.Feed.objects.create(name="Small", kind="json")
    assert import_services(small, list(generate_services(29, seed=5))).added == 29
    assert used == [1]  # under BULK_MIN


def test_a_refused_row_rolls_the_bulk_load_back_and_the_ordinary_path_takes_the_feed(monkeypatch):
    before = indexes()
    expected = load("ordinary", feed_documents())
    write = bulk_write.write_tables
    calls = []

    def refuse_second(cursor, tables):
        calls.append(1)
        if len(calls) == 2:
            raise DataError("value too long (a fault the bulk path must survive)")
        write(cursor, tables)

    monkeypatch.setattr(bulk, "CHUNK", 10)  # 42 documents: five messages, so the refusal comes mid-feed
    monkeypatch.setattr(bulk, "FLUSH", 1)
    monkeypatch.setattr(bulk.db, "write_tables", refuse_second)
    assert load("bulk", feed_documents()) == expected
    assert len(calls) == 2 and indexes() == before


def test_a_failed_bulk_load_leaves_the_directory_as_it_was(monkeypatch):
    before, counts = indexes(), {e: MODELS[e].objects.count() for e in ORDER}

    def fail(self, raws, hashes=None):
        raise ValueError("the worker fell over")

    monkeypatch.setattr("connected.directory.importer.bulk_rows.Planning.take", fail)
    bulk.FORCE = True
    feed = m.Feed.objects.create(name="Bulk", kind="json")
    try:
        with pytest.raises(RuntimeError, match="the worker fell over"):
            import_services(feed, list(generate_services(5, seed=6)))
    finally:
        bulk.FORCE = None
    assert {e: MODELS[e].objects.count() for e in ORDER} == counts
    assert indexes() == before


def _venue_no_service_is_at(doc: dict) -> tuple[str, str]:
    doc["organization"]["locations"] = [{"id": "head-office", "name": "Head office"}]
    return ("location", "head-office")


def _term_whose_attribute_is_rejected(doc: dict) -> tuple[str, str]:
    term = {"id": "new-term", "name": "New term", "taxonomy": "Local"}
    doc["attributes"] = [{"id": "a-long", "taxonomy_term": term, "value": "x" * 300}]  # too long
    return ("taxonomy_term", "new-term")


def _taxonomy_whose_term_is_rejected(doc: dict) -> tuple[str, str]:
    nameless = {"id": "nameless", "taxonomy_id": "new-taxonomy", "taxonomy_detail": {"name": "New taxonomy"}}
    doc["attributes"] = [{"id": "a-nameless", "taxonomy_term": nameless}]  # a term needs a name
    return ("taxonomy", "new-taxonomy")


@pytest.mark.parametrize(
    "unused", [_venue_no_service_is_at, _term_whose_attribute_is_rejected, _taxonomy_whose_term_is_rejected]
)
def test_a_record_no_row_uses_goes_on_both_paths(unused):
    documents = list(generate_services(12, seed=7))
    orphan = unused(documents[1])
    ordinary, bulk_path = load("ordinary", documents), load("bulk", documents)
    assert bulk_path == ordinary
    assert orphan not in bulk_path[2] and ("service", documents[1]["id"]) in bulk_path[2]


def test_a_feed_that_leaves_nothing_unused_is_spared_the_search_for_it(monkeypatch):
    def search(self):
        raise AssertionError("nothing to find")

    monkeypatch.setattr("connected.directory.importer.upsert.Writer.remove_orphans", search)
    assert load("bulk", list(generate_services(12, seed=7)))[0]["added"] == 12
