"""The proposal admin: editors answer officially, moderators approve or hide, editors turn
accepted proposals into draft visions; residents get none of it."""

import json

from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.html import escape

import pytest

from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from participation.admin.proposals import proposal_permission_policy
from participation.models import NotificationReason, Proposal
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german
from tests.participation.factories import ProposalFactory, notified
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)
from visions.models import VisionPage

pytestmark = pytest.mark.django_db

INDEX_URL = reverse("proposals:index")
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def edit_url(proposal):
    return reverse("proposals:edit", args=[proposal.pk])


def bulk_url(action, *proposals):
    ids = "&".join(f"id={proposal.pk}" for proposal in proposals)
    return reverse("wagtail_bulk_action", args=["participation", "proposal", action]) + "?" + ids


def vision_url(proposal):
    return reverse("visions_create_from_proposal", args=[proposal.pk])


def draftail(text):
    """The editor's rich-text widget posts Draft.js content state, not HTML."""
    block = {
        "key": "a1b2c",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    return ProcessPageFactory(parent=index, title="Enkeltaugliche Region 2040")


@pytest.fixture
def field():
    return FieldOfActionFactory(slug="gruendungen", name="Ländliche Gründungen")


@pytest.fixture
def author():
    return UserFactory(display_name="Ida aus Wismar", email="ida@example.org")


@pytest.fixture
def proposal(process, author, field):
    return ProposalFactory(
        process=process,
        author=author,
        field_of_action=field,
        title="Werkstatt im alten Bahnhof",
        summary="Eine offene Werkstatt für alle im leerstehenden Bahnhof.",
        text="Der Bahnhof steht seit Jahren leer.\n\nWir könnten dort Werkzeug teilen.",
    )


@pytest.fixture
def editor():
    return UserFactory(group=EDITORS)


@pytest.fixture
def moderator():
    return UserFactory(group=MODERATORS)


# --- Permissions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "answer", "moderate"),
    [
        (EDITORS, True, False),
        (LEAD_EDITORS, True, True),
        (MODERATORS, False, True),
    ],
)
def test_the_roles_get_their_proposal_permissions(group, answer, moderate):
    user = UserFactory(group=group)
    assert proposal_permission_policy.user_has_permission(user, "view")
    assert proposal_permission_policy.user_has_permission(user, "answer") is answer
    assert proposal_permission_policy.user_has_permission(user, "change") is answer
    assert proposal_permission_policy.user_has_permission(user, "moderate") is moderate
    for action in ("add", "delete"):
        assert not proposal_permission_policy.user_has_permission(user, action)
    codenames = set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))
    assert {"view_proposal", "change_proposal"} <= codenames


def test_residents_get_no_proposal_admin(client, proposal, author):
    client.force_login(author)
    assert client.get(INDEX_URL).status_code in (302, 403)
    assert client.get(edit_url(proposal)).status_code in (302, 403)
    response = client.post(edit_url(proposal), {"state": "accepted", "answer": draftail("Ja")})
    assert response.status_code in (302, 403)
    response = client.post(bulk_url("hide", proposal), {"reason": "spam"})
    assert response.status_code in (302, 403)
    client.post(vision_url(proposal))
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED
    assert proposal.moderation == Proposal.Moderation.PUBLISHED
    assert not VisionPage.objects.exists()


# --- Listing ------------------------------------------------------------------------------------


def test_the_listing_shows_the_columns_and_filters(client, editor, proposal, process):
    other = ProposalFactory(
        process=process, title="Dorfladen mit Coworking", state=Proposal.State.ACCEPTED
    )
    Proposal.objects.filter(pk=other.pk).update(support_count=12)
    client.force_login(editor)

    html = client.get(INDEX_URL).content.decode()
    for text in ["Werkstatt im alten Bahnhof", "Dorfladen mit Coworking", "Ida aus Wismar"]:
        assert text in html
    assert "Enkeltaugliche Region 2040" in html

    filtered = client.get(INDEX_URL, {"state": "accepted"}).content.decode()
    assert "Dorfladen mit Coworking" in filtered
    assert "Werkstatt im alten Bahnhof" not in filtered

    searched = client.get(INDEX_URL, {"q": "Werkzeug"}).content.decode()
    assert "Werkstatt im alten Bahnhof" in searched
    assert "Dorfladen mit Coworking" not in searched


def test_the_field_of_action_filter_matches_its_translations(client, editor, proposal, field):
    other_field = FieldOfActionFactory(slug="verwaltung", name="Innovative Verwaltung")
    ProposalFactory(process=proposal.process, title="Digitales Amt", field_of_action=other_field)
    client.force_login(editor)
    html = client.get(INDEX_URL, {"field_of_action": field.pk}).content.decode()
    assert "Werkstatt im alten Bahnhof" in html
    assert "Digitales Amt" not in html


def test_script_in_a_proposal_is_shown_as_text_in_the_admin(client, editor, moderator, process):
    resident = UserFactory(display_name=XSS[:50])  # display names have at most 50 characters
    proposal = ProposalFactory(process=process, author=resident, title=XSS[:120], summary=XSS)
    for user in (editor, moderator):
        client.force_login(user)
        for url in (INDEX_URL, reverse("proposals:inspect", args=[proposal.pk])):
            html = client.get(url).content.decode()
            assert "<script>alert" not in html
            assert "<img src=x" not in html
            assert "&lt;script&gt;alert" in html
    client.force_login(editor)
    html = client.get(edit_url(proposal)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


# --- Official answers ---------------------------------------------------------------------------


def test_an_editor_answers_and_the_author_is_told(client, editor, proposal):
    client.force_login(editor)
    assert client.get(edit_url(proposal)).status_code == 200

    response = client.post(
        edit_url(proposal),
        {"state": "accepted", "answer": draftail("Wir nehmen den Vorschlag auf.")},
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ACCEPTED
    assert "Wir nehmen den Vorschlag auf." in proposal.answer
    assert proposal.answered_at is not None
    [(email, data)] = notified(NotificationReason.PROPOSAL_ANSWERED)
    assert email == "ida@example.org"
    assert data["state"] == "accepted"
    assert "Wir nehmen den Vorschlag auf." in data["answer"]


def test_saving_the_answer_unchanged_tells_nobody_again(client, editor, proposal):
    client.force_login(editor)
    data = {"state": "accepted", "answer": draftail("Wir nehmen den Vorschlag auf.")}
    client.post(edit_url(proposal), data)
    proposal.refresh_from_db()
    answered_at = proposal.answered_at
    # Saved again as the form shows it: the same state and the answer as stored.
    form = client.get(edit_url(proposal)).context["form"]
    stored = form.fields["answer"].widget.format_value(form["answer"].value())
    again = {"state": "accepted", "answer": stored}
    response = client.post(edit_url(proposal), again)
    client.post(edit_url(proposal), data)
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.answered_at == answered_at
    assert len(notified(NotificationReason.PROPOSAL_ANSWERED)) == 1
    client.post(edit_url(proposal), {**data, "state": "implemented"})
    answers = notified(NotificationReason.PROPOSAL_ANSWERED)
    assert [data["state"] for _email, data in answers] == ["accepted", "implemented"]


def test_a_decision_needs_an_answer(client, editor, proposal, mailoutbox):
    client.force_login(editor)
    response = client.post(edit_url(proposal), {"state": "rejected", "answer": draftail("")})
    assert response.status_code == 200
    assert escape(in_german("Please give the reasons in an official answer for this state.")) in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED
    assert proposal.answered_at is None
    assert mailoutbox == []


def test_the_answer_form_ignores_the_residents_fields(client, editor, proposal):
    client.force_login(editor)
    client.post(
        edit_url(proposal),
        {
            "state": "under_review",
            "answer": draftail("Wir prüfen das."),
            "title": "Geändert",
            "support_count": "999",
        },
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.UNDER_REVIEW
    assert proposal.title == "Werkstatt im alten Bahnhof"
    assert proposal.support_count == 0


def test_moderators_cannot_answer(client, moderator, proposal):
    client.force_login(moderator)
    response = client.post(
        edit_url(proposal), {"state": "accepted", "answer": draftail("Ja, machen wir.")}
    )
    assert response.status_code in (302, 403)
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED
    assert proposal.answer == ""


# --- Moderation ---------------------------------------------------------------------------------


def test_a_moderator_approves_pending_proposals(client, moderator, process):
    pending = [
        ProposalFactory(process=process, moderation=Proposal.Moderation.PENDING) for _ in range(2)
    ]
    untouched = ProposalFactory(process=process, moderation=Proposal.Moderation.PENDING)
    client.force_login(moderator)

    listing = client.get(INDEX_URL, {"moderation": "pending"}).content.decode()
    assert bulk_url("approve", pending[0]).split("?")[0] in listing

    assert client.get(bulk_url("approve", *pending)).status_code == 200
    response = client.post(bulk_url("approve", *pending))

    assert response.status_code == 302
    states = dict(Proposal.objects.values_list("pk", "moderation"))
    assert [states[proposal.pk] for proposal in pending] == ["published", "published"]
    assert states[untouched.pk] == "pending"
    published = in_german(
        "%(count)d proposal is published.", "%(count)d proposals are published.", n=2, count=2
    )
    assert published in messages_of(response)


def test_a_moderator_hides_a_proposal(client, moderator, proposal):
    client.force_login(moderator)
    response = client.post(bulk_url("hide", proposal), {"reason": "spam"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.moderation == Proposal.Moderation.HIDDEN
    assert not Proposal.objects.visible_to(None).filter(pk=proposal.pk).exists()


def test_editors_without_moderation_rights_cannot_hide(client, editor, proposal):
    client.force_login(editor)
    client.post(bulk_url("hide", proposal), {"reason": "spam"})
    proposal.refresh_from_db()
    assert proposal.moderation == Proposal.Moderation.PUBLISHED


# --- From proposal to vision --------------------------------------------------------------------


@pytest.fixture
def vision_index(site_homes):
    return VisionIndexPageFactory(parent=site_homes[0])


def test_an_editor_turns_an_accepted_proposal_into_a_draft_vision(
    client, editor, proposal, field, vision_index
):
    Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.ACCEPTED)
    client.force_login(editor)
    listing = client.get(INDEX_URL).content.decode()
    assert vision_url(proposal) in listing
    assert client.get(vision_url(proposal)).status_code == 200

    response = client.post(vision_url(proposal))

    vision = VisionPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[vision.pk])
    assert vision.get_parent().pk == vision_index.pk
    assert not vision.live
    assert vision.origin == proposal
    assert vision.title == "Werkstatt im alten Bahnhof"
    assert vision.intro == proposal.summary
    assert list(vision.fields_of_action.all()) == [field]
    body = str(vision.body)
    assert "Der Bahnhof steht seit Jahren leer." in body
    assert "Wir könnten dort Werkzeug teilen." in body
    assert vision.get_latest_revision() is not None
    assert vision_url(proposal) not in client.get(INDEX_URL).content.decode()


def test_the_vision_escapes_the_residents_text(client, editor, process, vision_index):
    proposal = ProposalFactory(process=process, text=f"Absatz {XSS}", state=Proposal.State.ACCEPTED)
    client.force_login(editor)
    client.post(vision_url(proposal))
    body = str(VisionPage.objects.get().body)
    assert "<script>" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize("state", ["submitted", "under_review", "rejected"])
def test_only_accepted_proposals_become_visions(client, editor, proposal, vision_index, state):
    Proposal.objects.filter(pk=proposal.pk).update(state=state)
    client.force_login(editor)
    assert vision_url(proposal) not in client.get(INDEX_URL).content.decode()
    response = client.post(vision_url(proposal))
    assert response.status_code == 302
    assert in_german("Only accepted proposals can become a vision.") in messages_of(response)
    assert not VisionPage.objects.exists()


def test_a_proposal_becomes_a_vision_only_once(client, editor, proposal, vision_index):
    Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.ACCEPTED)
    VisionPageFactory(parent=vision_index, origin=proposal)
    client.force_login(editor)
    response = client.post(vision_url(proposal))
    assert in_german("This proposal has already become a vision.") in messages_of(response)
    assert VisionPage.objects.count() == 1


def test_moderators_cannot_create_visions(client, moderator, proposal, vision_index):
    Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.ACCEPTED)
    client.force_login(moderator)
    response = client.post(vision_url(proposal))
    assert response.status_code == 302
    assert not VisionPage.objects.exists()


def test_a_hostile_answer_runs_nowhere_neither_on_the_page_nor_in_the_mail(
    client, editor, proposal
):
    """An answer pasted with a script and a javascript: link: the editor's widget keeps only
    text and safe links, so the proposal page and the author's mail show the script as text
    and carry no javascript: address."""
    from django.core import mail

    text = 'Siehe <script>alert("x")</script> hier.'
    content = json.loads(draftail(text))
    start = text.index("hier")
    content["blocks"][0]["entityRanges"] = [{"offset": start, "length": 4, "key": 0}]
    content["entityMap"] = {
        "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(1)"}}
    }
    client.force_login(editor)
    response = client.post(edit_url(proposal), {"state": "accepted", "answer": json.dumps(content)})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.answered_at is not None

    client.logout()
    page = client.get(proposal.get_url())
    assert page.status_code == 200
    html = page.content.decode()
    answer = html.split('class="proposal-answer__text">', 1)[1].split("</div>", 1)[0]
    assert escape("<script>") in answer and "<script>alert" not in html
    assert "javascript:" not in html.lower()

    [message] = [m for m in mail.outbox if m.to == ["ida@example.org"]]
    body_html = message.alternatives[0][0]
    assert "<script>alert" not in body_html and "javascript:" not in body_html.lower()
    assert "javascript:" not in message.body.lower()
    assert 'alert("x")' in message.body  # the text is quoted, as text
