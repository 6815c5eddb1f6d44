"""Precomputed area figures: one row per small area (LSOA 2011) and per local authority (April 2023).

`refresh.py` rewrites these tables in one transaction (at `manage.py import_areas`, `refresh_areas`, or
the `refresh_area_figures` task), so pages only read them. Inputs are kept beside the results so that a
page can say why an area scores as it does without touching the source files.
"""

from __future__ import annotations

from django.db import models


class AreaFigures(models.Model):
    """What a small area and a local authority have in common: risk, supply, unmet need and their reasons."""

    code = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=100)
    population = models.PositiveIntegerField(help_text="ONS mid-2020 estimate.")
    # Risk: 100 x the expected difference in log-odds of loneliness from England's average (see risk.py).
    risk_score = models.FloatField()
    risk_rank = models.PositiveIntegerField(help_text="1 = highest risk.")
    inputs = models.JSONField(default=dict, help_text="Each factor's value here (a share, 0 to 1).")
    contributions = models.JSONField(default=dict, help_text="Each factor's points; they add up to risk_score.")
    # Supply: a two-step floating catchment (supply.py); the share is additive, per 1,000 is not.
    supply_share = models.FloatField(help_text="Activities' capacity shared out to the people here.")
    supply_per_1000 = models.FloatField()
    in_reach = models.PositiveIntegerField(default=0, help_text="Activities within reach (distinct services).")
    by_type = models.JSONField(default=dict, help_text="Share of activities by type, as supply_share.")
    covered_population = models.PositiveIntegerField(default=0, help_text="People in areas a scheme covers.")
    unmet_need_score = models.FloatField()
    unmet_rank = models.PositiveIntegerField(help_text="1 = greatest unmet need.")
    reasons = models.JSONField(default=list, help_text="Plain sentences: why the unmet need is what it is.")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AuthorityFigures(AreaFigures):
    """A local authority district (April 2023 boundaries), aggregated from its small areas."""

    region = models.CharField(max_length=100, blank=True)
    small_areas = models.PositiveIntegerField(default=0)
    schemes = models.JSONField(default=list, help_text="Names of the social prescribing schemes covering it.")
    context = models.JSONField(default=dict, help_text="Public health indicators shown for context, not scored.")
    # The hexagon layout of the national map (hexes.py): column and row of its cell.
    hex_col = models.SmallIntegerField(default=0)
    hex_row = models.SmallIntegerField(default=0)

    class Meta:
        ordering = ["risk_rank"]
        verbose_name = "local authority figures"
        verbose_name_plural = "local authority figures"
        indexes = [models.Index(fields=["unmet_rank"], name="areas_la_unmet_rank")]


class SmallAreaFigures(AreaFigures):
    """A Lower Layer Super Output Area (2011 code; its 2021 successor noted) in England."""

    lsoa21_code = models.CharField(max_length=9, blank=True)
    la_code = models.CharField(max_length=9)
    lat = models.FloatField()
    lon = models.FloatField()
    rank_in_la = models.PositiveIntegerField(default=0, help_text="Risk rank within its authority, 1 = highest.")
    unmet_rank_in_la = models.PositiveIntegerField(default=0)
    scheme_covered = models.BooleanField(default=False)

    class Meta:
        ordering = ["risk_rank"]
        verbose_name = "small area figures"
        verbose_name_plural = "small area figures"
        indexes = [models.Index(fields=["la_code", "rank_in_la"], name="areas_lsoa_la_rank")]


class AreaRun(models.Model):
    """One computation of the tables: when, with what reach, and England's totals."""

    finished_at = models.DateTimeField(auto_now_add=True)
    reach_km = models.FloatField()
    seconds = models.FloatField(default=0)
    totals = models.JSONField(default=dict, help_text="England's additive totals and averages.")

    class Meta:
        ordering = ["-finished_at", "-id"]
        get_latest_by = "finished_at"

    def __str__(self) -> str:
        return f"Area figures of {self.finished_at:%Y-%m-%d %H:%M}"
