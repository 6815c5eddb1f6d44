"""Shared generated data for the demo tests: generating is deterministic, so one sample serves every test."""

from __future__ import annotations

import pytest

from connected.demo.directory import Listing, generate_listings


@pytest.fixture(scope="session")
def listings() -> list[Listing]:
    return list(generate_listings(3000, seed=1))


@pytest.fixture(scope="session")
def services(listings) -> list[dict]:
    return [listing.service for listing in listings]
