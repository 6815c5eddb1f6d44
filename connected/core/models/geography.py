"""Where things are: postcodes, outcode centroids, LSOAs and local authorities.

Loaded by `manage.py import_postcodes` from the ONS open data in
``settings.SHARED_DIR / "data"`` (see docs/adr for the choices). Tables are
flat and keyed by the public codes, so the 2.6M-row postcode table loads with
one bulk insert and is read by primary key.
"""

from __future__ import annotations

from django.db import models


class Postcode(models.Model):
    """One Great Britain postcode and its position (WGS84); area columns are filled from a full ONSPD."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="One-space form, e.g. SW1A 1AA.")
    lat = models.FloatField(null=True, blank=True, help_text="Empty where the ONS file gives no position.")
    lon = models.FloatField(null=True, blank=True)
    outcode = models.CharField(max_length=4)
    lsoa_code = models.CharField(max_length=9, blank=True, help_text="From the ONS Postcode Directory, if imported.")
    la_code = models.CharField(max_length=9, blank=True, help_text="Local authority district code, if imported.")
    imd_decile = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Index of Multiple Deprivation decile (1 = most deprived), if imported."
    )

    class Meta:
        verbose_name = "postcode"

    def __str__(self) -> str:
        return self.postcode


class OutcodeCentroid(models.Model):
    """The mean position of an outward code's postcodes: where "SW1A" or an unknown postcode is placed."""

    outcode = models.CharField(max_length=4, primary_key=True)
    lat = models.FloatField()
    lon = models.FloatField()
    n_postcodes = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.outcode


class LocalAuthority(models.Model):
    """A lower-tier local authority (district, borough, unitary) and its region."""

    code = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=100)
    region_code = models.CharField(max_length=9, blank=True)
    region = models.CharField(max_length=100, blank=True, help_text="English region, or Wales.")

    class Meta:
        verbose_name_plural = "local authorities"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LsoaCentroid(models.Model):
    """A 2011 Lower Layer Super Output Area's population-weighted centroid, with the areas it sits in."""

    code = models.CharField(max_length=9, primary_key=True, help_text="LSOA 2011 code, e.g. E01000001.")
    name = models.CharField(max_length=100)
    lsoa21_code = models.CharField(max_length=9, blank=True)
    lat = models.FloatField()
    lon = models.FloatField()
    msoa_code = models.CharField(max_length=9, blank=True)
    msoa_name = models.CharField(max_length=100, blank=True)
    la_code = models.CharField(max_length=9, blank=True)
    la_name = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = "LSOA centroid"
        # The nearest-centroid search narrows by a latitude band first.
        indexes = [models.Index(fields=["lat", "lon"], name="core_lsoa_lat_lon")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
