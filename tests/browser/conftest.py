"""Browser tests share the Chromium fixtures in tests/conftest.py and the axe helpers in axe.py."""

import pytest

from .axe import assert_accessible, axe_violations  # noqa: F401 - re-exported for the tests here


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Every journey signs in; the production hasher's cost buys nothing in a test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
