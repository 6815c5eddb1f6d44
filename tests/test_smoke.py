"""The site answers and the configuration is sound."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_home_page_renders_nhs_layout(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="nhsuk-header"' in body
    assert "Skip to main content" in body
    # Nothing is loaded from another host: every stylesheet and script is ours.
    assert "https://assets.nhs.uk" not in body


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")
