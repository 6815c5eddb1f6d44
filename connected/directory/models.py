"""The Open Referral UK data model (HSDS 3.0 with the UK profile).

Every record carries its provenance (`Sourced`: feed, the feed's own id, import time, content hash), so a
re-harvest upserts by (feed, source_id) and skips what did not change; we publish our own UUIDs. Records with
several kinds of parent (phones, contacts, schedules...) use nullable foreign keys, as HSDS does.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from .sourced import Sourced


class Feed(models.Model):
    """A published ORUK directory that we harvest (or a local one we edit)."""

    class Kind(models.TextChoices):
        API = "api", "ORUK API (paged /services)"
        JSON = "json", "JSON file"
        CSV = "csv", "HSDS CSV data package"
        LOCAL = "local", "Edited here"

    id = models.BigAutoField(primary_key=True)
    name = models.CharField(max_length=200, unique=True)
    publisher = models.CharField(max_length=200, blank=True, help_text="Who publishes it, e.g. a council.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.API)
    source = models.CharField(max_length=1000, blank=True, help_text="API base URL, file path or folder.")
    active = models.BooleanField(default=True, help_text="Harvest this feed on the schedule.")
    harvest_every_hours = models.PositiveIntegerField(default=24)
    priority = models.PositiveSmallIntegerField(
        default=100, help_text="Lower wins when the same activity is listed by several feeds."
    )
    last_harvest_started_at = models.DateTimeField(null=True, blank=True)
    last_harvested_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=20, blank=True)
    last_counts = models.JSONField(default=dict, blank=True)
    last_report = models.JSONField(default=list, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def due(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.active or self.kind == self.Kind.LOCAL:
            return False
        if self.last_harvest_started_at is None:
            return True
        return (now - self.last_harvest_started_at).total_seconds() >= self.harvest_every_hours * 3600


class Taxonomy(Sourced):
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    uri = models.URLField(max_length=500, blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta(Sourced.Meta):
        verbose_name_plural = "taxonomies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(Sourced):
    code = models.CharField(max_length=255, blank=True)
    name = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children")
    taxonomy = models.ForeignKey(Taxonomy, null=True, blank=True, on_delete=models.SET_NULL, related_name="terms")
    taxonomy_name = models.CharField(
        max_length=255, blank=True, help_text="Free-text taxonomy name where the feed gives no taxonomy record."
    )
    language = models.CharField(max_length=20, blank=True)
    term_uri = models.URLField(max_length=500, blank=True)

    class Meta(Sourced.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Organization(Sourced):
    name = models.CharField(max_length=255)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    email = models.EmailField(max_length=254, blank=True)
    website = models.URLField(max_length=500, blank=True)
    logo = models.URLField(max_length=500, blank=True)
    uri = models.URLField(max_length=500, blank=True)
    legal_status = models.CharField(max_length=255, blank=True)
    tax_status = models.CharField(max_length=255, blank=True)
    tax_id = models.CharField(max_length=255, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(null=True, blank=True)
    parent_organization = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="child_organizations"
    )

    class Meta(Sourced.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganizationIdentifier(Sourced):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="identifiers")
    identifier_scheme = models.CharField(max_length=100, blank=True)
    identifier_type = models.CharField(max_length=255)
    identifier = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"{self.identifier_type}: {self.identifier}"


class Service(Sourced):
    class Status(models.TextChoices):
        ACTIVE = "active"
        INACTIVE = "inactive"
        DEFUNCT = "defunct"
        TEMPORARILY_CLOSED = "temporarily closed"

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    program = models.ForeignKey(
        "directory.Program", null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    name = models.CharField(max_length=255)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    interpretation_services = models.TextField(blank=True)
    application_process = models.TextField(blank=True, help_text="How to join.")
    fees_description = models.TextField(blank=True)
    fees = models.TextField(blank=True, help_text="HSDS's deprecated `fees`, kept where a feed gives both.")
    wait_time = models.TextField(blank=True)
    accreditations = models.TextField(blank=True)
    eligibility_description = models.TextField(blank=True)
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(null=True, blank=True)
    assurer_email = models.EmailField(max_length=254, blank=True)
    licenses = models.TextField(blank=True)
    alert = models.TextField(blank=True)
    last_modified = models.DateTimeField(null=True, blank=True)
    # The canonical listing when another feed lists the same activity (see dedupe.py).
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    scheme = models.OneToOneField("core.Scheme", models.SET_NULL, null=True, blank=True, related_name="listing")

    class Meta(Sourced.Meta):
        ordering = ["name"]
        indexes = [models.Index(fields=["status"])]  # duplicate_of has its foreign key's index

    def __str__(self) -> str:
        return self.name


class Location(Sourced):
    class LocationType(models.TextChoices):
        PHYSICAL = "physical"
        POSTAL = "postal"
        VIRTUAL = "virtual"

    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="locations"
    )
    location_type = models.CharField(max_length=10, choices=LocationType.choices, default=LocationType.PHYSICAL)
    url = models.URLField(max_length=500, blank=True)
    name = models.CharField(max_length=255, blank=True)
    alternate_name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    transportation = models.TextField(blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=255, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)

    class Meta(Sourced.Meta):
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name or str(self.id)


class ServiceAtLocation(Sourced):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)

    class Meta(Sourced.Meta):
        verbose_name = "service at location"

    def __str__(self) -> str:
        return f"{self.service} at {self.location}"


class Address(Sourced):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=255, blank=True)
    address_1 = models.CharField(max_length=255)
    address_2 = models.CharField(max_length=255, blank=True)
    city = models.CharField(max_length=255, blank=True)
    region = models.CharField(max_length=255, blank=True)
    state_province = models.CharField(max_length=255, blank=True)
    postal_code = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(max_length=20, default="physical")

    class Meta(Sourced.Meta):
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(p for p in (self.address_1, self.city, self.postal_code) if p)


class Accessibility(Sourced):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(blank=True)
    details = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)

    class Meta(Sourced.Meta):
        verbose_name_plural = "accessibility"

    def __str__(self) -> str:
        return self.description[:60] or "Accessibility"


class Contact(Sourced):
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=255, blank=True)
    department = models.CharField(max_length=255, blank=True)
    email = models.EmailField(max_length=254, blank=True)

    def __str__(self) -> str:
        return self.name or self.title or "Contact"


class Phone(Sourced):
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(max_length=50)
    extension = models.CharField(max_length=20, blank=True)
    type = models.CharField(max_length=20, blank=True, help_text="text, voice, fax, cell, video, pager, textphone")
    description = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.number


class Schedule(Sourced):
    """A regular session, as an iCalendar-style rule (RFC 5545 subset HSDS uses)."""

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY"
        MONTHLY = "MONTHLY"

    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules")
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.CharField(max_length=50, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.PositiveIntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(max_length=10, choices=Freq.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    byday = models.CharField(max_length=100, blank=True, help_text="e.g. TU,TH or 2MO (second Monday)")
    byweekno = models.CharField(max_length=100, blank=True)
    bymonthday = models.CharField(max_length=100, blank=True)
    byyearday = models.CharField(max_length=100, blank=True)
    description = models.TextField(blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)
    attending_type = models.CharField(max_length=255, blank=True, help_text="In person, online, phone…")
    notes = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.description[:60] or f"{self.freq} {self.byday}".strip() or "Schedule"


class CostOption(Sourced):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option = models.CharField(max_length=255, blank=True)
    currency = models.CharField(max_length=3, default="GBP")
    amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=255, blank=True)

    def __str__(self) -> str:
        return self.option or (f"£{self.amount}" if self.amount is not None else "Cost")


class Language(Sourced):
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    location = models.ForeignKey(Location, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    phone = models.ForeignKey(Phone, null=True, blank=True, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=20, blank=True, help_text="ISO 639 code, e.g. en, cy, pl")
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name or self.code


class ServiceArea(Sourced):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.URLField(max_length=500, blank=True, db_index=True)  # the register's routing reads it (ADR 34)

    def __str__(self) -> str:
        return self.name[:60] or "Service area"


class Funding(Sourced):
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="funding"
    )
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE, related_name="funding")
    source = models.TextField(blank=True)

    class Meta(Sourced.Meta):
        verbose_name_plural = "funding"

    def __str__(self) -> str:
        return self.source[:60]


class Attribute(Sourced):
    """Links a taxonomy term to any directory entity (HSDS's attribute table)."""

    class LinkEntity(models.TextChoices):
        SERVICE = "service"
        ORGANIZATION = "organization"
        LOCATION = "location"
        SERVICE_AT_LOCATION = "service_at_location"
        CONTACT = "contact"
        ADDRESS = "address"
        ACCESSIBILITY = "accessibility"
        PHONE = "phone"
        SCHEDULE = "schedule"

    # Indexed by (taxonomy_term, link_entity) below; a second index on the term alone would only slow writes.
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE, related_name="attributes", db_index=False)
    link_entity = models.CharField(max_length=30, choices=LinkEntity.choices)
    link_id = models.UUIDField()
    link_type = models.CharField(max_length=100, blank=True)
    value = models.CharField(max_length=255, blank=True)
    label = models.CharField(max_length=255, blank=True)

    class Meta(Sourced.Meta):
        indexes = [
            models.Index(fields=["link_entity", "link_id"]),
            models.Index(fields=["taxonomy_term", "link_entity"]),
        ]

    def __str__(self) -> str:
        return f"{self.link_entity} {self.link_id}: {self.taxonomy_term_id}"


from .correction_models import ServiceCorrection  # noqa: E402, F401 - in its own module (ADR 0026)
from .hsds_models import Program, RequiredDocument  # noqa: E402, F401 - HSDS 3.0 extras (ADR 0044)
