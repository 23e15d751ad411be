"""What the tests of the read API share: a public process with proposals, and the one
private (view-restricted) and one unpublished process beside it."""

from wagtail.models import PageViewRestriction

import pytest

from tests.cms.factories import FieldOfActionFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase


@pytest.fixture
def index(site_homes):
    return ProcessIndexPageFactory(parent=site_homes[0])


def _process(index, **fields):
    process = ProcessPageFactory(parent=index, phases=[running_phase()], **fields)
    process.save_revision().publish()
    return type(process).objects.get(pk=process.pk)


@pytest.fixture
def process(index):
    return _process(index)


@pytest.fixture
def private_process(index):
    """A live process behind a password (a view restriction)."""
    process = _process(index)
    PageViewRestriction.objects.create(
        page=process, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    return process


@pytest.fixture
def unpublished_process(index):
    process = _process(index)
    process.unpublish()
    return process


@pytest.fixture
def field(db):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


def api(client, path, **headers):
    """GET an API address; the parsed JSON and the response."""
    response = client.get(path, **headers)
    return response.json(), response
