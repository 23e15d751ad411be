"""Invisible characters through the real forms: a title or a name with a bidi override is
refused with a message that names the character, and nothing is saved; long text is saved
without it. One test per form family (cms/text.py decides per field by its widget)."""

import inspect

from django.core import mail
from django.urls import reverse
from django.utils.html import escape

import pytest

import participation.forms
import participation.forms.area
import participation.forms.board
import participation.forms.groups
import participation.forms.memberships
import participation.forms.registrations
from cms.text import (
    SHORT_TEXT_INVISIBLE,
    CleanTextMixin,
    is_long_text_field,
    is_short_text_field,
)
from participation import rules, services
from participation.models import (
    ActionGroup,
    Ballot,
    BoardEntry,
    Comment,
    EventRegistration,
    GroupUpdate,
    IllegalContentNotice,
    Poll,
    Proposal,
    RelayMessage,
    Report,
)
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import event_at, next_summer
from tests.participation.factories import ActionGroupFactory, MembershipFactory, ProposalFactory
from tests.participation.test_comments import make_process as make_comment_process
from tests.participation.test_groups import form_data as group_form_data
from tests.participation.test_groups import start_url
from tests.participation.test_memberships import make_group
from tests.participation.test_polls import make_poll
from tests.participation.test_proposals import form_data as proposal_form_data
from tests.participation.test_proposals import make_process, post_submit
from tests.participation.test_reports import NOTICE_URL, notice_data
from tests.visions.factories import running_phase

pytestmark = pytest.mark.django_db

RLO = "\u202e"
REFUSED = str(in_german(SHORT_TEXT_INVISIBLE, characters="U+202E RIGHT-TO-LEFT OVERRIDE"))


def refused(response):
    return response.status_code in (200, 400) and escape(REFUSED) in response.content.decode()


@pytest.fixture
def resident(site_homes):
    return UserFactory(display_name="Rike")


@pytest.fixture
def field(site_homes):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


def test_every_participation_form_people_type_in_cleans_its_text():
    """A new form with a text field fails here until it takes CleanTextMixin."""
    modules = [
        participation.forms,
        participation.forms.area,
        participation.forms.board,
        participation.forms.groups,
        participation.forms.memberships,
        participation.forms.registrations,
    ]
    forms = {
        form
        for module in modules
        for _name, form in inspect.getmembers(module, inspect.isclass)
        if form.__module__ == module.__name__ and hasattr(form, "base_fields")
    }
    typed_in = {
        form
        for form in forms
        if any(
            is_short_text_field(field) or is_long_text_field(field)
            for field in form.base_fields.values()
        )
    }
    assert len(typed_in) >= 10
    assert sorted(f.__name__ for f in typed_in if not issubclass(f, CleanTextMixin)) == []


def test_proposals(client, site_homes, field):
    process = make_process(site_homes[0], field)
    client.force_login(UserFactory())

    response = post_submit(client, process, proposal_form_data(field, title=f"Busse{RLO}txt"))
    assert refused(response)
    assert not Proposal.objects.exists()

    post_submit(
        client,
        process,
        proposal_form_data(field, summary=f"Kurz{RLO} gesagt", text="Mehr\u2066 Busse\n\nBitte"),
    )
    proposal = Proposal.objects.get()
    assert (proposal.summary, proposal.text) == ("Kurz gesagt", "Mehr Busse\n\nBitte")


def test_comments(client, site_homes):
    proposal = ProposalFactory(
        process=make_comment_process(site_homes[0], phases=[running_phase()])
    )
    client.force_login(UserFactory())
    url = reverse("participation:comment_create", args=["participation.proposal", proposal.pk])

    client.post(url, {"text": f"Gute{RLO} Idee\u200b!\n\t👩\u200d💻"})

    assert Comment.objects.get().text == "Gute Idee!\n\t👩\u200d💻"


def test_action_groups(client, resident, field):
    client.force_login(resident)

    response = client.post(start_url(), group_form_data(client, field, name=f"Café{RLO}"))
    assert refused(response)
    assert not ActionGroup.objects.exists()

    client.post(start_url(), group_form_data(client, field, purpose=f"Wir{RLO} reparieren."))
    assert ActionGroup.objects.get().purpose == "Wir reparieren."


def test_group_updates(client, site_homes):
    lead = UserFactory()
    group = make_group(lead)
    client.force_login(lead)
    url = reverse("participation:update_create", kwargs={"pk": group.pk})

    response = client.post(url, {"title": f"Termin{RLO}", "text": "Es geht los."})
    assert refused(response)
    assert not GroupUpdate.objects.exists()

    client.post(url, {"title": "Termin", "text": f"Es geht{RLO} los."})
    assert GroupUpdate.objects.get().text == "Es geht los."


def test_board_entries(client, resident, field):
    client.force_login(resident)
    url = reverse("participation:board_offer_create")
    data = {"category": "material", "field_of_action": field.pk}

    response = client.post(url, {**data, "title": f"Rad{RLO}", "description": "Zum Leihen"})
    assert refused(response)
    assert not BoardEntry.objects.exists()

    client.post(url, {**data, "title": "Rad", "description": f"Zum{RLO} Leihen"})
    assert BoardEntry.objects.get().description == "Zum Leihen"


def test_relayed_messages(client, site_homes):
    group = ActionGroupFactory(name="Reparaturcafé")
    MembershipFactory(group=group, user=UserFactory(), role="lead")
    url = reverse("participation:relay_group", kwargs={"pk": group.pk})
    visitor = {"email": "vera@visitor.example"}

    response = client.post(url, {**visitor, "name": f"Vera{RLO}", "text": "Hallo"})
    assert refused(response)
    assert not RelayMessage.objects.exists()

    mail.outbox.clear()
    client.post(url, {**visitor, "name": "Vera", "text": f"Hallo{RLO} ihr"})
    assert RelayMessage.objects.get().sender_name == "Vera"
    assert "Hallo ihr" in mail.outbox[0].body and RLO not in mail.outbox[0].body


def test_reports(client, site_homes):
    proposal = ProposalFactory(
        process=make_comment_process(site_homes[0], phases=[running_phase()])
    )
    client.force_login(UserFactory())

    client.post(
        reverse("participation:report", args=["participation.proposal", proposal.pk]),
        {"reason": "spam", "note": f"Eindeutig{RLO} Werbung"},
    )

    assert Report.objects.get().note == "Eindeutig Werbung"


def test_notices_of_illegal_content(client, site_homes):
    client.defaults["HTTP_HOST"] = "localhost"

    response = client.post(NOTICE_URL, notice_data(name=f"Erika{RLO}"))
    assert refused(response)
    assert not IllegalContentNotice.objects.exists()

    client.post(NOTICE_URL, notice_data(explanation=f"Falsche{RLO} Tatsachen."))
    assert IllegalContentNotice.objects.get().explanation == "Falsche Tatsachen."


def test_group_registration_note(client, site_homes):
    event = event_at(EventIndexPageFactory(parent=site_homes[0]), next_summer(), capacity=5)
    lead = UserFactory()
    group = ActionGroupFactory(name="Hafenspeicher", author=lead)
    MembershipFactory(group=group, user=lead, role="lead")
    client.force_login(lead)

    response = client.post(
        event.url + "anmelden/",
        {"group": group.pk, "places": 2, "note": f"Laptops{RLO}"},
        follow=True,
    )

    assert escape(REFUSED) in response.content.decode()
    assert not EventRegistration.objects.exists()


def test_profile_about(client, resident):
    client.force_login(resident)

    client.post(
        reverse("area:profile"),
        {"display_name": "Rike", "about": f"Ich{RLO} gärtnere.", "language": "de"},
    )

    resident.refresh_from_db()
    assert resident.about == "Ich gärtnere."


def test_poll_own_answer(site_homes):
    poll = make_poll(allow_other=True)
    resident = UserFactory()

    with pytest.raises(rules.ParticipationError) as refusal:
        services.vote(poll, [], f"Zu{RLO} Fuß", user=resident)

    assert refusal.value.code == "other_invisible"
    assert str(refusal.value.message) == REFUSED
    assert not Ballot.objects.exists()
    # An emoji sequence is no trick.
    services.vote(poll, [], "Zu Fuß 🚶\u200d♀️", user=resident)
    assert Ballot.objects.get().other_text == "Zu Fuß 🚶\u200d♀️"


def test_polls_in_the_admin(client, site_homes):
    from cms.roles import EDITORS

    client.force_login(UserFactory(group=EDITORS))
    data = {
        "question": f"Welcher{RLO} Tag?",
        "description": f"Bitte{RLO} wählen.",
        "kind": "single",
        "max_choices": "1",
        "other_label": "",
        "opens_at": "2026-12-01 10:00",
        "closes_at": "",
        "voters": "residents",
        "show_results": "after_voting",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "2",
        "choices-MAX_NUM_FORMS": "20",
        "choices-0-label": "Montag",
        "choices-0-ORDER": "1",
        "choices-1-label": "Freitag",
        "choices-1-ORDER": "2",
    }
    add_url = "/admin/snippets/participation/poll/add/?locale=de"

    assert refused(client.post(add_url, data))
    assert not Poll.objects.exists()

    response = client.post(add_url, {**data, "question": "Welcher Tag?"})
    assert response.status_code == 302, response.context["form"].errors
    assert Poll.objects.get().description == "Bitte wählen."
