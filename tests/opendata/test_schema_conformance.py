"""The API against its own OpenAPI description: schemathesis generates requests for every GET
operation (valid and invalid parameters) and checks that each answer's status is documented,
its body matches the schema and nothing answers 5xx. Through WSGI, no network."""

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

import hypothesis
import pytest
import schemathesis

from opendata.api.schema import schema_for
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    PlaceIndexPageFactory,
    PlacePageFactory,
)
from tests.participation.factories import ProposalFactory
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)


@pytest.fixture
def keep_connection():
    """The requests run inside the test's transaction, as with Django's test client: the end
    of a request must not close the database connection (on PostgreSQL that would end the
    transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def demo_like_data(site_homes, settings, keep_connection):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"address": None},
    }
    home, _ = site_homes
    process = ProcessPageFactory(parent=ProcessIndexPageFactory(parent=home))
    proposal = ProposalFactory(process=process)
    VisionPageFactory(
        parent=VisionIndexPageFactory(parent=home),
        origin=proposal,
        updates=[{"title": "Start", "date": "2025-01-01"}],
    )
    place = PlacePageFactory(parent=PlaceIndexPageFactory(parent=home))
    EventPageFactory(parent=EventIndexPageFactory(parent=home), place=place)


# The description the API serves (in English), called through WSGI in this process, so that the
# requests see the test's database.
schema = schemathesis.openapi.from_dict(schema_for("en"))
schema.app = WSGIHandler()


@pytest.mark.django_db
@schema.parametrize()
@hypothesis.settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(hypothesis.HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case, demo_like_data):
    # A cursor is a token the API hands out in `next`/`previous`; any other string is rightly a
    # 400 (tests/opendata/test_proposals.py), so generated requests leave it out.
    if case.query:
        case.query.pop("cursor", None)
    case.call_and_validate()
