"""One visibility rule: a hidden (or waiting) proposal or comment is absent from every public
channel that exists so far, one test per channel; its author still sees their waiting one."""

import json

import pytest

from participation import services
from participation.models import Comment, Proposal
from tests.conftest import main_of
from tests.factories import FieldOfActionFactory, UserFactory
from tests.factories_visions import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    ProposalFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
    running_phase,
)

pytestmark = pytest.mark.django_db

SECRET = "Geheimer Verstoß"


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    return type(process).objects.get(pk=process.pk)


@pytest.fixture
def field(db):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


@pytest.fixture(params=[Proposal.Moderation.HIDDEN, Proposal.Moderation.PENDING])
def hidden(request, process, field):
    """A proposal with a location that moderation hid, or that still waits for it."""
    proposal = ProposalFactory(
        process=process,
        field_of_action=field,
        title=SECRET,
        latitude="53.89",
        longitude="11.46",
        moderation=request.param,
    )
    return proposal


@pytest.fixture
def visible(process, field):
    return ProposalFactory(process=process, field_of_action=field, title="Sichtbar")


def test_not_in_the_listing_nor_its_count(client, process, hidden, visible):
    page = main_of(client.get(process.url))
    assert SECRET not in page and "Sichtbar" in page
    assert client.get(process.url).context["proposals"].paginator.count == 1


def test_not_in_the_search_or_filters_of_the_listing(client, process, hidden):
    assert SECRET not in main_of(client.get(process.url, {"q": "Geheim"}))
    assert SECRET not in main_of(client.get(process.url, {"field": "mobilitaet"}))


def test_not_on_the_map(client, process, hidden):
    features = json.loads(client.get(process.url + "karte/").content)["features"]
    assert [feature["properties"]["title"] for feature in features] == []


def test_its_page_is_not_found(client, hidden):
    assert client.get(hidden.get_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(hidden.get_url()).status_code == 404


def test_only_its_author_sees_it_while_it_waits(client, process, hidden):
    client.force_login(hidden.author)
    response = client.get(hidden.get_url())
    if hidden.moderation == Proposal.Moderation.PENDING:
        assert response.status_code == 200
        assert SECRET in main_of(client.get(process.url))
    else:
        assert response.status_code == 404
        assert SECRET not in main_of(client.get(process.url))


def test_not_as_the_origin_of_a_vision(client, site_homes, hidden):
    vision = VisionPageFactory(parent=VisionIndexPageFactory(parent=site_homes[0]), origin=hidden)
    assert SECRET not in main_of(client.get(vision.url))


def test_it_cannot_be_supported_commented_or_reported(client, process, hidden):
    client.force_login(UserFactory())
    url = process.url + process.reverse_subpage("support", kwargs={"pk": hidden.pk})
    assert client.post(url, {"action": "add"}).status_code == 404
    from django.urls import reverse

    comment = reverse("participation:comment_create", args=["participation.proposal", hidden.pk])
    assert client.post(comment, {"text": "Hallo"}).status_code == 404
    report = reverse("participation:report", args=["participation.proposal", hidden.pk])
    assert client.get(report).status_code == 404
    hidden.refresh_from_db()
    assert hidden.support_count == 0 and not Comment.objects.exists()


@pytest.fixture(params=[Comment.Moderation.HIDDEN, Comment.Moderation.PENDING])
def hidden_comment(request, visible):
    if request.param == Comment.Moderation.PENDING:
        # As pre-moderation writes it: never counted.
        return Comment.objects.create(
            target=visible, author=UserFactory(), text=SECRET, moderation=request.param
        )
    comment = services.create_comment(UserFactory(), visible, SECRET, process=None)
    services.moderate(comment, "hide", None, reason="spam")
    comment.refresh_from_db()
    return comment


def test_a_hidden_comment_is_not_in_the_thread_nor_the_counts(client, visible, hidden_comment):
    page = main_of(client.get(visible.get_url()))
    assert SECRET not in page
    visible.refresh_from_db()
    assert visible.comment_count == 0
    listing = main_of(client.get(visible.process.specific.url, {"sort": "discussed"}))
    assert SECRET not in listing


def test_a_hidden_comment_cannot_be_answered_or_marked(client, visible, hidden_comment):
    from django.urls import reverse

    client.force_login(UserFactory())
    create = reverse("participation:comment_create", args=["participation.proposal", visible.pk])
    client.post(create, {"text": "Antwort", "parent": hidden_comment.pk})
    helpful = reverse(
        "participation:comment_helpful",
        args=["participation.proposal", visible.pk, hidden_comment.pk],
    )
    client.post(helpful, {"action": "add"})
    hidden_comment.refresh_from_db()
    assert hidden_comment.reply_count == 0 and hidden_comment.helpful_count == 0
    assert not Comment.objects.filter(parent=hidden_comment).exists()
