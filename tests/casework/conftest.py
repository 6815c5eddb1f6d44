import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing at production strength costs a second per user; these tests are about rules, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
