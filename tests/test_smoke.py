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


def test_production_settings_pass_the_deploy_checks():
    """DJANGO_ENV=production with a real key passes `check --deploy` with nothing silenced."""
    import os
    import secrets
    import subprocess
    import sys

    from django.conf import settings

    # The browser fixtures set DJANGO_ALLOW_ASYNC_UNSAFE for this test process; a deployment never has it.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "connected.example",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_production_refuses_to_start_without_a_secret_key():
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"DJANGO_ENV": "production"}
    done = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr
