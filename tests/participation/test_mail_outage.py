"""A mail server that refuses or is down: every action answers as usual and is done, its mails
wait in the outbox and are delivered once the server takes mail again; sign-up and password
reset answer the same for known and unknown addresses whatever the mail server does.

The test settings run the worker's queue at once, so delivery is tried inside the request: the
harshest case (in production the worker sends, after the request). The mail servers are real
SMTP servers (aiosmtpd) on loopback ports, or a port where nothing listens.
"""

import email
import logging
import os
import re
import socket
from datetime import timedelta

from django.core.mail import mail_admins
from django.db import DatabaseError, DataError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
from aiosmtpd.controller import Controller
from allauth.account.models import EmailAddress

from cms.roles import MODERATORS
from participation import mail, services
from participation.models import (
    Comment,
    EventRegistration,
    IllegalContentNotice,
    ModerationLogEntry,
    OutgoingMail,
    RelayMessage,
    Report,
)
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import event_at, next_summer
from tests.participation.factories import ActionGroupFactory, MembershipFactory, ProposalFactory
from tests.participation.worker import Mailbox, pass_time, run_queue, use_database_queue
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db

State = OutgoingMail.State
PASSWORD = "ein-langes-Passwort-2026"
OUTAGES = ["refused at RCPT", "refused at DATA", "down"]


# --- Mail servers ---------------------------------------------------------------------------------


def loopback_port():
    """A free port on 127.0.0.1 in 9200-9299 (the range this project's tests may use on shared
    machines), a different half for each of two xdist workers."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    start = 9200 + 50 * (worker % 2)
    for port in range(start, start + 50):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 9200-9299")


class Refusing:
    """aiosmtpd handler that answers 554 to every recipient (``at="RCPT"``) or every message
    (``at="DATA"``)."""

    def __init__(self, at):
        self.at = at
        self.refused = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.at == "RCPT":
            self.refused += 1
            return "554 5.7.1 Recipient refused"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.refused += 1
        return "554 5.6.0 Message refused"


class MailServer:
    """The mail server that delivery talks to: refusing, down or accepting (and recording)."""

    def __init__(self, settings):
        self.settings = settings
        self.controller = None
        self.handler = None
        self.mailbox = Mailbox()
        settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_TIMEOUT = 2

    def _serve(self, handler):
        self.stop()
        port = loopback_port()
        self.controller = Controller(handler, hostname="127.0.0.1", port=port)
        self.controller.start()
        self.handler, self.settings.EMAIL_PORT = handler, port

    def set(self, state):
        if state == "down":
            # Nothing listens there: the connection is refused.
            self.stop()
            self.settings.EMAIL_PORT = loopback_port()
        elif state == "up":
            self._serve(self.mailbox)
        else:
            self._serve(Refusing(state.rsplit(" ", 1)[-1]))
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def server(settings):
    server = MailServer(settings)
    yield server
    server.stop()


def mails_to(address):
    return [m for m in OutgoingMail.objects.order_by("pk") if address in m.recipients]


def delivered_text(envelope):
    """The decoded text of a received message: its headers and every text part."""
    message = email.message_from_bytes(envelope.content)
    parts = [str(message)]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_payload(decode=True).decode(part.get_content_charset()))
    return "\n".join(parts)


def assert_waiting_then_delivered(server, recipients):
    """Every mail to ``recipients`` waits for a retry, none was lost or sent; once the server
    takes mail and the periodic job runs, each arrives at its recipient. Returns the received
    messages by recipient."""
    for address in recipients:
        waiting = mails_to(address)
        assert waiting, f"no mail to {address} in the outbox"
        for outgoing in waiting:
            assert (outgoing.state, outgoing.attempts) == (State.RETRYING, 1), outgoing
            assert outgoing.last_error and outgoing.next_attempt_at > timezone.now()
    assert not OutgoingMail.objects.filter(state=State.SENT).exists()
    assert server.mailbox.received == []

    server.set("up")
    # The first retry is due a minute later; the periodic job finds it.
    pass_time(timedelta(minutes=2))
    assert mail.resend_due(timezone.now()) == OutgoingMail.objects.count()
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {State.SENT}
    queued = sorted(a for m in OutgoingMail.objects.all() for a in m.recipients)
    assert server.mailbox.recipients() == queued
    received = {}
    for envelope in server.mailbox.received:
        for address in envelope.rcpt_tos:
            received.setdefault(address, []).append(delivered_text(envelope))
    assert set(recipients) <= set(received)
    return received


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """A request whose on-commit callbacks run, as in production where each request commits."""

    def request(method, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return method(*args, **kwargs)

    return request


# --- Every action answers, is done, and its mail arrives later ------------------------------------


@pytest.mark.parametrize("outage", OUTAGES)
def test_sign_up(client, site_homes, server, committed, outage):
    server.set(outage)
    response = committed(
        client.post,
        reverse("account_signup"),
        {
            "email": "neu@example.org",
            "display_name": "Neue Nachbarin",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="neu@example.org").verified

    received = assert_waiting_then_delivered(server, ["neu@example.org"])
    link = re.search(
        r"https?://testserver(/\S+/confirm-email/\S+/)", received["neu@example.org"][0]
    )
    assert client.post(link.group(1)).status_code == 302
    assert EmailAddress.objects.get(email="neu@example.org").verified


@pytest.mark.parametrize("outage", OUTAGES)
def test_notice_of_illegal_content(client, site_homes, server, committed, outage):
    server.set(outage)
    url = reverse("participation:illegal_content_notice")
    data = {
        "reason": "defamation",
        "url": "http://localhost/de/beteiligung/prozess/vorschlaege/1/",
        "explanation": "Der Kommentar behauptet falsche Tatsachen über eine Person.",
        "name": "Erika",
        "email": "erika@example.org",
        "good_faith": "on",
    }
    response = committed(client.post, url, data, HTTP_HOST="localhost")
    assert (response.status_code, response["Location"]) == (302, url)
    notice = IllegalContentNotice.objects.get()
    assert notice.email == "erika@example.org"

    received = assert_waiting_then_delivered(server, ["erika@example.org"])
    assert notice.url in received["erika@example.org"][0]


@pytest.mark.parametrize("outage", OUTAGES)
def test_password_reset(client, site_homes, server, committed, outage):
    person = UserFactory(email="bekannt@example.org")
    server.set(outage)
    response = committed(client.post, reverse("account_reset_password"), {"email": person.email})
    assert (response.status_code, response["Location"]) == (
        302,
        reverse("account_reset_password_done"),
    )

    received = assert_waiting_then_delivered(server, [person.email])
    link = re.search(
        r"https?://testserver(/\S+/password/reset/key/\S+/)", received[person.email][0]
    )
    form = client.get(link.group(1), follow=True)
    form_url = form.redirect_chain[-1][0] if form.redirect_chain else link.group(1)
    new = PASSWORD + "!"
    assert client.post(form_url, {"password1": new, "password2": new}).status_code == 302
    person.refresh_from_db()
    assert person.check_password(new)


@pytest.mark.parametrize("outage", OUTAGES)
def test_moderator_hides_a_comment(client, site_homes, server, committed, outage):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, title="Enkeltauglich", phases=[running_phase()])
    process.save_revision().publish()
    proposal = ProposalFactory(process=process, field_of_action=FieldOfActionFactory())
    author = UserFactory(email="autorin@example.org")
    comment = services.create_comment(author, proposal, "Beleidigend", process=None)
    Report.objects.create(target=comment, reporter=UserFactory(), reason="insult")
    moderator = UserFactory(group=MODERATORS)
    client.force_login(moderator)
    server.set(outage)

    response = committed(
        client.post,
        "/admin/moderation/",
        {
            "items": [f"comment:{comment.pk}"],
            "action": "hide",
            "reason": "insult",
            "note": "Bitte sachlich.",
        },
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.HIDDEN
    assert ModerationLogEntry.objects.get().moderator == moderator

    received = assert_waiting_then_delivered(server, [author.email])
    # The statement of reasons, with the hidden text and the moderator's note.
    [statement] = received[author.email]
    assert "Beleidigend" in statement and "Bitte sachlich." in statement


@pytest.mark.parametrize("outage", OUTAGES)
def test_cancelling_a_registration(client, site_homes, server, committed, outage):
    event = event_at(EventIndexPageFactory(parent=site_homes[0]), next_summer(), capacity=1)
    leaving = UserFactory()
    waiting = UserFactory(email="wartend@example.org")
    services.register(leaving, event)
    services.register(waiting, event)
    client.force_login(leaving)
    server.set(outage)

    response = committed(client.post, reverse("participation:cancel_registration", args=[event.pk]))
    assert response.status_code == 302
    [registration] = EventRegistration.objects.filter(event=event)
    assert (registration.user, registration.status) == (waiting, EventRegistration.Status.CONFIRMED)

    # The person who moved up is told.
    received = assert_waiting_then_delivered(server, [waiting.email])
    assert event.title in received[waiting.email][0]


@pytest.mark.parametrize("outage", OUTAGES)
def test_contact_relay(client, site_homes, server, committed, outage):
    leads = [UserFactory(email="lea@example.org"), UserFactory(email="leo@example.org")]
    group = ActionGroupFactory(name="Reparaturcafé")
    for lead in leads:
        MembershipFactory(group=group, user=lead, role="lead")
    server.set(outage)

    response = committed(
        client.post,
        reverse("participation:relay_group", kwargs={"pk": group.pk}),
        {"name": "Vera Besucherin", "email": "vera@besuch.example", "text": "Hallo ihr!"},
    )
    assert (response.status_code, response["Location"]) == (302, group.get_url())
    record = RelayMessage.objects.get()
    assert (record.group, record.recipient_count) == (group, 2)

    received = assert_waiting_then_delivered(server, [lead.email for lead in leads])
    for lead in leads:
        [text] = received[lead.email]
        assert "Hallo ihr!" in text and "Vera Besucherin" in text
        assert "vera@besuch.example" not in text


@pytest.mark.parametrize("outage", OUTAGES)
def test_the_error_report_to_the_administrators(client, site_homes, server, settings, outage):
    # A request with a forged host name is answered 400 and reported to ADMINS by Django's log
    # (AdminEmailHandler): the report is queued like every mail.
    settings.ADMINS = [("Betrieb", "betrieb@example.org")]
    server.set(outage)
    response = client.get("/de/", HTTP_HOST="angriff.example")
    assert response.status_code == 400
    received = assert_waiting_then_delivered(server, ["betrieb@example.org"])
    assert "angriff.example" in received["betrieb@example.org"][0]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite answers 1/0 with NULL, not an error"
)
def test_the_error_report_never_replaces_the_error_when_the_database_fails(settings):
    # The error being reported may be the database's: then the report is lost, not raised from
    # the log call (which would turn the site's error page into a bare server error).
    settings.ADMINS = [("Betrieb", "betrieb@example.org")]
    with transaction.atomic():
        with pytest.raises(DataError), connection.cursor() as cursor:
            cursor.execute("SELECT 1/0")
        # PostgreSQL refuses every statement of this transaction from now on.
        logging.getLogger("django.request").error("Internal Server Error: /de/")
        mail_admins("Fehler", "Die Datenbank antwortet nicht.", fail_silently=True)
        transaction.set_rollback(True)
    assert not OutgoingMail.objects.exists()
    # Without fail_silently the caller learns that its mail was not queued.
    with transaction.atomic():
        with pytest.raises(DataError), connection.cursor() as cursor:
            cursor.execute("SELECT 1/0")
        with pytest.raises(DatabaseError):
            mail_admins("Fehler", "Die Datenbank antwortet nicht.")
        transaction.set_rollback(True)


def test_with_the_workers_queue_a_request_never_waits_for_the_mail_server(
    client, site_homes, server, settings, committed
):
    # As in production: the mail waits in the outbox for the worker. The mail server takes
    # connections but never answers; the request does not even connect to it.
    use_database_queue(settings)
    settings.EMAIL_TIMEOUT = 1
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", loopback_port()))
        silent.listen()
        silent.setblocking(False)
        settings.EMAIL_PORT = silent.getsockname()[1]
        response = committed(
            client.post,
            reverse("account_signup"),
            {
                "email": "neu@example.org",
                "display_name": "Neue Nachbarin",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status_code == 302
        with pytest.raises(BlockingIOError):
            silent.accept()  # nobody knocked
        [outgoing] = OutgoingMail.objects.all()
        assert outgoing.state == State.QUEUED

        # The worker waits EMAIL_TIMEOUT, then the mail waits for its next attempt.
        assert run_queue() == 1
        outgoing.refresh_from_db()
        assert (outgoing.state, outgoing.attempts) == (State.RETRYING, 1)
        assert "timed out" in outgoing.last_error

    server.set("up")
    pass_time(timedelta(minutes=2))
    assert run_queue() == 1
    outgoing.refresh_from_db()
    assert outgoing.state == State.SENT
    assert server.mailbox.recipients() == ["neu@example.org"]


# --- Sign-up and password reset reveal nothing, whatever the mail server does ---------------------


def as_seen(html, address):
    """``html`` without its form tokens, and with the address the visitor typed as ADDRESS."""
    html = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+"', r'\1"', html)
    return html.replace(address, "ADDRESS")


def answer_to(path, data):
    """Everything a fresh visitor sees after posting ``data`` to ``path``: the status, where it
    leads, the cookies set, and the page it leads to (without its form tokens)."""
    client = Client()
    client.get(path)
    response = client.post(path, data)
    assert response.status_code != 500
    following = client.get(response["Location"]) if response.has_header("Location") else None
    return (
        response.status_code,
        response.get("Location"),
        sorted(response.cookies),
        as_seen(response.content.decode(), data["email"]),
        following and following.status_code,
        following and as_seen(following.content.decode(), data["email"]),
    )


STATES = ["up", "refused at RCPT", "down"]


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(site_homes, server):
    known = UserFactory(email="bekannt@example.org")
    path = reverse("account_reset_password")
    answers = []
    for state in STATES:
        server.set(state)
        answers.append(answer_to(path, {"email": known.email}))
        answers.append(answer_to(path, {"email": "unbekannt@example.org"}))
    assert answers[0][:2] == (302, reverse("account_reset_password_done"))
    assert all(answer == answers[0] for answer in answers)
    # Only the known address was mailed, once per attempt; what the server refused waits.
    assert [m.recipients for m in OutgoingMail.objects.order_by("pk")] == [[known.email]] * 3
    assert server.mailbox.recipients() == [known.email]


def sign_up_data(address, display_name):
    return {
        "email": address,
        "display_name": display_name,
        "password1": PASSWORD,
        "password2": PASSWORD,
    }


def test_sign_up_answers_the_same_for_new_and_existing_addresses(site_homes, server):
    path = reverse("account_signup")
    first, again = [], []
    for number, state in enumerate(STATES):
        server.set(state)
        existing = UserFactory(email=f"bekannt{number}@example.org", display_name=f"Hanna {number}")
        for address in [existing.email, f"neu{number}@example.org"]:
            first.append(answer_to(path, sign_up_data(address, f"Erste {address[:6]}{number}")))
        # Trying the same address again at once: allauth sends no second mail within minutes
        # (then says nothing about one), for the new account just made as for an old one.
        for address in [existing.email, f"neu{number}@example.org"]:
            again.append(answer_to(path, sign_up_data(address, f"Zweite {address[:6]}{number}")))
        existing.refresh_from_db()
        assert existing.display_name == f"Hanna {number}"
    assert first[0][:2] == again[0][:2] == (302, reverse("account_email_verification_sent"))
    assert all(answer == first[0] for answer in first)
    assert all(answer == again[0] for answer in again)
    # Each address got one mail (an existing one: that somebody tried to sign up with it).
    assert sorted(a for m in OutgoingMail.objects.all() for a in m.recipients) == sorted(
        [f"bekannt{n}@example.org" for n in range(3)] + [f"neu{n}@example.org" for n in range(3)]
    )
    assert server.mailbox.recipients() == ["bekannt0@example.org", "neu0@example.org"]
