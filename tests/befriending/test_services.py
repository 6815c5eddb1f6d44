"""Befriending from application to goodbye, through the real services (no mocks)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from connected.befriending import call_services, concern_services, notify, services
from connected.befriending.checks import check_state
from connected.befriending.models import Call, Concern
from connected.befriending.proposals import proposals_for
from connected.core.models import AuditEvent
from tests.befriending.builders import another_referral, make_befriending, request_for, volunteer_data

pytestmark = pytest.mark.django_db


def test_application_keeps_only_the_outcode_and_checks_gate_matching():
    world = make_befriending()
    applicant = services.volunteer_apply(data=volunteer_data(email="new@example.org", postcode="ls6 2ab"))
    assert (applicant.scheme, applicant.outcode, applicant.status) == (world.scheme, "LS6", "applied")
    state = check_state(applicant)
    assert not state.clear_on(timezone.localdate())
    assert "approval by a coordinator" in state.missing and "2 references" in state.missing
    with pytest.raises(ValidationError) as bad:
        services.volunteer_apply(data=volunteer_data(postcode="not a postcode", availability=[], modes=["fly"]))
    assert set(bad.value.message_dict) == {"postcode", "availability", "modes"}
    services.volunteer_decide(volunteer=applicant, by=world.users["coordinator"], approve=True)
    applicant.refresh_from_db()
    assert applicant.user.membership.role == "volunteer" and not applicant.user.has_usable_password()
    with pytest.raises(ValidationError):
        services.volunteer_checks_record(volunteer=applicant, by=None, data={
            "dbs_checked_on": dt.date(2026, 1, 1), "dbs_expires_on": dt.date(2025, 1, 1)})  # fmt: skip


def test_match_confirm_schedules_weekly_calls_and_introduces_both():
    world = make_befriending()
    request = request_for(world)
    ranked = proposals_for(request)
    assert [r.volunteer.pk for r in ranked] == [world.volunteers[k].pk for k in ("volunteer", "other_volunteer")]
    assert "Shared interests: gardening" in ranked[0].proposal.reasons[0]
    mail.outbox.clear()
    notify.LogSms.sent.clear()
    match = services.match_confirm(
        request=request, volunteer=ranked[0].volunteer, by=world.users["coordinator"], slot="tue_pm", mode="phone",
        reasons=ranked[0].proposal.reasons,
    )  # fmt: skip
    calls = list(match.calls.all())
    assert len(calls) == call_services.WEEKS_AHEAD
    assert all(timezone.localtime(c.due_at).weekday() == 1 and timezone.localtime(c.due_at).hour == 14 for c in calls)
    assert [m.to for m in mail.outbox] == [["vera@example.org"]]
    assert "Ada" in mail.outbox[0].body and "Lovelace" not in mail.outbox[0].body  # the first name only
    # the person hears by text (their phone, through the SMS adapter; a log line in development)
    assert [(s.to, "Vera" in s.text) for s in notify.LogSms.sent] == [("0113 496 0000", True)]
    assert match.introduced_at is not None
    with pytest.raises(ValidationError):  # the person already has a befriender
        services.match_confirm(request=request, volunteer=world.volunteers["other_volunteer"], by=None,
                               slot="tue_pm", mode="phone", reasons=[])  # fmt: skip
    with pytest.raises(ValidationError) as full:  # nor confirmed past their capacity, whatever the page sends
        services.match_confirm(
            request=request_for(world, another_referral(world, "Nora")),
            volunteer=ranked[0].volunteer,
            by=None,
            slot="tue_pm",
            mode="phone",
            reasons=[],
        )
    assert "as many people as they can" in str(full.value)
    # ... and once matched (capacity 1) the volunteer is never proposed again
    assert world.volunteers["volunteer"].pk not in [
        r.volunteer.pk for r in proposals_for(request_for(world, another_referral(world)))
    ]


def _match(world, now=None):
    request = request_for(world)
    return services.match_confirm(
        request=request, volunteer=world.volunteers["volunteer"], by=world.users["coordinator"], slot="tue_pm",
        mode="phone", reasons=["test"], now=now,
    )  # fmt: skip


def test_reminders_logs_and_missed_calls_escalate_after_the_limit():
    world = make_befriending()
    start = timezone.now() - dt.timedelta(days=30)
    match = _match(world, now=start)
    first = match.calls.order_by("due_at").first()
    mail.outbox.clear()
    assert call_services.reminders_send(now=first.due_at - dt.timedelta(hours=3)) == 1
    assert call_services.reminders_send(now=first.due_at - dt.timedelta(hours=2)) == 0  # once per call
    assert "Ada" in mail.outbox[0].body and "phone call" in mail.outbox[0].body
    call_services.call_log(call=first, by=world.users["volunteer"], happened=True, mood="ok", pass_on="Likes the radio")
    with pytest.raises(ValidationError):
        call_services.call_log(call=first, by=None, happened=True, mood="ok")
    result = call_services.calls_sweep(now=timezone.now())
    assert result.missed == 3 and result.escalated == 1
    escalation = Concern.objects.get(match=match)
    assert escalation.kind == "missed_calls" and escalation.raised_by is None
    assert call_services.calls_sweep(now=timezone.now()).escalated == 0  # one open escalation per match
    out = io.StringIO()
    call_command("befriending_rounds", stdout=out)  # the hourly rounds: nothing more to escalate
    assert "escalated to a coordinator: 0" in out.getvalue()
    assert Call.objects.filter(match=match, status="scheduled", due_at__gt=timezone.now()).count() == 4


def test_concern_notifies_readers_and_is_acknowledged_then_acted_on_all_audited():
    world = make_befriending()
    match = _match(world)
    mail.outbox.clear()
    concern = concern_services.concern_raise(
        match=match, by=world.users["volunteer"], kind="money", detail="A fraudster phoned"
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["coord_a@example.org", "lead_a@example.org"]
    assert "fraudster" not in mail.outbox[0].body  # the detail stays in Connected
    lead = world.users["safeguarding_lead"]
    with pytest.raises(ValidationError):
        concern_services.concern_act(concern=concern, by=lead, action="  ")
    concern_services.concern_acknowledge(concern=concern, by=lead)
    concern_services.concern_act(concern=concern, by=lead, action="Called the bank with her")
    concern.refresh_from_db()
    assert (concern.status, concern.acknowledged_by, concern.acted_by) == ("acted", lead, lead)
    whys = set(AuditEvent.objects.filter(object_type="befriending.concern").values_list("why", flat=True))
    assert whys == {"concern", "concern acknowledged", "concern acted on"}


def test_ending_cancels_future_calls_and_frees_the_volunteer():
    world = make_befriending()
    match = _match(world)
    services.match_end(match=match, by=world.users["coordinator"], reason="goals_met", goodbye="last_call")
    assert match.calls.filter(status="scheduled").count() == 0
    assert match.request.status == "closed"
    with pytest.raises(ValidationError):
        services.match_end(match=match, by=None, reason="goals_met", goodbye="letter")
    again = request_for(world, another_referral(world))
    assert world.volunteers["volunteer"].pk in [r.volunteer.pk for r in proposals_for(again)]


def test_erasing_the_person_clears_what_befriending_holds_about_them():
    from connected.casework.erasure import person_erase

    world = make_befriending()
    match = _match(world)
    call = match.calls.first()
    call_services.call_log(call=call, by=None, happened=True, mood="low", pass_on="Her son has moved away")
    concern = concern_services.concern_raise(match=match, by=None, kind="mood", detail="Talked of giving up")
    person_erase(person=match.request.person, by=world.users["scheme_manager"], why="erasure request")
    call.refresh_from_db()
    concern.refresh_from_db()
    assert (call.pass_on, call.mood, concern.detail, concern.kind) == ("Erased", "low", "Erased", "mood")
