import pytest

from tests.casework.builders import make_world


@pytest.fixture
def world_with_superuser_admin(db):
    """The casework world, its administrator able to use every admin page (as a real one would)."""
    world = make_world()
    admin = world.users["administrator"]
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return world
