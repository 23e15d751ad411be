"""Immediate notification e-mails: one per notification, in the recipient's language, with a text
and an HTML part, absolute links and one-click unsubscribe headers; never twice, never about
what the recipient may no longer see, never for "off"; statements of reasons always."""

import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

import pytest

from cms.roles import MODERATORS
from participation import services
from participation.models import (
    Delivery,
    Moderation,
    ModerationLogEntry,
    Notification,
    NotificationPreference,
    OutgoingMail,
    Reason,
)
from participation.models import NotificationReason as Why
from participation.notifications import delivery
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.participation.factories import ActivityFactory, NotificationFactory, ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()], title="Hafenkante")
    process.save_revision().publish()
    return process


@pytest.fixture
def proposal(process):
    return ProposalFactory(
        process=process, moderation=Moderation.PUBLISHED, title="Mehr Bänke am Hafen"
    )


def answered(proposal, recipient, **fields):
    activity = ActivityFactory(kind="proposal_answered", target=proposal)
    return NotificationFactory(
        activity=activity, recipient=recipient, reason=Why.PROPOSAL_ANSWERED, **fields
    )


def html_of(message):
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def test_an_immediate_mail_in_german_with_both_parts_and_unsubscribe_headers(proposal):
    person = UserFactory(language="de")
    notification = answered(proposal, person)
    mail.outbox.clear()
    delivery.send_immediately([notification.pk])

    [message] = mail.outbox
    assert message.to == [person.email]
    assert message.subject == in_german("News about the proposal “%(title)s”") % {
        "title": "Mehr Bänke am Hafen"
    }
    url = proposal.get_url(full=True)
    assert url.startswith("http://localhost/")
    assert url in message.body
    assert in_german("Hello %(name)s,") % {"name": person.display_name} in message.body
    # Why the person gets it, in both parts.
    why = in_german(
        "You get this e-mail because your setting for “%(reasons)s” is “%(delivery)s”."
    ) % {
        "reasons": in_german(Why.PROPOSAL_ANSWERED.label),
        "delivery": in_german(Delivery.IMMEDIATELY.label),
    }
    assert why in message.body
    html = html_of(message)
    assert why in html
    assert f'href="{url}"' in html
    assert '<html lang="de">' in html
    assert re.search(r'href="/', html) is None, "every link in the HTML part is absolute"

    header = message.extra_headers["List-Unsubscribe"]
    assert re.fullmatch(r"<http://localhost/.+/>", header)
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = header[1:-1]
    assert unsubscribe_url in message.body and f'href="{unsubscribe_url}"' in html
    token = unsubscribe_url.rstrip("/").rsplit("/", 1)[1]
    assert delivery.read_unsubscribe_token(token) == (person, Why.PROPOSAL_ANSWERED)

    notification.refresh_from_db()
    assert notification.emailed_at is not None and not notification.skipped


def test_an_immediate_mail_in_english_for_an_english_speaker(proposal):
    person = UserFactory(language="en")
    mail.outbox.clear()
    delivery.send_immediately([answered(proposal, person).pk])

    [message] = mail.outbox
    with translation.override("en"):
        expected = translation.gettext("News about the proposal “%(title)s”")
        hello = translation.gettext("Hello %(name)s,") % {"name": person.display_name}
    assert message.subject == expected % {"title": "Mehr Bänke am Hafen"}
    assert hello in message.body
    assert '<html lang="en">' in html_of(message)
    assert "/en/" in message.extra_headers["List-Unsubscribe"]


def test_each_notification_is_mailed_once(proposal):
    person = UserFactory()
    notification = answered(proposal, person)
    mail.outbox.clear()
    delivery.send_immediately([notification.pk])
    delivery.send_immediately([notification.pk])
    delivery.send_notification_mails.call([notification.pk])
    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.count() == 1


def test_a_proposal_hidden_between_queueing_and_sending_is_not_mailed(proposal):
    follower = UserFactory()
    notification = answered(proposal, follower)
    type(proposal).objects.filter(pk=proposal.pk).update(moderation=Moderation.HIDDEN)
    mail.outbox.clear()
    delivery.send_immediately([notification.pk])
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.skipped and notification.emailed_at is None


def test_the_author_still_hears_about_their_own_waiting_proposal(proposal):
    """Not public any more, but visible to its author: the per-person check lets it through."""
    type(proposal).objects.filter(pk=proposal.pk).update(moderation=Moderation.PENDING)
    notification = answered(proposal, proposal.author)
    stranger = answered(proposal, UserFactory())
    mail.outbox.clear()
    delivery.send_immediately([notification.pk, stranger.pk])
    assert [message.to for message in mail.outbox] == [[proposal.author.email]]


def test_digest_and_off_deliveries_are_not_sent_immediately(proposal):
    daily = answered(proposal, UserFactory(), delivery=Delivery.DAILY)
    off = answered(proposal, UserFactory(), delivery=Delivery.OFF)
    mail.outbox.clear()
    delivery.send_immediately([daily.pk, off.pk])
    assert mail.outbox == []
    assert Notification.objects.filter(pk__in=[daily.pk, off.pk], emailed_at=None).count() == 2


def test_sending_works_in_batches_with_a_bounded_number_of_queries(proposal, settings):
    """200 recipients of one activity cost the same queries as 20 (per batch, not per person)."""
    settings.TASKS = {
        **settings.TASKS,
        "worker": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }

    def queries_for(count):
        activity = ActivityFactory(kind="proposal_answered", target=proposal)
        ids = [
            NotificationFactory(activity=activity, reason=Why.PROPOSAL_ANSWERED).pk
            for _ in range(count)
        ]
        with CaptureQueriesContext(connection) as captured:
            delivery.send_notification_mails.call(ids)
        assert OutgoingMail.objects.filter(recipients__isnull=False).count() >= count
        assert not Notification.objects.filter(pk__in=ids, emailed_at=None).exists()
        # The outbox's bulk insert is split by the database's parameter limit (SQLite).
        return [q for q in captured.captured_queries if "outgoingmail" not in q["sql"]]

    queries_for(5)  # warms the caches (content types, site root paths)
    assert len(queries_for(20)) == len(queries_for(200))


def test_a_statement_of_reasons_is_sent_at_once_without_unsubscribe(proposal):
    moderator = UserFactory(group=MODERATORS)
    services.moderate(proposal, services.Action.HIDE, moderator, reason=Reason.SPAM)
    entry = ModerationLogEntry.objects.get(target_id=proposal.pk, author=proposal.author)
    data = {"log_entry": entry.pk, "template": "statement_of_reasons"}
    activity = ActivityFactory(kind="moderation", target=proposal, data=data)
    notification = NotificationFactory(
        activity=activity, recipient=proposal.author, reason=Why.MODERATION
    )
    mail.outbox.clear()
    delivery.send_immediately([notification.pk])

    [message] = mail.outbox
    kind = proposal._meta.verbose_name
    assert message.subject == in_german(
        "Your contribution (%(kind)s) on LANDVORTEIL was hidden"
    ) % {"kind": in_german(kind)}
    assert in_german("A person decided this, not an automatic system.") in message.body
    assert "List-Unsubscribe" not in message.extra_headers
    assert message.reply_to
    assert html_of(message).startswith("<!DOCTYPE html>")


def test_moderation_cannot_be_turned_off():
    person = UserFactory()
    delivery.set_preferences(person, {Why.MODERATION: Delivery.OFF, Why.NEW_COMMENT: "weekly"})
    assert delivery.preferences_of(person)[Why.MODERATION] == Delivery.IMMEDIATELY
    assert delivery.preferences_of(person)[Why.NEW_COMMENT] == Delivery.WEEKLY
    assert not NotificationPreference.objects.filter(user=person, reason=Why.MODERATION).exists()
    with pytest.raises(ValueError):
        delivery.unsubscribe_token(person, Why.MODERATION)


def test_preferences_defaults_and_bulk_lookup():
    chooser, default = UserFactory(), UserFactory()
    delivery.set_preferences(chooser, {Why.PHASE_STARTED: Delivery.OFF})
    assert delivery.preferences_of(default)[Why.PHASE_STARTED] == Delivery.DAILY
    assert delivery.preferences_of(chooser)[Why.PHASE_STARTED] == Delivery.OFF
    with CaptureQueriesContext(connection) as captured:
        found = delivery.deliveries_for([chooser.pk, default.pk], Why.PHASE_STARTED)
    assert found == {chooser.pk: Delivery.OFF, default.pk: Delivery.DAILY}
    assert len(captured) == 1
    with pytest.raises(ValueError):
        delivery.set_preferences(chooser, {Why.PHASE_STARTED: "hourly"})
    with pytest.raises(ValueError):
        delivery.set_preferences(chooser, {"gossip": Delivery.OFF})


def test_changing_a_delivery_moves_what_is_waiting(proposal):
    """A daily item still waiting goes into the weekly digest after the switch; switched to
    "immediately" it is sent at once; switched off it stays on the site only."""
    person = UserFactory()
    waiting = answered(proposal, person, delivery=Delivery.DAILY)
    delivery.set_preferences(person, {Why.PROPOSAL_ANSWERED: Delivery.WEEKLY})
    waiting.refresh_from_db()
    assert waiting.delivery == Delivery.WEEKLY
    delivery.set_preferences(person, {Why.PROPOSAL_ANSWERED: Delivery.OFF})
    waiting.refresh_from_db()
    assert waiting.delivery == Delivery.OFF
    mail.outbox.clear()
    delivery.set_preferences(person, {Why.PROPOSAL_ANSWERED: Delivery.IMMEDIATELY})
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_the_unsubscribe_link_of_a_mail_turns_its_reason_off(proposal, client):
    person = UserFactory()
    mail.outbox.clear()
    delivery.send_immediately([answered(proposal, person).pk])
    [message] = mail.outbox
    path = message.extra_headers["List-Unsubscribe"][1:-1].removeprefix("http://localhost")
    response = client.post(path, "List-Unsubscribe=One-Click", content_type="text/plain")
    assert response.status_code == 200
    assert delivery.preferences_of(person)[Why.PROPOSAL_ANSWERED] == Delivery.OFF
    mail.outbox.clear()
    later = answered(proposal, person, delivery=Delivery.OFF)
    delivery.send_immediately([later.pk])
    assert mail.outbox == []


def test_the_author_reads_that_their_proposal_has_an_answer(proposal):
    activity = ActivityFactory(
        kind="proposal_answered",
        target=proposal,
        data={"title": proposal.title, "state": "accepted", "answer": "<p>Wird gebaut.</p>"},
    )
    NotificationFactory(activity=activity, recipient=proposal.author, reason=Why.PROPOSAL_ANSWERED)
    mail.outbox.clear()
    delivery.send_immediately(Notification.objects.values_list("pk", flat=True))
    [message] = mail.outbox
    assert message.subject == in_german("Your proposal “%(title)s” has an answer") % {
        "title": proposal.title
    }
    assert "> Wird gebaut." in message.body and "<p>" not in message.body
    assert in_german(type(proposal).State.ACCEPTED.label) in message.body


def test_a_blocked_person_gets_no_notification_mail(proposal):
    person = UserFactory(is_active=False)
    notification = answered(proposal, person)
    mail.outbox.clear()
    delivery.send_immediately([notification.pk])
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.skipped


def test_hidden_after_the_task_was_queued_and_before_it_ran(proposal, settings):
    """The worker's queue holds the task; the proposal is hidden; then the worker runs it."""
    settings.TASKS = {
        **settings.TASKS,
        "worker": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    from django_tasks import task_backends

    queue = task_backends["worker"]
    queue.clear()
    notification = answered(proposal, UserFactory())
    delivery.send_immediately([notification.pk])
    [queued] = queue.results
    type(proposal).objects.filter(pk=proposal.pk).update(moderation=Moderation.HIDDEN)
    queued.task.call(*queued.args, **queued.kwargs)
    assert not OutgoingMail.objects.exists()
    notification.refresh_from_db()
    assert notification.skipped and notification.emailed_at is None
