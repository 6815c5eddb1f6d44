"""Coverage now lives in the scheme's register listing (directory 0007 carried it over; ADR 0034)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_roles_befriending_policy"),
        ("directory", "0007_register_schemes"),
    ]

    operations = [
        migrations.RemoveField(model_name="scheme", name="covers"),
        migrations.RemoveField(model_name="scheme", name="is_default"),
    ]
