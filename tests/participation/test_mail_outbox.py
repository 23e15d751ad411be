"""The outbox and its delivery: queued in the transaction, sent by the worker over one
connection, retried with backoff while the mail server refuses, sent once and only once, given up
after MAIL_MAX_ATTEMPTS and sent again by staff from the admin."""

from datetime import timedelta

from django.core import mail as django_mail
from django.core.mail import EmailMessage, send_mail, send_mass_mail
from django.db import transaction
from django.utils import timezone

import pytest
from django_tasks_db.models import DBTaskResult

from cms.roles import MODERATORS
from participation import mail
from participation.models import OutgoingMail
from tests.cms.factories import UserFactory
from tests.participation.worker import (
    SMTPServer,
    due_in,
    pass_time,
    ready_tasks,
    run_queue,
    use_database_queue,
    use_outbox,
)

pytestmark = pytest.mark.django_db

State = OutgoingMail.State
OUTBOX = "/admin/outbox/"


@pytest.fixture(autouse=True)
def _outbox(settings):
    use_outbox(settings)


@pytest.fixture
def queue(settings):
    use_database_queue(settings)


@pytest.fixture
def smtp(settings):
    server = SMTPServer(settings)
    yield server
    server.stop()


def waiting_tasks():
    return DBTaskResult.objects.filter(status="READY", backend_name="worker")


def test_mails_wait_in_the_outbox_until_the_worker_sends_them(queue, smtp):
    smtp.start()
    send_mail("Willkommen", "Hallo!", None, ["neu@example.org"])
    outgoing = OutgoingMail.objects.get()
    assert (outgoing.state, outgoing.recipients, outgoing.subject) == (
        State.QUEUED,
        ["neu@example.org"],
        "Willkommen",
    )
    assert smtp.mailbox.received == []

    assert run_queue() == 1
    outgoing.refresh_from_db()
    assert (outgoing.state, outgoing.attempts, outgoing.last_error) == (State.SENT, 1, "")
    assert outgoing.sent_at is not None
    assert smtp.mailbox.recipients() == ["neu@example.org"]
    assert smtp.mailbox.message_ids() == [f"<outbox.{outgoing.pk}@testserver>"]


def test_a_rolled_back_transaction_queues_nothing(queue, smtp):
    smtp.start()
    with pytest.raises(RuntimeError), transaction.atomic():
        send_mail("Willkommen", "Hallo!", None, ["neu@example.org"])
        raise RuntimeError("the action failed")
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert run_queue() == 0
    assert smtp.mailbox.received == []


def test_a_refusing_server_gets_the_mail_again_after_1_then_2_minutes_and_once(queue, smtp):
    smtp.start()
    smtp.mailbox.refuse = 2
    send_mail("Antwort", "Ihr Vorschlag hat eine Antwort.", None, ["autorin@example.org"])
    outgoing = OutgoingMail.objects.get()

    now = timezone.now()
    run_queue()
    outgoing.refresh_from_db()
    assert (outgoing.state, outgoing.attempts) == (State.RETRYING, 1)
    assert "451" in outgoing.last_error
    assert due_in(outgoing, now) == 60
    retry = waiting_tasks().get()
    assert retry.run_after == outgoing.next_attempt_at
    assert retry.args_kwargs["args"] == [[outgoing.pk]]
    assert run_queue() == 0  # not due yet

    pass_time(timedelta(minutes=1))
    now = timezone.now()
    assert run_queue() == 1
    outgoing.refresh_from_db()
    assert (outgoing.state, outgoing.attempts) == (State.RETRYING, 2)
    assert due_in(outgoing, now) == 120

    pass_time(timedelta(minutes=1))
    assert run_queue() == 0
    pass_time(timedelta(minutes=1))
    assert run_queue() == 1
    outgoing.refresh_from_db()
    assert (outgoing.state, outgoing.attempts, outgoing.last_error) == (State.SENT, 3, "")
    assert smtp.mailbox.refused == 2
    assert smtp.mailbox.recipients() == ["autorin@example.org"]

    pass_time(timedelta(days=1))
    mail.resend_due(timezone.now())
    run_queue()
    assert len(smtp.mailbox.received) == 1


def test_the_backoff_doubles_up_to_its_cap(settings):
    settings.MAIL_RETRY_BASE_SECONDS, settings.MAIL_RETRY_MAX_SECONDS = 60, 600
    assert [mail.backoff(n).total_seconds() for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]


def test_a_sent_mail_is_not_sent_again_by_a_duplicate_task(queue, smtp):
    smtp.start()
    send_mail("Einmal", "Nur einmal.", None, ["einmal@example.org"])
    outgoing = OutgoingMail.objects.get()
    mail.deliver.using(backend="worker").enqueue([outgoing.pk])
    mail.enqueue_delivery([outgoing.pk, outgoing.pk])
    assert run_queue() == 3
    assert len(smtp.mailbox.received) == 1
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3
    assert mail.resend_due(timezone.now() + timedelta(days=1)) == 0


def test_a_mail_another_worker_is_sending_is_left_alone_until_its_lease_ends(queue, smtp):
    """A worker that died while sending leaves its mails leased; the re-queueing job sends them
    when the lease has run out, and not before."""
    smtp.start()
    send_mail("Vergeben", "Text", None, ["vergeben@example.org"])
    outgoing = OutgoingMail.objects.get()
    OutgoingMail.objects.update(next_attempt_at=timezone.now() + mail.LEASE)  # claimed elsewhere
    run_queue()
    assert smtp.mailbox.received == []

    assert mail.resend_due(timezone.now()) == 0
    assert mail.resend_due(timezone.now() + mail.LEASE + timedelta(seconds=1)) == 1
    pass_time(mail.LEASE + timedelta(seconds=1))
    run_queue()
    outgoing.refresh_from_db()
    assert outgoing.state == State.SENT
    assert len(smtp.mailbox.received) == 1


def test_a_mail_whose_task_was_lost_is_queued_again(queue, smtp):
    smtp.start()
    send_mail("Verloren", "Text", None, ["verloren@example.org"])
    DBTaskResult.objects.all().delete()
    assert mail.resend_due(timezone.now()) == 0  # it may just be waiting for the worker
    assert mail.resend_due(timezone.now() + mail.STALE_QUEUED) == 1
    run_queue()
    assert smtp.mailbox.recipients() == ["verloren@example.org"]


def test_one_connection_sends_a_batch(queue, smtp):
    smtp.start()
    send_mass_mail(
        [(f"Nachricht {n}", "Text", None, [f"person{n}@example.org"]) for n in range(250)]
    )
    assert waiting_tasks().count() == 1
    run_queue()
    assert len(smtp.mailbox.received) == 250
    assert len(smtp.mailbox.sessions) == 1
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {State.SENT}
    assert len(set(smtp.mailbox.message_ids())) == 250


def test_a_refused_recipient_does_not_hold_up_the_others(queue, smtp):
    smtp.start()
    smtp.mailbox.refused_recipients = {"weg@example.org"}
    send_mass_mail(
        [
            ("Eins", "Text", None, ["eins@example.org"]),
            ("Weg", "Text", None, ["weg@example.org"]),
            ("Drei", "Text", None, ["drei@example.org"]),
        ]
    )
    run_queue()
    states = dict(OutgoingMail.objects.values_list("subject", "state"))
    assert states == {"Eins": State.SENT, "Weg": State.RETRYING, "Drei": State.SENT}
    assert smtp.mailbox.recipients() == ["drei@example.org", "eins@example.org"]


def test_a_message_that_cannot_be_built_is_given_up_at_once(queue, smtp):
    smtp.start()
    EmailMessage("Kaputt", "Text", None, ["kaputt@example.org\nBcc: alle@example.org"]).send()
    send_mail("Heil", "Text", None, ["heil@example.org"])
    run_queue()
    broken = OutgoingMail.objects.get(subject="Kaputt")
    assert (broken.state, broken.attempts) == (State.DEAD, 1)
    assert broken.last_error
    assert smtp.mailbox.recipients() == ["heil@example.org"]
    assert not waiting_tasks().exists()


def test_with_the_immediate_queue_a_retry_waits_for_the_periodic_job(smtp):
    """The tests' default queue cannot defer: a failed mail waits, "retrying", until the
    re-queueing job finds it due, instead of being retried in a loop."""
    send_mail("Später", "Text", None, ["spaeter@example.org"])  # the server is down
    outgoing = OutgoingMail.objects.get()
    assert (outgoing.state, outgoing.attempts) == (State.RETRYING, 1)
    assert "Connection refused" in outgoing.last_error or "ConnectionRefused" in (
        outgoing.last_error
    )

    smtp.start()
    assert mail.resend_due(timezone.now()) == 0
    pass_time(timedelta(minutes=1))
    assert mail.resend_due(timezone.now()) == 1
    outgoing.refresh_from_db()
    assert outgoing.state == State.SENT
    assert smtp.mailbox.recipients() == ["spaeter@example.org"]


# --- Dead letters -------------------------------------------------------------------------------


@pytest.fixture
def dead_mail(queue, smtp, settings):
    """A password reset mail the worker gave up on: the mail server was down three times."""
    settings.MAIL_MAX_ATTEMPTS = 3
    send_mail(
        "Passwort zurücksetzen", "Geheimer Link: /reset/abc/", None, ["vergessen@example.org"]
    )
    for _ in range(3):
        run_queue()
        pass_time(timedelta(hours=1))
    outgoing = OutgoingMail.objects.get()
    assert not ready_tasks().exists()
    return outgoing


def test_after_the_last_attempt_the_mail_is_dead_and_nothing_is_queued(dead_mail):
    dead_mail.refresh_from_db()
    assert (dead_mail.state, dead_mail.attempts, dead_mail.next_attempt_at) == (State.DEAD, 3, None)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert mail.resend_due(timezone.now() + timedelta(days=1)) == 0


def test_staff_see_dead_letters_and_send_them_again(client, dead_mail, smtp):
    client.force_login(UserFactory(is_superuser=True))
    sent = OutgoingMail.objects.create(recipients=["ok@example.org"], subject="Längst versandt")
    sent.state = State.SENT
    sent.save()

    html = client.get(OUTBOX).content.decode()
    assert "Passwort zurücksetzen" in html
    assert "vergessen@example.org" in html
    assert "Connection" in html  # the last error
    assert "Längst versandt" not in html  # sent mails are not dead letters
    assert "Geheimer Link" not in html  # the text of a mail is never shown
    assert f"{OUTBOX}send-again/{dead_mail.pk}/" in html
    assert "Passwort zurücksetzen" in client.get(OUTBOX, {"q": "Passwort"}).content.decode()
    assert "Passwort zurücksetzen" in client.get(OUTBOX, {"state": "dead"}).content.decode()
    assert "Passwort zurücksetzen" not in (
        client.get(OUTBOX, {"state": "retrying"}).content.decode()
    )

    inspect = client.get(f"{OUTBOX}inspect/{dead_mail.pk}/").content.decode()
    assert "vergessen@example.org" in inspect and "Geheimer Link" not in inspect

    confirm = client.get(f"{OUTBOX}send-again/{dead_mail.pk}/")
    assert confirm.status_code == 200
    assert "Geheimer Link" not in confirm.content.decode()
    assert OutgoingMail.objects.get(pk=dead_mail.pk).state == State.DEAD  # GET changes nothing

    smtp.start()
    response = client.post(f"{OUTBOX}send-again/{dead_mail.pk}/")
    assert response.status_code == 302
    dead_mail.refresh_from_db()
    assert (dead_mail.state, dead_mail.attempts) == (State.QUEUED, 0)
    run_queue()
    dead_mail.refresh_from_db()
    assert dead_mail.state == State.SENT
    assert smtp.mailbox.recipients() == ["vergessen@example.org"]

    # Sending again a mail that is sent does nothing.
    response = client.post(f"{OUTBOX}send-again/{dead_mail.pk}/")
    assert response.status_code == 302
    run_queue()
    assert len(smtp.mailbox.received) == 1


@pytest.mark.parametrize("group", [None, MODERATORS])
def test_residents_and_moderators_cannot_see_or_resend_the_outbox(client, dead_mail, group):
    client.force_login(UserFactory(group=group))
    for response in (
        client.get(OUTBOX),
        client.get(f"{OUTBOX}inspect/{dead_mail.pk}/"),
        client.post(f"{OUTBOX}send-again/{dead_mail.pk}/"),
    ):
        assert response.status_code in (302, 403)
        assert "vergessen@example.org" not in response.content.decode()
    assert OutgoingMail.objects.get(pk=dead_mail.pk).state == State.DEAD


def test_the_view_permission_shows_the_outbox_and_the_change_permission_resends(client, dead_mail):
    from django.contrib.auth.models import Permission

    staff = UserFactory(group=MODERATORS)
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff.user_permissions.add(Permission.objects.get(codename="view_outgoingmail"))
    client.force_login(staff)
    html = client.get(OUTBOX).content.decode()
    assert "vergessen@example.org" in html
    assert f"{OUTBOX}send-again/" not in html
    client.post(f"{OUTBOX}send-again/{dead_mail.pk}/")
    assert OutgoingMail.objects.get(pk=dead_mail.pk).state == State.DEAD

    staff.user_permissions.add(Permission.objects.get(codename="change_outgoingmail"))
    client.force_login(staff)
    assert f"{OUTBOX}send-again/{dead_mail.pk}/" in client.get(OUTBOX).content.decode()
    client.post(f"{OUTBOX}send-again/{dead_mail.pk}/")
    assert OutgoingMail.objects.get(pk=dead_mail.pk).state == State.QUEUED


def test_the_default_test_queue_still_fills_django_s_outbox():
    """With the immediate queue (the test settings) a mail is delivered as it is queued."""
    send_mail("Sofort", "Text", None, ["sofort@example.org"])
    assert [m.subject for m in django_mail.outbox] == ["Sofort"]
    assert OutgoingMail.objects.get().state == State.SENT
