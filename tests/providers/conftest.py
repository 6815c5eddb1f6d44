import pytest

from .builders import make_provider_world


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing at production strength costs a second per user; these tests are about providers, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def pworld(db):
    return make_provider_world()
