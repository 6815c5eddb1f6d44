"""SQLite: a covering index so ranking reads narrow index entries, not the wide search rows.

Ranking needs only the position, the filter columns and the sort keys; `search` reads the wide rows
(text, rules, address) for the page shown alone. PostgreSQL's plan (GiST bitmap scan) is left as it is.
"""

from django.db import migrations

COVERING = (
    "CREATE INDEX directory_search_entry_rank ON directory_search_entry "
    "(id, latitude, longitude, min_age, max_age, day_mask, access_mask, delivery_mask, term_mask, is_free, "
    "sort_name, entry_key)"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(COVERING)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS directory_search_entry_rank")


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search")]

    operations = [migrations.RunPython(create, drop)]
