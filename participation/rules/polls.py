"""Who may vote in a poll, and which ballots are valid."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cms.text import SHORT_TEXT_INVISIBLE, describe, invisible_characters

from ..models.polls import OTHER_MAX_LENGTH
from .base import Refusal, person_obstacle

POLL_NOT_OPEN = _("This poll is not open yet.")
POLL_CLOSED = _("This poll has closed.")
POLL_SIGN_IN = _("Please sign in to take part in this poll.")
POLL_NO_SESSION = _("Please allow cookies for this website to take part in this poll.")
POLL_NO_CHOICE = _("Please choose an answer.")
POLL_TOO_MANY = ngettext_lazy(
    "Please choose at most %(limit)d answer.", "Please choose at most %(limit)d answers.", "limit"
)
POLL_FOREIGN_CHOICE = _("This answer does not belong to this poll.")
POLL_NO_OTHER = _("This poll takes no answers of your own.")
POLL_OTHER_TOO_LONG = _("Your own answer may have at most %(max)d characters.")
POLL_OWN_ANSWER_EMPTY = _("Please write your own answer.")
POLL_OTHER_INVALID = _("Your own answer contains characters that cannot be saved.")


def poll_obstacle(user, poll, *, has_session=False, now=None):
    """Why ``user`` (or, where anyone may vote, the visitor's browser session) may not vote in
    ``poll`` now, or ``None``."""
    now = now or timezone.now()
    if poll.opens_at > now:
        return Refusal("not_open", POLL_NOT_OPEN)
    if poll.is_closed(now):
        return Refusal("closed", POLL_CLOSED)
    residents_only = poll.voters == poll.Voters.RESIDENTS
    if residents_only or (user is not None and user.is_authenticated):
        return person_obstacle(user, sign_in=POLL_SIGN_IN, verified=residents_only)
    return None if has_session else Refusal("no_session", POLL_NO_SESSION)


def ballot_obstacle(poll, choice_keys, other_text, valid_keys):
    """Why a ballot with these choices (``translation_key``s) and this own answer is not valid
    in ``poll``, or ``None``. ``valid_keys``: the keys of the poll's choices."""
    if any(key not in valid_keys for key in choice_keys):
        return Refusal("foreign_choice", POLL_FOREIGN_CHOICE)
    if other_text and not poll.allow_other:
        return Refusal("no_other", POLL_NO_OTHER)
    if len(other_text) > OTHER_MAX_LENGTH:
        return Refusal("other_too_long", POLL_OTHER_TOO_LONG, max=OTHER_MAX_LENGTH)
    if any(ord(character) < 32 or ord(character) == 127 for character in other_text):
        return Refusal("other_invalid", POLL_OTHER_INVALID)
    if invisible := invisible_characters(other_text):
        characters = ", ".join(describe(character) for character in invisible)
        return Refusal("other_invisible", SHORT_TEXT_INVISIBLE, characters=characters)
    if not choice_keys and not other_text:
        return Refusal("no_choice", POLL_NO_CHOICE)
    limit = poll.choice_limit
    answers = len(set(choice_keys)) + (1 if other_text else 0)
    if limit is not None and answers > limit:
        return Refusal("too_many", POLL_TOO_MANY, limit=limit)
    return None
