"""The outbox: every e-mail of the platform is written to
:class:`~participation.models.OutgoingMail` in the request's transaction and sent by the worker.

- :class:`QueuedEmailBackend` (``EMAIL_BACKEND``): Django's mail API (allauth's sign-up and reset
  mails included) writes here; nothing is sent in the request, so a mail server that is down
  never turns a committed action into an error, and a rolled-back action sends nothing.
- :func:`deliver` (a task on the "worker" backend): sends queued mails through
  ``MAIL_DELIVERY_BACKEND`` over one connection.

(Helper "worker": retries with backoff, idempotency, dead letters, batching.)
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from django_tasks import task

from .models import OutgoingMail


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


def _message(mail):
    data = mail.message
    message = EmailMultiAlternatives(
        mail.subject,
        data.get("body", ""),
        data.get("from_email"),
        mail.recipients,
        cc=data.get("cc") or None,
        bcc=data.get("bcc") or None,
        reply_to=data.get("reply_to") or None,
        headers=data.get("headers") or None,
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
        return len(queue(list(email_messages)))


@task(backend="worker")
def deliver(mail_ids):
    """Send the queued mails among ``mail_ids``."""
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND)
    for mail in OutgoingMail.objects.filter(pk__in=mail_ids, state=OutgoingMail.State.QUEUED):
        connection.send_messages([_message(mail)])
        mail.state = OutgoingMail.State.SENT
        mail.sent_at = timezone.now()
        mail.attempts += 1
        mail.save(update_fields=["state", "sent_at", "attempts"])
