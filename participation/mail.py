"""The outbox: every e-mail of the platform is written to
:class:`~participation.models.OutgoingMail` in the request's transaction and sent by the worker.

- :class:`QueuedEmailBackend` (``EMAIL_BACKEND``): Django's mail API (allauth's sign-up and reset
  mails included) writes here; nothing is sent in the request, so a mail server that is down
  never turns a committed action into an error, and a rolled-back action sends nothing. With
  ``fail_silently`` (the error log's mails to ``ADMINS``) a database that cannot take the mail
  loses it instead of raising.
- :func:`deliver` (a task on the "worker" backend): sends queued mails through
  ``MAIL_DELIVERY_BACKEND`` over one connection per batch.

How a mail is sent once and only once:

- A batch *claims* its mails in a short transaction: the rows are locked
  (``select_for_update(skip_locked=True)`` on PostgreSQL, an exclusive transaction on SQLite) and
  leased (``next_attempt_at`` moves ``LEASE`` ahead), so another worker, a duplicate task or the
  re-queueing job skip them while they are being sent. No lock is held while talking to the mail
  server.
- Mails are marked sent within a second of the server's "250 OK" (``SENT_MARKS`` at a time: a
  write per mail would cost more than the SMTP conversation). A mail already sent is never
  claimed again. Only a crash between the "250 OK" and that update can send a mail a second
  time; every mail carries a stable ``Message-ID`` (its primary key and the site's domain), so
  such a copy can be recognised.
- A mail server that refuses or is down (``SMTPException``, ``OSError``: refused connections,
  timeouts) costs the mail one attempt: it waits (state "retrying") 1, 2, 4 … minutes
  (``MAIL_RETRY_BASE_SECONDS`` doubled per attempt, at most ``MAIL_RETRY_MAX_SECONDS``) in a
  task deferred with ``run_after``. After ``MAIL_MAX_ATTEMPTS`` it is "dead" and waits for staff
  (the outbox in the admin: "Send again"). A message that cannot even be built (a malformed
  address) is dead at once.
- :func:`resend_due` (a periodic job) queues again what lost its task: retries whose time has
  come (always the case with a queue that cannot defer, such as the tests' immediate one) and
  mails whose lease ran out because a worker died while sending.
"""

import contextlib
import logging
import smtplib
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.utils import DNS_NAME
from django.db import DatabaseError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from django_tasks import task
from django_tasks_db.utils import exclusive_transaction

from .models import OutgoingMail

logger = logging.getLogger(__name__)

State = OutgoingMail.State

BATCH = 100
"""Mails claimed (and locked) together; one connection serves all batches of a task."""

SENT_MARKS = 20
"""At most this many mails are sent before they are marked sent (see :class:`SentMarks`)."""

LEASE = timedelta(minutes=15)
"""How long a claimed mail is left alone by others; after it, a dead worker's mails are sent."""

TRANSIENT = (smtplib.SMTPException, OSError)
"""The mail server refused or could not be reached: worth another attempt later."""

DEFAULT_MAX_ATTEMPTS = 8
DEFAULT_RETRY_BASE_SECONDS = 60
DEFAULT_RETRY_MAX_SECONDS = 4 * 60 * 60


def _serialise(message):
    return {
        "from_email": message.from_email,
        "body": message.body,
        "alternatives": [list(alternative) for alternative in getattr(message, "alternatives", [])],
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
    }


def compose(template, context, recipients, language, **kwargs):
    """An :class:`EmailMessage` from the templates ``<template>_subject.txt`` and
    ``<template>_body.txt``, written in ``language`` (the subject on one line); ``kwargs`` go to
    the message (``reply_to`` …). Sending it queues it here."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, recipients, **kwargs)


def message_domain():
    """The domain in the outbox's Message-IDs: the site's, from ``WAGTAILADMIN_BASE_URL``."""
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return urlsplit(base_url).hostname or str(DNS_NAME)


def message_id(mail, domain):
    return f"<outbox.{mail.pk}@{domain}>"


def _message(mail, domain):
    data = mail.message
    headers = dict(data.get("headers") or {})
    if not any(name.lower() == "message-id" for name in headers):
        headers["Message-ID"] = message_id(mail, domain)
    message = EmailMultiAlternatives(
        mail.subject,
        data.get("body", ""),
        data.get("from_email"),
        mail.recipients,
        cc=data.get("cc") or None,
        bcc=data.get("bcc") or None,
        reply_to=data.get("reply_to") or None,
        headers=headers,
    )
    for content, mimetype in data.get("alternatives", []):
        message.attach_alternative(content, mimetype)
    return message


def queue(messages):
    """Write ``messages`` to the outbox and queue their delivery, in the current transaction."""
    messages = [m for m in messages if m.recipients()]
    if not messages:
        return []
    with transaction.atomic():
        mails = OutgoingMail.objects.bulk_create(
            OutgoingMail(recipients=list(m.to), subject=str(m.subject), message=_serialise(m))
            for m in messages
        )
        deliver.using(backend="worker").enqueue([mail.pk for mail in mails])
    return mails


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        try:
            return len(queue(list(email_messages)))
        except DatabaseError:
            # Asked for by the error log's mail to ADMINS (AdminEmailHandler): the error it
            # reports may be the database's, and the report must not replace the error page.
            if not self.fail_silently:
                raise
            logger.warning("E-mails could not be queued", exc_info=True)
            return 0


# --- Delivery ------------------------------------------------------------------------------------


def max_attempts():
    return getattr(settings, "MAIL_MAX_ATTEMPTS", DEFAULT_MAX_ATTEMPTS)


def backoff(attempts):
    """How long a mail waits after its ``attempts``-th failed attempt: 1, 2, 4 … minutes."""
    base = getattr(settings, "MAIL_RETRY_BASE_SECONDS", DEFAULT_RETRY_BASE_SECONDS)
    cap = getattr(settings, "MAIL_RETRY_MAX_SECONDS", DEFAULT_RETRY_MAX_SECONDS)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def sendable(now):
    """Mails waiting to be sent whose time has come and that nobody is sending."""
    return Q(state__in=[State.QUEUED, State.RETRYING]) & (
        Q(next_attempt_at=None) | Q(next_attempt_at__lte=now)
    )


def _claim(mail_ids, now):
    """Lock and lease the sendable mails among ``mail_ids``."""
    with exclusive_transaction(OutgoingMail.objects.db):
        mails = list(
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(sendable(now), pk__in=mail_ids)
            .order_by("pk")
        )
        if mails:
            OutgoingMail.objects.filter(pk__in=[mail.pk for mail in mails]).update(
                next_attempt_at=now + LEASE
            )
    return mails


class SentMarks:
    """Marks mails sent, a few at once: one write (and, on SQLite, one sync to disk) per mail
    would cost more than the SMTP conversation. Flushed after ``SENT_MARKS`` mails, after a
    second, and before anything else is written."""

    def __init__(self):
        self.pks, self.since = [], time.monotonic()

    def add(self, mail):
        self.pks.append(mail.pk)
        if len(self.pks) >= SENT_MARKS or time.monotonic() - self.since > 1:
            self.flush()

    def flush(self):
        if self.pks:
            OutgoingMail.objects.filter(pk__in=self.pks).update(
                state=State.SENT,
                sent_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
                next_attempt_at=None,
            )
        self.pks, self.since = [], time.monotonic()


def _describe(error):
    return f"{type(error).__name__}: {error}"[:2000]


def _failed(mails, error, *, permanent=False):
    """Record a failed attempt for ``mails``: wait for the next one, or give up."""
    now = timezone.now()
    retries = {}
    for mail in mails:
        mail.attempts += 1
        mail.last_error = _describe(error)
        if permanent or mail.attempts >= max_attempts():
            mail.state, mail.next_attempt_at = State.DEAD, None
            logger.error(
                "Giving up on e-mail %s after %s attempts: %s", mail.pk, mail.attempts, error
            )
        else:
            mail.state, mail.next_attempt_at = State.RETRYING, now + backoff(mail.attempts)
            retries.setdefault(mail.next_attempt_at, []).append(mail.pk)
    OutgoingMail.objects.bulk_update(mails, ["attempts", "last_error", "state", "next_attempt_at"])
    if deliver.get_backend().supports_defer:
        for run_after, mail_ids in retries.items():
            deliver.using(backend="worker", run_after=run_after).enqueue(mail_ids)
    # A queue that cannot defer (the immediate one) would retry at once, in a loop: the mails
    # stay "retrying" until resend_due finds them due.


def _close(connection):
    with contextlib.suppress(TRANSIENT):
        connection.close()


@task(backend="worker")
def deliver(mail_ids):
    """Send the sendable mails among ``mail_ids``; returns how many were sent."""
    mail_ids = sorted(set(mail_ids))
    domain = message_domain()
    connection, server_error, sent, total = None, None, SentMarks(), 0
    try:
        for start in range(0, len(mail_ids), BATCH):
            mails = _claim(mail_ids[start : start + BATCH], timezone.now())
            for index, mail in enumerate(mails):
                if server_error is not None:
                    # The server could not be reached: the rest of the task waits with this mail.
                    _failed(mails[index:], server_error)
                    break
                if connection is None:
                    try:
                        connection = get_connection(settings.MAIL_DELIVERY_BACKEND)
                        connection.open()
                    except TRANSIENT as error:
                        logger.warning("Mail server unavailable: %s", error)
                        connection, server_error = None, error
                        sent.flush()
                        _failed(mails[index:], error)
                        break
                try:
                    connection.send_messages([_message(mail, domain)])
                except Exception as error:
                    sent.flush()
                    if isinstance(error, TRANSIENT):
                        logger.warning("E-mail %s was not accepted: %s", mail.pk, error)
                        _failed([mail], error)
                    else:
                        # Not the server: the message itself (a malformed address) cannot be sent.
                        logger.exception("E-mail %s cannot be sent", mail.pk)
                        _failed([mail], error, permanent=True)
                    # The connection may be broken: the next mail opens a new one.
                    _close(connection)
                    connection = None
                    continue
                sent.add(mail)
                total += 1
    finally:
        sent.flush()
        if connection is not None:
            _close(connection)
    return total


def enqueue_delivery(mail_ids):
    """Queue the delivery of ``mail_ids`` on the worker, ``BATCH * 10`` mails per task."""
    mail_ids = list(mail_ids)
    size = BATCH * 10
    for start in range(0, len(mail_ids), size):
        deliver.using(backend="worker").enqueue(mail_ids[start : start + size])


def send_again(mail_ids):
    """Staff's "send again": mails that were given up on (or wait for a retry) are queued once
    more with a fresh series of attempts. Returns how many."""
    with transaction.atomic():
        mail_ids = list(
            OutgoingMail.objects.select_for_update()
            .filter(pk__in=mail_ids, state__in=[State.DEAD, State.RETRYING])
            .values_list("pk", flat=True)
        )
        OutgoingMail.objects.filter(pk__in=mail_ids).update(
            state=State.QUEUED, attempts=0, next_attempt_at=None
        )
        enqueue_delivery(mail_ids)
    return len(mail_ids)


STALE_QUEUED = timedelta(minutes=10)
"""A mail queued this long ago with no lease was not picked up: its task was lost."""


def resend_due(now):
    """Periodic job: queue the delivery of mails that lost their task (see the module's notes)."""
    mail_ids = list(
        OutgoingMail.objects.filter(
            Q(state=State.RETRYING, next_attempt_at__lte=now)
            | Q(state=State.QUEUED, next_attempt_at__lte=now)
            | Q(state=State.QUEUED, next_attempt_at=None, created_at__lte=now - STALE_QUEUED)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if mail_ids:
        logger.info("Queueing %s e-mails again", len(mail_ids))
        enqueue_delivery(mail_ids)
    return len(mail_ids)
