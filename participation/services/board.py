"""The board of needs and offers (adding, changing, closing entries) and the contact relay
(sending a message to a group's leads or an entry's author, and the recipient's report of it).

The relay keeps a record of who wrote to whom and when, never the text: the text travels in the
email only and in a signed report link, and comes into the record only when the recipient
reports the message. Like every email it waits in the outbox (:mod:`participation.mail`) until
the worker has sent it; staff never see an outbox mail's text, and sent mails are deleted after
30 days (:mod:`participation.retention`).
"""

import logging
import smtplib
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from .. import rules
from ..models import ActionGroup, BoardEntry, RelayMessage
from ..models.groups import full_url
from .announcements import announce_published
from .proposals import _lock_person
from .reports import report

logger = logging.getLogger(__name__)

ENTRY_FIELDS = ("title", "description", "category", "field_of_action", "municipality")
RELAY_REPORT_SALT = "participation.relay-report"
RELAY_REPORT_MAX_AGE = 90 * 24 * 60 * 60


# --- Board entries -------------------------------------------------------------------------------


def _apply(entry, data):
    for name in ENTRY_FIELDS:
        if name in data:
            setattr(entry, name, data[name])


def _lock_group(group_id):
    return ActionGroup.objects.select_for_update().get(pk=group_id)


def add_need(user, group, data):
    """A lead of ``group`` adds what the group needs (cleaned form ``data``)."""
    with transaction.atomic():
        _lock_person(user)
        group = _lock_group(group.pk)
        rules.check(rules.need_obstacle(user, group))
        entry = BoardEntry(kind=BoardEntry.Kind.NEED, group=group, author=user)
        _apply(entry, data)
        entry.full_clean()
        entry.save()
        announce_published(entry)
        return entry


def add_offer(user, data):
    """``user`` offers something, on behalf of the group ``data["group_id"]`` if given (one
    they lead)."""
    with transaction.atomic():
        _lock_person(user)
        group = _lock_group(data["group_id"]) if data.get("group_id") else None
        rules.check(rules.offer_obstacle(user, group))
        entry = BoardEntry(kind=BoardEntry.Kind.OFFER, group=group, author=user)
        _apply(entry, data)
        entry.full_clean()
        entry.save()
        return entry


def edit_entry(user, entry, data):
    """The author or a lead of the entry's group changes it. An offer may move to another group
    the person leads, or to themselves."""
    with transaction.atomic():
        _lock_person(user)
        entry = BoardEntry.objects.select_for_update().get(pk=entry.pk)
        rules.check(rules.entry_obstacle(user, entry))
        if not entry.is_need and "group_id" in data and data["group_id"] != entry.group_id:
            group = _lock_group(data["group_id"]) if data["group_id"] else None
            if group is not None:
                rules.check(rules.need_obstacle(user, group))
            entry.group = group
        _apply(entry, data)
        entry.full_clean()
        entry.save()
        return entry


def close_entry(user, entry):
    """Mark a need as met or withdraw an offer; it leaves the board."""
    with transaction.atomic():
        _lock_person(user)
        entry = BoardEntry.objects.select_for_update().get(pk=entry.pk)
        rules.check(rules.entry_obstacle(user, entry))
        entry.closed_at = timezone.now()
        entry.save(update_fields=["closed_at", "updated_at"])
        return entry


# --- The contact relay ---------------------------------------------------------------------------


RELAY_UNDELIVERED = "undelivered"
UNDELIVERED = _(
    "Your message could not be sent just now: our mail server does not answer. Your text is "
    "still here; please try again in a few minutes."
)


def send_relay(
    user,
    *,
    group=None,
    entry=None,
    text,
    share_address=False,
    sender_name="",
    sender_email="",
    language=None,
):
    """Send ``text`` from ``user`` (or a visitor with ``sender_name`` and ``sender_email``) to
    the leads of ``group`` or the people ``entry`` reaches, each by their own email. The email
    comes from the platform; it answers to the sender only if ``share_address``. Returns the
    record (:class:`RelayMessage`), which keeps no text."""
    signed_in = user is not None and user.is_authenticated
    try:
        with transaction.atomic():
            if signed_in:
                # One person's messages are counted one after the other.
                _lock_person(user)
            if entry is not None:
                entry = BoardEntry.objects.select_related("group", "author").get(pk=entry.pk)
            elif group is not None:
                group = ActionGroup.objects.get(pk=group.pk)
            recipients = rules.relay_recipients(group, entry)
            rules.check(
                rules.relay_obstacle(
                    user,
                    group=group,
                    entry=entry,
                    sender_email=sender_email,
                    recipients=recipients,
                )
            )
            message = RelayMessage.objects.create(
                author=user if signed_in else None,
                sender_name="" if signed_in else sender_name,
                sender_email="" if signed_in else sender_email,
                group=group if entry is None else None,
                entry=entry,
                recipient_count=len(recipients),
                reply_to_shared=bool(share_address),
            )
            # The emails are queued in the outbox with the record, in one transaction: the
            # sender does not wait for the mail server, and one that is down only delays them.
            send_relay_message(
                message.pk,
                [recipient.pk for recipient in recipients],
                text,
                language or translation.get_language(),
            )
    except (OSError, smtplib.SMTPException):
        # Only where EMAIL_BACKEND sends directly instead of queueing: the record is rolled back,
        # so the failed attempt does not count towards the sender's limit, and they keep the text.
        logger.warning("A relayed message could not be sent", exc_info=True)
        raise rules.ParticipationError(rules.Refusal(RELAY_UNDELIVERED, UNDELIVERED)) from None
    return message


def report_token(message_id, text):
    """The signed, compressed token of a relayed message's report link."""
    return signing.dumps({"m": message_id, "t": text}, salt=RELAY_REPORT_SALT, compress=True)


def read_report_token(token):
    """(message id, text) from a report token; :class:`django.core.signing.BadSignature` when
    it was forged, changed or is too old."""
    value = signing.loads(token, salt=RELAY_REPORT_SALT, max_age=RELAY_REPORT_MAX_AGE)
    if not isinstance(value, dict) or not isinstance(value.get("m"), int):
        raise signing.BadSignature("Not a relay report token")
    text = value.get("t")
    if not isinstance(text, str):
        raise signing.BadSignature("Not a relay report token")
    return value["m"], text


def send_relay_message(message_id, recipient_ids, text, language):
    """Email the relayed ``text`` to each recipient on their own (nobody sees another
    recipient's address). Plain text; the sender's address only as Reply-To, and only if they
    agreed."""
    from django.contrib.auth import get_user_model

    message = (
        RelayMessage.objects.select_related("author", "group", "entry", "entry__group")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return
    people = get_user_model().objects.filter(pk__in=recipient_ids, is_active=True)
    if message.author is not None:
        sender_name = message.author.display_name or _fallback_name()
        sender_email = message.author.email
    else:
        sender_name, sender_email = message.sender_name, message.sender_email
    with translation.override(language):
        report_path = (
            reverse("participation:relay_report")
            + "?"
            + urlencode({"t": report_token(message.pk, text)})
        )
        context = {
            "sender_name": sender_name,
            "text": text,
            "group": message.group or (message.entry.group if message.entry else None),
            "entry": message.entry,
            "reply_to_shared": message.reply_to_shared,
            "report_url": full_url(report_path) or report_path,
        }
        subject = " ".join(
            render_to_string("participation/email/relay_message_subject.txt", context).split()
        )
        body = render_to_string("participation/email/relay_message_body.txt", context)
    reply_to = [sender_email] if message.reply_to_shared and sender_email else None
    for person in people:
        if not person.email:
            continue
        EmailMessage(
            subject, body, settings.DEFAULT_FROM_EMAIL, [person.email], reply_to=reply_to
        ).send()


def _fallback_name():
    return translation.gettext("A resident")


def report_relay(user, token, reason, note=""):
    """The recipient of a relayed message (``token`` from its report link) reports it: its
    text is kept with the record for the moderators, and a report is made as for every
    contribution (once per person). Raises :class:`django.core.signing.BadSignature` for a
    forged token, :class:`RelayMessage.DoesNotExist` when the record is gone."""
    message_id, text = read_report_token(token)
    with transaction.atomic():
        _lock_person(user)
        message = RelayMessage.objects.select_for_update().get(pk=message_id)
        rules.check(rules.report_obstacle(user, message))
        if not message.reported_text:
            message.reported_text = text
            message.save(update_fields=["reported_text"])
        return report(user, message, reason, note)
