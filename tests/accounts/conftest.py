import pytest

from tests.casework.builders import make_world


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing at production strength costs a second per user; these tests are about rules, not hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world_with_superuser_admin(db):
    """The casework world, its administrator able to use every admin page (as a real one would)."""
    world = make_world()
    admin = world.users["administrator"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return world
