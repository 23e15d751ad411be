"""Nothing is sent in the request: actions record what happened (an activity and its
notifications) in their own transaction, and e-mails go through the outbox to the worker. With
the mail server down every action still succeeds and keeps what it changed; an action that
fails announces nothing.
"""

from django.core import mail
from django.db import transaction

import pytest

from cms.roles import MODERATORS
from participation import services
from participation.models import (
    Activity,
    Block,
    Moderation,
    Notification,
    NotificationReason,
    Proposal,
    Reason,
)
from tests.cms.factories import UserFactory
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import event_at, next_summer
from tests.participation.factories import ProposalFactory, notified
from tests.participation.worker import run_queue, use_database_queue
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """The worker's SMTP goes to a port on this machine where nothing listens: every send
    fails at once."""
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2


@pytest.fixture
def proposal(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    return ProposalFactory(process=process, moderation=Moderation.PUBLISHED)


@pytest.fixture
def moderator():
    return UserFactory(group=MODERATORS)


def test_an_answer_is_saved_and_announced_when_the_mail_server_is_down(proposal, mail_server_down):
    services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=None)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.answer) == (Proposal.State.ACCEPTED, "<p>Ja.</p>")
    assert [email for email, _data in notified(NotificationReason.PROPOSAL_ANSWERED)] == [
        proposal.author.email
    ]


def test_hiding_and_blocking_stand_when_the_mail_server_is_down(
    proposal, moderator, mail_server_down
):
    services.moderate(proposal, services.Action.HIDE, moderator, reason=Reason.SPAM)
    services.block_user(proposal.author, moderator, Reason.SPAM)
    proposal.refresh_from_db()
    proposal.author.refresh_from_db()
    assert proposal.moderation == Moderation.HIDDEN
    assert not proposal.author.is_active
    assert Block.objects.filter(user=proposal.author, lifted_at=None).exists()
    told = notified(NotificationReason.MODERATION)
    assert [email for email, _data in told] == [proposal.author.email] * 2
    assert [data["template"] for _email, data in told] == ["statement_of_reasons", "block_notice"]


def test_moving_up_from_the_waiting_list_stands_when_the_mail_server_is_down(
    site_homes, mail_server_down
):
    event = event_at(EventIndexPageFactory(parent=site_homes[0]), next_summer(), capacity=1)
    first, waiting = UserFactory(), UserFactory()
    services.register(first, event)
    registration = services.register(waiting, event)
    assert not registration.is_confirmed
    services.cancel(first, event)
    registration.refresh_from_db()
    assert registration.is_confirmed
    assert [email for email, _data in notified(NotificationReason.SEAT_FREED)] == [waiting.email]


def test_nothing_is_sent_in_the_request(client, proposal, moderator, settings):
    """With the worker's queue as in production, an action sends no e-mail itself: it queues
    the fan-out, and the worker notifies and mails."""
    use_database_queue(settings)
    mail.outbox.clear()
    services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=None)
    services.moderate(proposal, services.Action.HIDE, moderator, reason=Reason.SPAM)
    assert mail.outbox == []
    assert Notification.objects.count() == 0
    run_queue()
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == [proposal.author.email] * 2


def test_a_failed_action_announces_nothing(proposal, moderator):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=None)
        services.block_user(proposal.author, moderator, Reason.SPAM)
        raise RuntimeError("something after them failed")
    assert not Activity.objects.exists()
    assert not Notification.objects.exists()
    proposal.refresh_from_db()
    assert proposal.state != Proposal.State.ACCEPTED
