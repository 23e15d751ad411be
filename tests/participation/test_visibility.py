"""One visibility rule: a hidden (or waiting) proposal or comment is absent from every public
channel that exists so far, one test per channel; its author still sees their waiting one.

sitemap.xml is no such channel: it lists pages and action groups, never proposals or comments
(hidden and waiting groups: tests/cms/test_group_sitemap.py)."""

import json

from django.utils.html import escape

import pytest

from cms.roles import MODERATORS
from participation import services
from participation.models import Comment, Proposal
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, main_of
from tests.participation.factories import ProposalFactory
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
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


def test_only_its_author_sees_it_marked_as_waiting_or_hidden(client, process, hidden):
    client.force_login(hidden.author)
    response = client.get(hidden.get_url())
    assert response.status_code == 200
    notice = (
        "Your proposal awaits moderation. Until a moderator approves it, only you can see it."
        if hidden.moderation == Proposal.Moderation.PENDING
        else "The moderation hid your proposal. Only you and the moderators can see it. When a "
        "moderator decides, you get the reason and how to object by email."
    )
    assert escape(in_german(notice)) in main_of(response)
    assert SECRET in main_of(client.get(process.url))


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


def test_blocked_peoples_hidden_contributions_are_gone_everywhere(client, process, visible):
    """Blocking with "hide everything" hides proposals and comments alike; the counts follow."""
    moderator = UserFactory(group=MODERATORS)
    person = UserFactory()
    proposal = ProposalFactory(
        process=process, field_of_action=visible.field_of_action, author=person, title=SECRET
    )
    services.create_comment(person, visible, SECRET, process=None)
    services.block_user(person, moderator, "spam", hide_contributions=True, notify=False)
    visible.refresh_from_db()
    assert visible.comment_count == 0
    assert SECRET not in main_of(client.get(process.url))
    assert SECRET not in main_of(client.get(visible.get_url()))
    assert client.get(proposal.get_url()).status_code == 404
    features = json.loads(client.get(process.url + "karte/").content)["features"]
    assert SECRET not in json.dumps(features)
