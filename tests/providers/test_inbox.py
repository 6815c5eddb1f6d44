"""The provider's inbox and an introduction's page: only what the person agreed to share, every read audited,
answers and messages reaching the link worker's case page."""

from __future__ import annotations

import pytest

from connected.casework import erasure, export, provider_services
from connected.casework.models import Introduction, IntroductionEntry, Person
from connected.casework.validation import IntakeError
from connected.core.models import AuditEvent
from tests.casework.builders import sign_in

pytestmark = pytest.mark.django_db


def _page(client, user, url: str) -> str:
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_inbox_names_only_people_who_agreed_to_share(pworld, client):
    body = _page(client, pworld.users["provider"], "/providers/")
    assert "Mary Seacole (likes to be called Molly)" in body
    assert "Ada" not in body and "Lovelace" not in body
    assert "Someone (details not shared)" in body
    assert "Community choir" not in body  # another organisation's introduction
    assert "Waiting for your answer (2)" in body and "Answered (0)" in body
    event = AuditEvent.objects.filter(why="provider inbox").get()
    shown = {pworld.shared.referral.person_id, pworld.private.referral.person_id}
    assert event.people_shown == "," + ",".join(sorted(str(p) for p in shown)) + ","


def test_an_introduction_shows_shared_contact_details_and_is_audited(pworld, client):
    body = _page(client, pworld.users["provider"], f"/providers/introductions/{pworld.shared.pk}/")
    assert "0113 496 0000" in body and "m@example.org" in body
    event = AuditEvent.objects.filter(why="provider introduction").get()
    assert event.person_id == str(pworld.shared.referral.person_id)
    assert event.object_type == "casework.introduction" and event.object_id == str(pworld.shared.pk)


def test_without_consent_the_provider_sees_no_name_or_contact_only_the_link_workers_words(pworld, client):
    provider_services.introduction_message(
        introduction=pworld.private, by=pworld.users["link_worker"], text="Prefers mornings", from_provider=False
    )
    body = _page(client, pworld.users["provider"], f"/providers/introductions/{pworld.private.pk}/")
    person = pworld.private.referral.person
    for detail in (person.given_name, person.family_name, person.phone, person.postcode):
        assert detail not in body
    assert "Prefers mornings" in body and "has not agreed to share" in body


def test_withdrawn_consent_or_erasure_hides_the_person_at_once(pworld, client):
    person = pworld.shared.referral.person
    Person.objects.filter(pk=person.pk).update(consent_to_share=False)
    assert "Seacole" not in _page(client, pworld.users["provider"], f"/providers/introductions/{pworld.shared.pk}/")
    Person.objects.filter(pk=person.pk).update(consent_to_share=True)
    erasure.person_erase(person=Person.objects.get(pk=person.pk), by=pworld.users["scheme_manager"], why="test")
    body = _page(client, pworld.users["provider"], f"/providers/introductions/{pworld.shared.pk}/")
    assert "Erased" not in body and "Someone (details not shared)" in body


def test_another_organisations_introduction_is_refused_and_logged(pworld, client):
    sign_in(client, pworld.users["provider"])
    assert client.get(f"/providers/introductions/{pworld.elsewhere.pk}/").status_code == 403
    assert client.post(f"/providers/introductions/{pworld.elsewhere.pk}/accept/").status_code == 403
    assert not Introduction.objects.get(pk=pworld.elsewhere.pk).provider_answer
    assert AuditEvent.objects.filter(action="denied", object_id=str(pworld.elsewhere.pk)).count() == 2
    assert client.get("/providers/introductions/999999/").status_code == 404


def test_accept_then_attendance_reach_the_case_page(pworld, client):
    sign_in(client, pworld.users["provider"])
    response = client.post(f"/providers/introductions/{pworld.private.pk}/accept/")
    assert response.status_code == 302
    response = client.post(f"/providers/introductions/{pworld.private.pk}/attendance/", {"status": "stopped"})
    assert response.status_code == 400 and "Enter why they stopped" in response.content.decode()
    client.post(
        f"/providers/introductions/{pworld.private.pk}/attendance/",
        {"status": "stopped", "stopped_reason": "Could not get there by bus"},
    )
    intro = Introduction.objects.get(pk=pworld.private.pk)
    assert (intro.provider_answer, intro.status) == ("accepted", "stopped")
    assert intro.stopped_reason == "Could not get there by bus"
    assert [e.kind for e in intro.entries.all()] == ["accepted", "attendance"]
    body = _page(client, pworld.users["link_worker"], f"/casework/cases/{intro.referral_id}/")
    assert "Provider: Accepted" in body and "Recorded attendance: Stopped" in body
    assert "Could not get there by bus" in body
    assert AuditEvent.objects.filter(why="introduction:attendance", actor=pworld.users["provider"]).exists()


def test_decline_needs_a_reason_and_is_answered_once(pworld, client):
    sign_in(client, pworld.users["provider"])
    url = f"/providers/introductions/{pworld.shared.pk}/decline/"
    response = client.post(url, {})
    assert response.status_code == 400 and "Select why you cannot take this introduction" in response.content.decode()
    response = client.post(url, {"reason": "other"})
    assert response.status_code == 400 and "Enter the reason" in response.content.decode()
    assert client.post(url, {"reason": "full", "detail": "Full until March"}).status_code == 302
    with pytest.raises(IntakeError, match="already declined"):
        provider_services.introduction_accept(introduction=pworld.shared, by=pworld.users["provider"])
    body = _page(client, pworld.users["link_worker"], f"/casework/cases/{pworld.shared.referral_id}/")
    assert "Provider: Declined" in body and "No places at the moment" in body and "Full until March" in body


def test_attendance_before_accepting_is_refused(pworld):
    with pytest.raises(IntakeError, match="Accept the introduction before"):
        provider_services.introduction_attendance(
            introduction=pworld.shared, by=pworld.users["provider"], status="attended"
        )
    assert Introduction.objects.get(pk=pworld.shared.pk).status == "suggested"


def test_messages_go_both_ways(pworld, client):
    sign_in(client, pworld.users["provider"])
    url = f"/providers/introductions/{pworld.shared.pk}/message/"
    assert client.post(url, {"text": "   "}).status_code == 400
    assert client.post(url, {"text": "x" * 1001}).status_code == 400
    assert client.post(url, {"text": "Is Thursday all right?"}).status_code == 302
    thread = f"/casework/cases/{pworld.shared.referral_id}/introductions/{pworld.shared.pk}/thread/"
    assert "Is Thursday all right?" in _page(client, pworld.users["link_worker"], thread)
    assert client.post(thread, {"text": "Thursday is fine"}).status_code == 302
    assert "Thursday is fine" in _page(
        client, pworld.users["provider"], f"/providers/introductions/{pworld.shared.pk}/"
    )
    entries = IntroductionEntry.objects.filter(introduction=pworld.shared)
    assert [(e.from_provider, e.text) for e in entries] == [
        (True, "Is Thursday all right?"),
        (False, "Thursday is fine"),
    ]
    sign_in(client, pworld.users["link_worker_b"])  # another scheme's link worker cannot read the thread
    assert client.get(thread).status_code == 403


def test_inbox_pages_and_counts(pworld, client):
    referral, worker, listing = pworld.shared.referral, pworld.users["link_worker"], pworld.listing
    # Paging needs many rows; the service refuses a second live introduction to one activity, so make them here.
    Introduction.objects.bulk_create(
        Introduction(referral=referral, created_by=worker, service=listing, service_name=listing.name)
        for _ in range(23)
    )
    provider_services.introduction_accept(introduction=pworld.private, by=pworld.users["provider"])
    body = _page(client, pworld.users["provider"], "/providers/")
    assert "Waiting for your answer (24)" in body and "Answered (1)" in body
    assert body.count('class="nhsuk-u-font-weight-bold"') == 20 and "?tab=open&amp;page=2" in body
    assert _page(client, pworld.users["provider"], "/providers/?tab=open&page=2").count("nhsuk-u-font-weight-bold") == 4
    answered = _page(client, pworld.users["provider"], "/providers/?tab=answered")
    assert answered.count('class="nhsuk-u-font-weight-bold"') == 1
    assert _page(client, pworld.users["provider"], "/providers/?tab=nonsense&page=abc").count("font-weight-bold") == 20


def test_subject_access_export_and_erasure_cover_the_thread(pworld):
    provider_services.introduction_decline(
        introduction=pworld.shared, by=pworld.users["provider"], reason="other", detail="Mary needs a lift"
    )
    person = pworld.shared.referral.person
    exported = export.person_export(person)
    assert [e["text"] for e in exported["introduction_entries"]] == ["Mary needs a lift"]
    erasure.person_erase(person=person, by=pworld.users["scheme_manager"], why="request")
    entry = IntroductionEntry.objects.get(introduction=pworld.shared)
    assert (entry.text, entry.kind, entry.reason_code) == ("", "declined", "other")
    assert Introduction.objects.get(pk=pworld.shared.pk).provider_answer == "declined"
