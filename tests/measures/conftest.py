"""The shared headless-Chromium fixtures (tests/browser) for the measures pages' browser tests."""

from tests.browser.conftest import browser, page  # noqa: F401 - fixtures are found by name
