"""Browser tests share the Chromium fixtures in tests/conftest.py and the axe helpers in axe.py."""

from .axe import assert_accessible, axe_violations  # noqa: F401 - re-exported for the tests here
