"""Life-event links: by postcode and by local authority, with local text from the admin and help lines."""

from __future__ import annotations

import pytest
from django.test import Client

from connected.core.models import LocalAuthority, LsoaCentroid
from connected.public import life_events
from connected.public.models import LifeEventLocalText
from tests.public.builders import HOME, leeds_directory, make_service, refresh_search_index

pytestmark = pytest.mark.django_db
LEEDS = "E08000035"


def leeds_with_bereavement_support() -> None:
    leeds_directory()
    make_service(
        "Bereavement cafe", latitude=HOME[0] + 0.01, longitude=HOME[1], activity="bereavement-support", access=()
    )
    refresh_search_index()
    authority = LocalAuthority.objects.create(code=LEEDS, name="Leeds", region="Yorkshire and The Humber")
    for n, (lat, lon) in enumerate(((53.80, -1.55), (53.79, -1.54))):
        LsoaCentroid.objects.create(code=f"E0100{n:04d}", name=f"Leeds {n}", lat=lat, lon=lon, la_code=LEEDS)
    LifeEventLocalText.objects.create(
        event="bereavement", local_authority=authority, text="Leeds Bereavement Forum can help.\n\nCall us."
    )


def test_area_link_lands_on_local_options_local_text_help_lines_and_check_in(client: Client):
    leeds_with_bereavement_support()
    html = client.get(f"/life-events/bereavement/{LEEDS}/").content.decode()
    assert "Bereavement cafe" in html and "Park walk" not in html  # only activities for the event
    assert "Leeds Bereavement Forum can help." in html and "<p>Call us.</p>" in html
    assert "0808 808 1677" in html and "cruse.org.uk" in html
    assert 'href="/check-in/"' in html


def test_postcode_link_uses_the_postcodes_area_and_names_a_bad_postcode(client: Client):
    leeds_with_bereavement_support()
    html = client.get("/life-events/bereavement/?postcode=ls1+4ap").content.decode()
    assert "Bereavement cafe" in html and "within 5 miles of LS1 4AP" in html
    response = client.get("/life-events/bereavement/?postcode=ZZ99")
    assert response.status_code == 400 and "There is a problem" in response.content.decode()


@pytest.mark.parametrize("path", ["/life-events/divorce/", f"/life-events/divorce/{LEEDS}/", "/life-events/moving/X1/"])
def test_unknown_event_or_area_is_a_404(client: Client, path: str):
    assert client.get(path).status_code == 404


def test_every_event_has_help_lines_with_sources_and_terms_the_directory_knows():
    events = life_events.events()
    assert {"bereavement", "new-baby", "retirement", "moving", "diagnosis"} <= set(events)
    assert all(e.helplines and e.terms for e in events.values())
    with pytest.raises(life_events.ContentError, match="unknown terms"):
        life_events.parse({"events": [{"slug": "x", "title": "X", "intro": "", "terms": ["karaoke"]}]})


def test_a_council_adds_local_text_in_the_admin(admin_client):
    LocalAuthority.objects.create(code=LEEDS, name="Leeds")
    response = admin_client.post(
        "/admin/public/lifeeventlocaltext/add/",
        {"event": "new-baby", "local_authority": LEEDS, "heading": "In Leeds", "text": "Family hubs in every ward."},
    )
    assert response.status_code == 302
    assert LifeEventLocalText.objects.get(event="new-baby").text == "Family hubs in every ward."
