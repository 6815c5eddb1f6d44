"""The report's summary tables (ADR 0027, "Summary tables"): rebuilt from casework and measures by one
SQL rebuild (`rollup.refresh`), read by `queries` and `change`. No name, no date of birth, no free text."""

from __future__ import annotations

from django.db import models


class _Summary(models.Model):
    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class RollupState(_Summary):
    """One row: when the summary tables were last rebuilt, so the page can say how fresh its figures are."""

    built_at = models.DateTimeField()
    seconds = models.FloatField(default=0)


class ReferralFact(_Summary):
    """One row per referral: what the people counts and the waits read. A person is counted once, on their
    first referral in the period: the one whose previous referral (`first_since`) is before the period."""

    referral_id = models.UUIDField(primary_key=True)
    person_id = models.UUIDField()
    scheme_id = models.IntegerField()
    month = models.IntegerField(help_text="YYYYMM of receipt, UTC")
    area = models.CharField(max_length=9, blank=True)
    accepted = models.SmallIntegerField()
    first_since = models.IntegerField(help_text="YYYYMM of the person's previous referral to the scheme; 0: none")
    accepted_since = models.IntegerField(help_text="YYYYMM of their previous accepted referral; 0: none")
    wait_days = models.FloatField(null=True)
    wait_day = models.IntegerField(null=True, help_text="wait_days cut to whole days: the wait cube's bucket")
    age_band = models.SmallIntegerField(help_text="index in AGE_BANDS at receipt; other values: unknown")
    sex = models.CharField(max_length=7)
    ethnic_group = models.SmallIntegerField()
    imd_decile = models.SmallIntegerField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["scheme_id", "month"], name="evidence_fact_scheme_month"),
            models.Index(fields=["wait_day"], name="evidence_fact_wait_day"),
        ]


class ReferralCube(_Summary):
    """Referrals summed by scheme, month, area, source, status and outcome."""

    scheme_id = models.IntegerField()
    month = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    source = models.CharField(max_length=20, null=True)
    status = models.CharField(max_length=20, null=True)
    outcome = models.CharField(max_length=20, null=True)
    referrals = models.IntegerField()
    contacts = models.IntegerField()
    introductions = models.IntegerField()
    attended = models.IntegerField()


class WaitCube(_Summary):
    """Referrals with a first contact by scheme, month, area and whole days waited: where the median and
    90th percentile fall, so only one day's waits are read to find them exactly."""

    scheme_id = models.IntegerField()
    month = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    wait_day = models.IntegerField()
    referrals = models.IntegerField()


class NeedCube(_Summary):
    """Referrals giving each reason, by scheme, month and area."""

    scheme_id = models.IntegerField()
    month = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    need = models.CharField(max_length=40)
    referrals = models.IntegerField()


class PeopleCube(_Summary):
    """People by scheme, month, area and `since`, one dimension at a time (age, sex, ethnic, imd,
    circumstances; "all" and "supported" for the totals): a person is counted on the row of their first
    referral in the period, which is the one whose `since` (previous referral's YYYYMM) is before it."""

    scheme_id = models.IntegerField()
    month = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    since = models.IntegerField()
    dimension = models.CharField(max_length=16)
    value = models.CharField(max_length=40)
    people = models.IntegerField()


class IntroductionFact(_Summary):
    """One row per introduction, with its referral's scheme, month and area: "still going at 3 months"
    is judged at the moment the report is asked for, so the creation time is kept exactly."""

    scheme_id = models.IntegerField()
    month = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    created_at = models.DateTimeField()
    still_going = models.SmallIntegerField()


class ChangeCube(_Summary):
    """Before/after pairs counted by scheme, month, area, instrument, score and the two values."""

    scheme_id = models.IntegerField()
    month = models.IntegerField()
    area = models.CharField(max_length=9, blank=True)
    instrument = models.CharField(max_length=40)
    score = models.CharField(max_length=40)
    baseline = models.IntegerField(null=True)
    latest = models.IntegerField(null=True)
    pairs = models.IntegerField()
