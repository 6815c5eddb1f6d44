"""Fixtures for the contract tests: the real WSGI app talking to the test database, and a small directory.

Schemathesis calls the app in-process through WSGI, not through Django's test client, so
Django's `close_old_connections` would run after each request and drop the connection that
holds the test transaction (the test client unhooks it for the same reason); we unhook it too.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from tests.directory_api import factories as f

APPLICATION = get_wsgi_application()


@pytest.fixture
def wsgi_db(db) -> Iterator[None]:
    """The test database, kept open across in-process WSGI requests."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def small_directory(wsgi_db) -> dict[str, list[str]]:
    """Three services over two organisations, one taxonomy: every published kind of row, by id."""
    taxonomy, (walking, singing, _) = f.taxonomy_with_terms("Activities")
    orgs = [f.organization(i) for i in range(2)]
    services = [
        f.service(orgs[0], 0, terms=(walking,)),
        f.service(orgs[1], 1, terms=(singing,), name="Community choir", byday="TH", opens=f.time(18), closes=None),
        f.service(None, 2, name="Men's shed", latitude=None, longitude=None, minimum_age=None, maximum_age=None),
    ]
    return {
        "services": [str(s.id) for s in services],
        "service_at_locations": [str(sal.id) for s in services for sal in s.service_at_locations.all()],
        "organizations": [str(o.id) for o in orgs],
        "taxonomies": [str(taxonomy.id)],
        "taxonomy_terms": [str(t.id) for t in taxonomy.terms.all()],
    }
