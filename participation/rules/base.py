"""What every rule shares: the one refusal type (a code and a message) and the one check of the
person who acts (signed in, not blocked, address confirmed)."""

from django.utils.translation import gettext_lazy as _

from cms.accounts import has_verified_email

SIGN_IN = "sign_in"
BLOCKED_CODE = "blocked"
UNVERIFIED = "unverified"

UNVERIFIED_MESSAGE = _(
    "Please confirm your email address first: open the link in the email we sent you. "
    "You can ask for a new link in your email settings."
)
PROPOSAL_SIGN_IN = _("Please sign in to take part in this process.")
PROPOSAL_UNVERIFIED = UNVERIFIED_MESSAGE
BLOCKED = _("Your account is blocked, so you cannot take part.")


class Refusal(str):
    """Why an action is refused: the message for the person (in the language active when the
    rule was asked) with a ``code`` for programs. Compares as its message."""

    def __new__(cls, code, message, **params):
        text = message % params if params else str(message)
        refusal = super().__new__(cls, text)
        refusal.code = code
        return refusal

    def __reduce__(self):
        return (_restore, (self.code, str(self)))


def _restore(code, text):
    return Refusal(code, text)


class ParticipationError(Exception):
    """An action the rules do not allow; nothing was changed. ``code`` names the obstacle for
    programs, ``message`` tells the person."""

    def __init__(self, refusal):
        self.code = refusal.code
        self.message = refusal
        super().__init__(self.code)


def check(obstacle):
    """Raise :class:`ParticipationError` for an obstacle; nothing when there is none."""
    if obstacle:
        raise ParticipationError(obstacle)


def is_verified(user):
    """Whether ``user`` confirmed an email address; remembered on the user object, because one
    page asks for every contribution it shows."""
    if not hasattr(user, "_participation_verified"):
        user._participation_verified = has_verified_email(user)
    return user._participation_verified


def person_obstacle(user, *, sign_in=PROPOSAL_SIGN_IN, verified=True):
    """Why ``user`` may not take part at all, or ``None``: not signed in (``sign_in`` says so in
    the words of the action), blocked, or, where ``verified`` is asked, without a confirmed
    email address. Every action's rule starts here."""
    if user is None or not user.is_authenticated:
        return Refusal(SIGN_IN, sign_in)
    if not user.is_active:
        return Refusal(BLOCKED_CODE, BLOCKED)
    if verified and not is_verified(user):
        return Refusal(UNVERIFIED, UNVERIFIED_MESSAGE)
    return None
