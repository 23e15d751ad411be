"""Emails leave after the commit: with the mail server down, every action that sends one still
succeeds, keeps what it changed, logs the failed email, and the emails queued after it still go.
"""

import logging

from django.core import mail

import pytest

from cms.roles import MODERATORS
from participation import services
from participation.models import Block, Moderation, Proposal, Reason
from tests.cms.factories import UserFactory
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import event_at, next_summer
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_server_down(settings):
    """SMTP to a port on this machine where nothing listens: every send fails at once."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
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


def failed_emails(caplog):
    return [r.getMessage() for r in caplog.records if "on_commit()" in r.getMessage()]


def test_an_answer_is_saved_when_the_mail_server_is_down(
    proposal, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=None)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.answer) == (Proposal.State.ACCEPTED, "<p>Ja.</p>")
    assert any("send_proposal_answer" in message for message in failed_emails(caplog))


def test_hiding_and_blocking_stand_when_the_mail_server_is_down(
    proposal, moderator, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        services.moderate(proposal, services.Action.HIDE, moderator, reason=Reason.SPAM)
        services.block_user(proposal.author, moderator, Reason.SPAM)
    proposal.refresh_from_db()
    proposal.author.refresh_from_db()
    assert proposal.moderation == Moderation.HIDDEN
    assert not proposal.author.is_active
    assert Block.objects.filter(user=proposal.author, lifted_at=None).exists()
    failed = failed_emails(caplog)
    assert any("send_statement_of_reasons" in message for message in failed)
    assert any("send_block_notice" in message for message in failed)


def test_a_failed_email_does_not_stop_the_ones_after_it(
    proposal, moderator, settings, caplog, django_capture_on_commit_callbacks
):
    """The first email of the transaction fails (its author has an address the server
    refuses); the block notice queued after it is still sent."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    other = ProposalFactory(process=proposal.process)
    # An address with a line break: Django refuses to build the message.
    type(other.author).objects.filter(pk=other.author.pk).update(email="a@example.org\nBcc: x")
    mail.outbox.clear()
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        services.answer_proposal(other, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=None)
        services.block_user(proposal.author, moderator, Reason.SPAM)
    assert any("send_proposal_answer" in message for message in failed_emails(caplog))
    assert [message.to for message in mail.outbox] == [[proposal.author.email]]


def test_moving_up_from_the_waiting_list_stands_when_the_mail_server_is_down(
    site_homes, mail_server_down, caplog, django_capture_on_commit_callbacks
):
    event = event_at(EventIndexPageFactory(parent=site_homes[0]), next_summer(), capacity=1)
    first, waiting = UserFactory(), UserFactory()
    services.register(first, event)
    registration = services.register(waiting, event)
    assert not registration.is_confirmed
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        services.cancel(first, event)
    registration.refresh_from_db()
    assert registration.is_confirmed
    assert any("send_moved_up" in message for message in failed_emails(caplog))
