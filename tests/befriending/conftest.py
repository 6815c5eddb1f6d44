"""A fast password hasher for these tests: each test makes several accounts, and the real hasher takes
seconds per account on a shared machine. Sign-in still checks the password, through the same API."""

import pytest


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
