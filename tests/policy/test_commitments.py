"""The commitments tracker and the annual report: updates set status and keep history, reminders reach
owners once a week, the dashboard counts by status and lead, and the report (HTML and tagged PDF) lists
each commitment with its lead, this year's progress and status, and headline figures with sources."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from connected.core.models import Scheme
from connected.evidence import reports, suppression
from connected.evidence.filters import parse_period
from connected.policy import annual, commitments
from connected.policy.models import Commitment, Milestone, Strategy
from connected.policy.tasks import remind_commitment_owners
from tests.casework.builders import make_world, sign_in
from tests.evidence import world as evidence_world

from .builders import area_figures, is_tagged, pdf_text, policy_lead

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 15, 12, tzinfo=dt.UTC)


def _strategy(owner) -> list[Commitment]:
    strategy = Strategy.objects.create(name="A connected society", published=dt.date(2018, 10, 15))
    made = dt.datetime(2018, 10, 15, tzinfo=dt.UTC)
    return [
        Commitment.objects.create(
            strategy=strategy, reference=ref, text=text, lead=lead, owner=owner, created_at=made, update_every_days=90
        )
        for ref, text, lead in (
            ("1", "Social prescribing in every local health system", "Department of Health and Social Care"),
            ("2", "Use the ONS measures of loneliness in national surveys", "Department for Culture, Media and Sport"),
            ("3", "Open up empty buildings as community spaces", "Department for Culture, Media and Sport"),
        )
    ]


def test_updates_keep_history_and_set_status_and_reminders_reach_owners_weekly(client: Client):
    now = timezone.now()  # the command reminds as of the real now
    lead = policy_lead()
    first, second, third = _strategy(lead)
    commitments.commitment_update_add(
        commitment=first, author=lead, status="at_risk", progress="Recruitment slow", when=now - dt.timedelta(days=10)
    )
    # A back-dated update joins the history without overriding the newer status
    commitments.commitment_update_add(
        commitment=first, author=lead, status="on_track", progress="Earlier", when=now - dt.timedelta(days=200)
    )
    first.refresh_from_db()
    assert first.status == "at_risk" and first.updates.count() == 2

    # Everything but the fresh update is due: one email to the owner, naming both commitments
    assert {c.pk for c in commitments.due_for_update(now.date())} == {second.pk, third.pk}
    done = commitments.send_reminders(now=now, base_url="https://connected.example")
    assert (done.sent, done.no_owner, done.skipped_recent) == (1, 0, 0)
    assert mail.outbox[0].to == [lead.email] and "2 commitment updates due" in mail.outbox[0].subject
    assert "https://connected.example/policy/commitments/" in mail.outbox[0].body
    # Not again within the week (the command says so); a week later, again
    call_command("policy_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1
    # Daily through the task queue: the command enqueues, the worker's run does the same (nothing new to send)
    call_command("policy_reminders", "--enqueue", stdout=StringIO())
    assert DBTaskResult.objects.get().task_path == "connected.policy.tasks.remind_commitment_owners"
    assert remind_commitment_owners.call() == {"sent": 0, "no_owner": 0, "skipped_recent": 2}
    assert commitments.send_reminders(now=now + dt.timedelta(days=8)).sent == 1

    # The page: a bad evidence link is named and saves nothing; a good update sets the status
    sign_in(client, lead)
    bad = {"status": "complete", "progress": "Done", "evidence_url": "not a link"}
    body = client.post(f"/policy/commitments/{second.pk}/", bad).content.decode()
    assert "Enter the evidence link as a web address" in body and second.updates.count() == 0
    good = bad | {"evidence_url": "https://www.gov.uk/government/statistics/community-life-survey"}
    assert client.post(f"/policy/commitments/{second.pk}/", good).status_code == 302
    second.refresh_from_db()
    assert second.status == "complete" and second.reminded_at is None
    shown = client.get(f"/policy/commitments/{second.pk}/").content.decode()
    assert 'class="nhsuk-tag nhsuk-tag--blue">Complete' in shown

    # A policy lead adds a commitment (a reference in use is named) and owns it
    new = {"strategy": second.strategy_id, "reference": "2", "text": "Fund befriending", "lead": "DCMS"}
    new["update_every_days"] = "30"
    refused = client.post("/policy/commitments/new/", new).content.decode()
    assert "A connected society already has a commitment 2" in refused
    assert client.post("/policy/commitments/new/", new | {"reference": "4"}).status_code == 302
    assert Commitment.objects.get(reference="4").owner == lead

    # A milestone is marked met, once
    milestone = Milestone.objects.create(commitment=second, title="Measures in three surveys", due=now.date())
    url = f"/policy/commitments/{second.pk}/milestones/{milestone.pk}/done/"
    assert client.post(url).status_code == 302 and client.get(url).status_code == 405
    milestone.refresh_from_db()
    assert milestone.done_on == timezone.localdate()
    assert client.post(f"/policy/commitments/{third.pk}/milestones/{milestone.pk}/done/").status_code == 404

    # The dashboard counts by status and by lead
    page = client.get("/policy/commitments/").content.decode()
    assert "Department for Culture, Media and Sport" in page
    summary = commitments.dashboard(list(Commitment.objects.all()))
    assert dict(summary["statuses"]) == {"On track": 2, "At risk": 1, "Delayed": 0, "Complete": 1}
    assert ["Department for Culture, Media and Sport", 1, 0, 0, 1, 2] in summary["lead_rows"]
    filtered = client.get("/policy/commitments/?status=at_risk").content.decode()
    assert "Recruitment slow" not in filtered and "1 commitment" in filtered


def test_annual_report_html_and_tagged_pdf_with_figures_from_evidence_and_areas(client: Client, settings):
    settings.SUPPRESSION_THRESHOLD = 3  # 60 people over a year: enough for the filter guard at 3, not at 10
    world = make_world()
    evidence_world.build([world.scheme_a, world.scheme_b], seed=3, people=60)  # 2025 casework and measures
    area_figures()
    lead = policy_lead()
    first, _, _ = _strategy(lead)
    for when, status, text in (
        (dt.datetime(2024, 5, 1, tzinfo=dt.UTC), "delayed", "Old news from 2024"),
        (dt.datetime(2025, 4, 1, tzinfo=dt.UTC), "on_track", "Link workers in most networks"),
        (dt.datetime(2026, 1, 10, tzinfo=dt.UTC), "complete", "Finished in 2026"),
    ):
        commitments.commitment_update_add(commitment=first, author=lead, status=status, progress=text, when=when)

    report = annual.build(2025, now=NOW)
    row = report.annexes[0][1][0]
    # The year's progress only, and the status as it stood at the end of 2025
    assert (row.lead, row.progress, row.status) == (
        "Department of Health and Social Care",
        ["Link workers in most networks"],
        "On track",
    )
    assert report.annexes[0][1][1].progress == ["No update reported this year."]
    figures = {f.label: f for f in report.figures}
    supported = figures["People supported by social prescribing"]
    # The very figure the evidence report publishes for the same schemes and months (suppressed and rounded)
    f = parse_period({"from": "2025-01", "to": "2025-12"}, scheme_ids=(world.scheme_a.pk, world.scheme_b.pk), now=NOW)
    activity = reports.build(f).table("activity")
    assert supported.value == suppression.shown(
        dict(zip(activity.keys, (v for _, v in activity.rows), strict=True))["people_supported"]
    )
    assert "People who felt lonely less often at follow-up (ONS direct question)" in figures
    assert "2 social prescribing schemes, January 2025 to December 2025" in supported.source and supported.as_of
    assert figures["Highest loneliness risk"].value == "Hartlepool (E06000001)"
    assert all(f.source and f.as_of for f in report.figures)
    assert Scheme.objects.count() == 2

    sign_in(client, lead)
    page = client.get("/policy/report/?year=2025").content.decode()
    assert "Annex A: progress on the commitments of A connected society" in page and "Old news" not in page
    assert "Enter a year from 2018" in client.get("/policy/report/?year=1999").content.decode()
    pdf = client.get("/policy/report/2025.pdf")
    assert is_tagged(pdf.content)
    text = pdf_text(pdf.content)
    for expected in (
        "Tackling loneliness: annual progress report 2025",
        "Headline figures",
        "Social prescribing in every local health system",
        "Department of Health and Social Care",
        "Link workers in most networks",
    ):
        assert expected in text
