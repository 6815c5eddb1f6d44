"""Schemes become register records (ADR 0034): each casework scheme gets its directory listing, and what
its free-text `covers` said becomes coded service areas, before core drops `covers` and `is_default`."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

FEED = "Connected register"


def listings_from_covers(apps, schema_editor):
    from connected.directory.register import (
        REGISTER_TAXONOMY,
        SCHEME_TERM_CODE,
        SCHEME_TERM_ID,
        SCHEME_TERM_NAME,
        AreaError,
        area_uri,
        parse_area,
    )

    Scheme = apps.get_model("core", "Scheme")
    if not Scheme.objects.exists():
        return
    Feed = apps.get_model("directory", "Feed")
    Organization = apps.get_model("directory", "Organization")
    Service = apps.get_model("directory", "Service")
    ServiceArea = apps.get_model("directory", "ServiceArea")
    Term = apps.get_model("directory", "TaxonomyTerm")
    Attribute = apps.get_model("directory", "Attribute")
    feed, _ = Feed.objects.get_or_create(name=FEED, defaults={"kind": "local", "publisher": "Connected"})
    term, _ = Term.objects.get_or_create(
        id=uuid.UUID(SCHEME_TERM_ID),
        defaults={"code": SCHEME_TERM_CODE, "name": SCHEME_TERM_NAME, "taxonomy_name": REGISTER_TAXONOMY},
    )
    for scheme in Scheme.objects.select_related("organisation"):
        org = Organization.objects.create(feed=feed, source_id=f"org-{scheme.pk}", name=scheme.organisation.name)
        service = Service.objects.create(feed=feed, source_id=f"scheme-{scheme.pk}", name=scheme.name,
                                         organization=org, scheme=scheme)
        Attribute.objects.create(feed=feed, source_id=f"scheme-{scheme.pk}", taxonomy_term=term,
                                 link_entity="service", link_id=service.id)
        for i, token in enumerate(scheme.covers.split()):
            try:
                kind, code = parse_area(token)
                uri = area_uri(kind, code)
            except AreaError:
                continue
            ServiceArea.objects.create(feed=feed, source_id=f"scheme-{scheme.pk}-{i}", service=service,
                                       name=code, extent=code, extent_type="text", uri=uri)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0008_roles_befriending_policy"),
        ("directory", "0006_providers_corrections"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="scheme",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="listing",
                to="core.scheme",
            ),
        ),
        migrations.AlterField(
            model_name="servicearea",
            name="uri",
            field=models.URLField(blank=True, db_index=True, max_length=500),
        ),
        migrations.RunPython(listings_from_covers, migrations.RunPython.noop),
    ]
