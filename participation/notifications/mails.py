"""Emails to people about their registrations, proposals and contributions a moderator hid,
in the language of the page they took part on."""

import functools
import html
import re

from django.conf import settings
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.models import Locale

from ..models import (
    ActionGroup,
    Block,
    BoardEntry,
    Comment,
    EventRegistration,
    GroupUpdate,
    ModerationLogEntry,
    Proposal,
    RelayMessage,
)

BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|li|h[1-6]|ol|ul)>")


def send_after_commit(send, *args):
    """Send ``send(*args)`` once the current transaction has committed. A mail server that is
    down is logged and never turns the committed change into an error.

    The callback is a named function (it carries ``send``'s name): Django 5.2 logs a failing
    robust callback by its ``__qualname__``, which ``functools.partial`` lacks, and would then
    raise and drop the callbacks after it.
    """

    @functools.wraps(send)
    def deliver():
        send(*args)

    transaction.on_commit(deliver, robust=True)


def send_moved_up(registration_ids):
    """Tell people who moved up from the waiting list that they now have a place."""
    registrations = EventRegistration.objects.confirmed().filter(pk__in=registration_ids)
    for registration in registrations.select_related("user", "event", "event__locale"):
        event = registration.event.specific
        context = {
            "person": registration.user,
            "event": event,
            "event_url": event.get_full_url(),
        }
        with translation.override(event.locale.language_code):
            subject = render_to_string("participation/email/moved_up_subject.txt", context)
            body = render_to_string("participation/email/moved_up_body.txt", context)
        send_mail(" ".join(subject.split()), body, None, [registration.user.email])


def send_proposal_answer(proposal_id):
    """Tell the author of a proposal that it has an official answer, in the process's language."""
    proposal = (
        Proposal.objects.select_related("author", "process", "process__locale")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or not proposal.author.email:
        return
    process = proposal.process.specific
    url = proposal.get_url(full=True)
    with translation.override(process.locale.language_code):
        context = {
            "person": proposal.author,
            "proposal": proposal,
            "process": process,
            "state": proposal.get_state_display(),
            "answer_text": rich_text_as_plain(proposal.answer),
            "proposal_url": url,
        }
        subject = render_to_string("participation/email/proposal_answer_subject.txt", context)
        body = render_to_string("participation/email/proposal_answer_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [proposal.author.email])


def rich_text_as_plain(rich_text):
    """Rich text (HTML) as plain text for an email: one line per paragraph or list item."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", rich_text or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def notice_received(notice):
    """Confirm the receipt of a notice of illegal content to its sender (DSA Art. 16 (4)), in
    the language they wrote it in."""
    context = {"notice": notice}
    subject = render_to_string("participation/email/notice_received_subject.txt", context)
    body = render_to_string("participation/email/notice_received_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [notice.email])


def moderation_contact():
    """Where people object to a moderation decision (replies to the emails go there too)."""
    return getattr(settings, "PARTICIPATION_MODERATION_EMAIL", settings.DEFAULT_FROM_EMAIL)


def _language_of(item):
    """The language of the page a contribution was written on."""
    page = getattr(item, "process", None)
    if page is None and isinstance(item, Comment):
        target = item.target
        page = getattr(target, "process", None) or target
    locale = getattr(page, "locale", None)
    return (locale or Locale.get_default()).language_code


def _send(template, context, person, language):
    with translation.override(language):
        subject = render_to_string(f"participation/email/{template}_subject.txt", context)
        body = render_to_string(f"participation/email/{template}_body.txt", context)
    EmailMessage(
        " ".join(subject.split()), body, None, [person.email], reply_to=[moderation_contact()]
    ).send()


def send_statement_of_reasons(entry_id):
    """Tell the author why a moderator hid their contribution and how to object (a statement
    of reasons, EU Digital Services Act Art. 17)."""
    entry = (
        ModerationLogEntry.objects.select_related("author", "target_type")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or entry.author is None or not entry.author.email:
        return
    item = entry.target
    if item is None:
        return
    language = _language_of(item)
    with translation.override(language):
        context = {
            "person": entry.author,
            "kind": entry.target_type.model_class()._meta.verbose_name,
            "label": entry.target_label,
            "item_text": _moderated_text(item),
            "item_url": _moderated_url(item),
            # A relayed message was never public: hiding it means it was found abusive.
            "is_message": isinstance(item, RelayMessage),
            "entry": entry,
            "reason": entry.get_reason_display(),
            "contact": moderation_contact(),
        }
    _send("statement_of_reasons", context, entry.author, language)


def _moderated_text(item):
    """What the author wrote, as the statement of reasons quotes it."""
    if isinstance(item, Proposal):
        return item.title
    if isinstance(item, ActionGroup):
        return f"{item.name}\n\n{item.purpose}"
    if isinstance(item, GroupUpdate):
        return f"{item.title}\n\n{item.text}"
    if isinstance(item, BoardEntry):
        return f"{item.title}\n\n{item.description}"
    if isinstance(item, RelayMessage):
        return item.reported_text
    return item.text


def _moderated_url(item):
    """Where the item was (or, restored, will be again), with scheme and host; ``None`` for
    what has no address of its own (a comment, a relayed message)."""
    if isinstance(item, Proposal | ActionGroup | GroupUpdate | BoardEntry):
        return item.get_url(full=True)
    return None


def send_block_notice(block_id):
    """Tell a blocked person why, what it means and how to object."""
    block = Block.objects.select_related("user").filter(pk=block_id).first()
    if block is None or not block.user.email:
        return
    language = Locale.get_default().language_code
    with translation.override(language):
        context = {
            "person": block.user,
            "block": block,
            "reason": block.get_reason_display(),
            "contact": moderation_contact(),
        }
    _send("block_notice", context, block.user, language)
