"""Listings with no place (online, phone), in name order with their filter columns: a covering index.

Matching asks for the first few remote listings passing a person's filters and any of their activity types
(`directory.search.nearby.remote`); with this index the rows it passes over are read from the index alone, not
the wide search rows. It holds the leading column of `directory_search_entry_remote`, so search's remote path
can use either. Both databases (ADR 0046).
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX directory_search_entry_remote_slim ON directory_search_entry "
    "(sort_name, entry_key, term_mask, delivery_mask, min_age, max_age, is_free, access_mask, day_mask) "
    "WHERE latitude IS NULL"
)


def create(apps, schema_editor):
    schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS directory_search_entry_remote_slim")


class Migration(migrations.Migration):
    dependencies = [("directory", "0008_hsds_fidelity")]

    operations = [migrations.RunPython(create, drop)]
