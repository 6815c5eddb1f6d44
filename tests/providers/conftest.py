import pytest

from .builders import make_provider_world


@pytest.fixture
def pworld(db):
    return make_provider_world()
