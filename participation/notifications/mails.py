"""The platform's e-mails that are not notifications of followed things: the receipt of a
notice of illegal content (to somebody without an account), and the composer of the statements
of reasons and block notices that delivery sends for ``moderation`` notifications (their
content is legally required, so it lives in one place).

Everything else people hear about is a notification (:mod:`.events`), which delivery composes
per reason; the templates of the mails that went before (``proposal_answer_*``, ``moved_up_*``,
``membership_*``) stay in ``templates/participation/email/`` for it.
"""

import html
import re

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from wagtail.models import Locale

from ..mail import compose
from ..models import (
    ActionGroup,
    Block,
    BoardEntry,
    Comment,
    GroupUpdate,
    ModerationLogEntry,
    Proposal,
    RelayMessage,
)

BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|li|h[1-6]|ol|ul)>")


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


def _message(template, context, person, language):
    return compose(
        f"participation/email/{template}",
        context,
        [person.email],
        language,
        reply_to=[moderation_contact()],
    )


def compose_moderation(activity):
    """The e-mail of a ``moderation`` activity (its ``data`` names a ``log_entry`` or a
    ``block``): a statement of reasons (EU Digital Services Act Art. 17) telling the author why
    a moderator hid their contribution and how to object, or a block notice. Plain text, with
    the moderators' address as Reply-To. ``None`` when there is nobody to tell any more."""
    if activity.data.get("block"):
        return _block_notice(activity.data["block"])
    if activity.data.get("log_entry"):
        return _statement_of_reasons(activity.data["log_entry"])
    return None


def _statement_of_reasons(entry_id):
    entry = (
        ModerationLogEntry.objects.select_related("author", "target_type")
        .filter(pk=entry_id)
        .first()
    )
    if entry is None or entry.author is None or not entry.author.email:
        return None
    item = entry.target
    if item is None:
        return None
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
    return _message("statement_of_reasons", context, entry.author, language)


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


def _block_notice(block_id):
    block = Block.objects.select_related("user").filter(pk=block_id).first()
    if block is None or not block.user.email:
        return None
    language = Locale.get_default().language_code
    with translation.override(language):
        context = {
            "person": block.user,
            "block": block,
            "reason": block.get_reason_display(),
            "contact": moderation_contact(),
        }
    return _message("block_notice", context, block.user, language)
