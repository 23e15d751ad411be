"""Who may do what: register for an event or cancel; submit, edit, withdraw and support
proposals. And what the pages tell a person about it.

Services check these again inside their transaction; views and templates get a ready
:class:`RegistrationState`. An event is any page with the registration fields of
``home.EventPage`` (duck-typed: participation does not import the page apps).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from allauth.account.models import EmailAddress

from cms.localization import translation_group

from .models import (
    EventRegistration,
    HelpfulMark,
    Moderation,
    Proposal,
    RegistrationHost,
    Report,
    Support,
)
from .models.polls import OTHER_MAX_LENGTH

SIGN_IN = "sign_in"
UNVERIFIED = "unverified"
DISABLED = "disabled"
PAST = "past"
CLOSED = "closed"
ALREADY_REGISTERED = "already_registered"
NOT_REGISTERED = "not_registered"
STARTED = "started"

MESSAGES = {
    SIGN_IN: _("Please sign in to register for events."),
    UNVERIFIED: _(
        "Please confirm your email address first: open the link in the email we sent you. "
        "You can ask for a new link in your email settings."
    ),
    DISABLED: _("This event does not take registrations."),
    PAST: _("This event is over."),
    CLOSED: _("Registration for this event has closed."),
    ALREADY_REGISTERED: _("You are already registered for this event."),
    NOT_REGISTERED: _("You are not registered for this event."),
    STARTED: _("The event has begun, so the registration can no longer be cancelled."),
}


class RegistrationError(Exception):
    """A registration or cancellation that the rules do not allow; nothing was changed."""

    def __init__(self, code):
        self.code = code
        self.message = MESSAGES[code]
        super().__init__(code)


def is_event(page):
    """Whether ``page`` (a page or a page model) takes registrations."""
    return issubclass(page if isinstance(page, type) else type(page), RegistrationHost)


def has_verified_email(user):
    # The person signed in for a request comes with the answer (``cms.accounts``).
    known = getattr(user, "email_verified", None)
    if known is not None:
        return known
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def person_obstacle(user):
    """Why this person may not register for any event, or ``None``."""
    if not user.is_authenticated:
        return SIGN_IN
    if not has_verified_email(user):
        return UNVERIFIED
    return None


def event_obstacle(event, now=None):
    """Why this event takes no registrations now, or ``None``."""
    now = now or timezone.now()
    if not event.registration_enabled:
        return DISABLED
    if event.end < now:
        return PAST
    if event.registration_closes <= now:
        return CLOSED
    return None


def check_may_register(user, event, registration, now=None):
    """Raise :class:`RegistrationError` unless ``user`` may register; ``registration`` is theirs."""
    code = event_obstacle(event, now) or person_obstacle(user)
    if code is None and registration is not None:
        code = ALREADY_REGISTERED
    if code is not None:
        raise RegistrationError(code)


def check_may_cancel(user, event, registration, now=None):
    """Raise :class:`RegistrationError` unless ``user`` may cancel ``registration`` (theirs)."""
    now = now or timezone.now()
    if not user.is_authenticated:
        raise RegistrationError(SIGN_IN)
    if registration is None or registration.user_id != user.pk:
        raise RegistrationError(NOT_REGISTERED)
    if event.start <= now:
        raise RegistrationError(STARTED)


def may_cancel(user, event, registration, now=None):
    try:
        check_may_cancel(user, event, registration, now)
    except RegistrationError:
        return False
    return True


def waiting_list_moves(event, now=None):
    """Whether waiting people may still get a place: only before the event begins."""
    return event.start > (now or timezone.now())


def places_left(capacity, confirmed_count):
    """Free places, or ``None`` when the event has no limit."""
    if capacity is None:
        return None
    return max(capacity - confirmed_count, 0)


@dataclass(frozen=True)
class RegistrationState:
    """Everything the event page shows about registration, for one person."""

    enabled: bool
    capacity: int | None = None
    confirmed_count: int = 0
    closes_at: datetime | None = None
    status: str | None = None
    waiting_position: int | None = None
    may_register: bool = False
    may_cancel: bool = False
    obstacle: str | None = None
    show_online_link: bool = False

    @property
    def free_places(self):
        return places_left(self.capacity, self.confirmed_count)

    @property
    def is_full(self):
        return self.free_places == 0

    @property
    def is_confirmed(self):
        return self.status == EventRegistration.Status.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == EventRegistration.Status.WAITING

    @property
    def needs_sign_in(self):
        return self.obstacle == SIGN_IN

    @property
    def needs_verification(self):
        return self.obstacle == UNVERIFIED

    @property
    def obstacle_message(self):
        return MESSAGES[self.obstacle] if self.obstacle else ""


def registration_state(user, event, now=None):
    """The registration state of ``event`` as ``user`` sees it, in at most three queries."""
    now = now or timezone.now()
    if not event.registration_enabled:
        # Without registration the event is open to all, online link included.
        return RegistrationState(enabled=False, obstacle=DISABLED, show_online_link=True)
    registrations = EventRegistration.objects.for_event(event)
    confirmed_count = registrations.confirmed().count()
    registration = None
    if user.is_authenticated:
        registration = registrations.with_waiting_position().filter(user=user).first()
    obstacle = None
    if registration is None:
        try:
            check_may_register(user, event, None, now)
        except RegistrationError as error:
            obstacle = error.code
    return RegistrationState(
        enabled=True,
        capacity=event.capacity,
        confirmed_count=confirmed_count,
        closes_at=event.registration_closes,
        status=registration.status if registration else None,
        waiting_position=registration.waiting_position if registration else None,
        may_register=registration is None and obstacle is None,
        may_cancel=registration is not None and may_cancel(user, event, registration, now),
        obstacle=obstacle,
        show_online_link=registration is not None and registration.is_confirmed,
    )


# --- Proposals and supports ----------------------------------------------------------------------
#
# A process is any page with the process fields of ``visions.ProcessPage`` (duck-typed):
# ``allows(action, now)``, ``current_phase(now)``, ``support_budget``,
# ``max_proposals_per_resident``, ``edit_window_hours``. Moderators and editors take part like
# every resident; they change other people's proposals in the admin, never through these actions.

PROPOSAL_ACTIONS = ("submit", "edit", "withdraw", "support", "unsupport")

PROPOSAL_SIGN_IN = _("Please sign in to take part in this process.")
PROPOSAL_UNVERIFIED = MESSAGES[UNVERIFIED]
BLOCKED = _("Your account is blocked, so you cannot take part.")
PHASE_CLOSED = {
    "submit": _("Proposals cannot be submitted in the current phase of this process."),
    "edit": _("Proposals cannot be edited in the current phase of this process."),
    "withdraw": _("This process has ended, so proposals can no longer be withdrawn."),
    "support": _("Proposals cannot be supported in the current phase of this process."),
    "unsupport": _("Supports cannot be changed in the current phase of this process."),
}
PROPOSAL_LIMIT = ngettext_lazy(
    "You have already submitted %(count)s proposal to this process, the most it allows.",
    "You have already submitted %(count)s proposals to this process, the most it allows.",
    "count",
)
NOT_AUTHOR = _("Only the author can change this proposal.")
WITHDRAWN = _("This proposal has been withdrawn.")
ANSWERED = _("This proposal has been answered, so it can no longer be changed or withdrawn.")
EDIT_WINDOW_OVER = ngettext_lazy(
    "Proposals can be edited for %(hours)s hour after submitting; that time is over.",
    "Proposals can be edited for %(hours)s hours after submitting; that time is over.",
    "hours",
)
NOT_PUBLISHED = _("This proposal is not published, so it cannot be supported.")
HIDDEN = _("This proposal was hidden by the moderation.")
ALREADY_SUPPORTED = _("You already support this proposal.")
NOT_SUPPORTED = _("You do not support this proposal.")
BUDGET_USED = ngettext_lazy(
    "You have used your %(budget)s support in this process. Withdraw it to support this proposal.",
    "You have used all %(budget)s of your supports in this process. Withdraw one of them to "
    "support this proposal.",
    "budget",
)


class ParticipationError(Exception):
    """An action on a proposal that the rules do not allow; nothing was changed."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))


def _is_verified(user):
    """Whether ``user`` confirmed an email address; remembered on the user object, because one
    page asks for every proposal it shows."""
    if not hasattr(user, "_participation_verified"):
        user._participation_verified = has_verified_email(user)
    return user._participation_verified


def _person_obstacle(user):
    if user is None or not user.is_authenticated:
        return PROPOSAL_SIGN_IN
    if not user.is_active:
        return BLOCKED
    if not _is_verified(user):
        return PROPOSAL_UNVERIFIED
    return None


def _phase_obstacle(process, action, now):
    if action == "withdraw":
        running = process.current_phase(now) is not None
    else:
        running = process.allows("support" if action == "unsupport" else action, now)
    return None if running else PHASE_CLOSED[action]


def counted_supports(user, process):
    """The supports that use up ``user``'s budget in ``process`` (all its language versions):
    those of proposals that are neither withdrawn nor hidden (such supports give their place
    back)."""
    return Support.objects.filter(
        user=user, process_id__in=translation_group(process), proposal__withdrawn_at__isnull=True
    ).exclude(proposal__moderation=Proposal.Moderation.HIDDEN)


def _budget_obstacle(process, used):
    budget = process.support_budget
    if budget and used >= budget:
        return BUDGET_USED % {"budget": budget}
    return None


def _own_proposal_obstacle(user, process, proposal, action, now):
    if proposal.author_id != user.pk:
        return NOT_AUTHOR
    if proposal.moderation == proposal.Moderation.HIDDEN:
        return HIDDEN
    if proposal.is_withdrawn:
        return WITHDRAWN
    if proposal.state != proposal.State.SUBMITTED or proposal.answered_at is not None:
        return ANSWERED
    hours = process.edit_window_hours
    if action == "edit" and hours and now - proposal.created_at > timedelta(hours=hours):
        return EDIT_WINDOW_OVER % {"hours": hours}
    return None


def _supportable_obstacle(proposal):
    if proposal.is_withdrawn:
        return WITHDRAWN
    if proposal.moderation != proposal.Moderation.PUBLISHED:
        return NOT_PUBLISHED
    return None


def proposal_obstacle(user, process, action, proposal=None, now=None):
    """Why ``user`` may not do ``action`` (submit, edit, withdraw, support, unsupport) in
    ``process`` (on ``proposal``), as a message for them; ``None`` when they may.

    The services ask again inside their transaction, under the locks they take.
    """
    if action not in PROPOSAL_ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    now = now or timezone.now()
    obstacle = _person_obstacle(user) or _phase_obstacle(process, action, now)
    if obstacle:
        return obstacle
    if action == "submit":
        limit = process.max_proposals_per_resident
        if limit:
            # Withdrawn proposals count too: withdrawing must not open a way around the limit.
            # So do proposals submitted on another language version of the process.
            submitted = Proposal.objects.filter(
                process_id__in=translation_group(process), author=user
            ).count()
            if submitted >= limit:
                return PROPOSAL_LIMIT % {"count": submitted}
        return None
    if proposal is None:
        raise ValueError(f"{action!r} needs a proposal")
    if action in ("edit", "withdraw"):
        return _own_proposal_obstacle(user, process, proposal, action, now)
    supported = Support.objects.filter(proposal=proposal, user=user).exists()
    if action == "unsupport":
        if not supported:
            return NOT_SUPPORTED
        return _supportable_obstacle(proposal)
    if supported:
        return ALREADY_SUPPORTED
    return _supportable_obstacle(proposal) or _budget_obstacle(
        process, counted_supports(user, process).count()
    )


def check_proposal_action(user, process, action, proposal=None, now=None):
    """Raise :class:`ParticipationError` unless ``user`` may do ``action``."""
    obstacle = proposal_obstacle(user, process, action, proposal, now)
    if obstacle:
        raise ParticipationError(obstacle)


@dataclass(frozen=True)
class SupportState:
    """The support button of one proposal, for one person."""

    supported: bool = False
    allowed: bool = False
    message: str | None = None
    needs_sign_in: bool = False
    needs_verification: bool = False

    @property
    def action(self):
        """What the button does: "add" or "remove" a support."""
        return "remove" if self.supported else "add"


def support_states(user, process, proposals, now=None):
    """{proposal pk: :class:`SupportState`} for ``proposals`` of ``process``.

    One query for the person's supports in the process, however many proposals there are (plus
    one for the email verification, once per request).
    """
    now = now or timezone.now()
    proposals = list(proposals)
    obstacle = _person_obstacle(user)
    if obstacle:
        state = SupportState(
            message=obstacle,
            needs_sign_in=obstacle == PROPOSAL_SIGN_IN,
            needs_verification=obstacle == PROPOSAL_UNVERIFIED,
        )
        return {proposal.pk: state for proposal in proposals}
    rows = Support.objects.filter(user=user, process_id__in=translation_group(process)).values_list(
        "proposal_id", "proposal__withdrawn_at", "proposal__moderation"
    )
    supported = set()
    used = 0
    for proposal_id, withdrawn_at, moderation in rows:
        supported.add(proposal_id)
        if withdrawn_at is None and moderation != Proposal.Moderation.HIDDEN:
            used += 1
    phase = None if process.allows("support", now) else PHASE_CLOSED["support"]
    budget = _budget_obstacle(process, used)
    states = {}
    for proposal in proposals:
        is_supported = proposal.pk in supported
        if is_supported:
            message = phase or _supportable_obstacle(proposal)
        else:
            message = phase or _supportable_obstacle(proposal) or budget
        states[proposal.pk] = SupportState(
            supported=is_supported, allowed=message is None, message=message
        )
    return states


# --- Comments ------------------------------------------------------------------------------------
#
# What is commented on (the "target") is a proposal or a page; duck-typed:
# ``comments_enabled`` (the model takes comments at all), ``comments_open`` (a page's editor may
# close them), ``moderation`` and ``withdrawn_at`` (contributions), and the process whose phases
# decide, given separately (``None`` outside processes).

COMMENTS_CLOSED = _("Comments are closed here.")
COMMENT_PHASE_CLOSED = _("Comments cannot be written in the current phase of this process.")
COMMENT_ON_WITHDRAWN = _("This proposal has been withdrawn, so it can no longer be discussed.")
COMMENT_ON_HIDDEN = _("This contribution was hidden by the moderation, so it cannot be discussed.")
COMMENT_ON_PENDING = _("This contribution awaits moderation and cannot be discussed yet.")
NOT_COMMENT_AUTHOR = _("Only the author can change this comment.")
COMMENT_GONE = _("This comment has been deleted.")
COMMENT_HIDDEN = _("This comment was hidden by the moderation.")
COMMENT_EDIT_WINDOW_OVER = ngettext_lazy(
    "Comments can be edited for %(minutes)s minute after writing; that time is over.",
    "Comments can be edited for %(minutes)s minutes after writing; that time is over.",
    "minutes",
)
OWN_COMMENT_HELPFUL = _("You cannot mark your own comment as helpful.")
NOT_A_MODERATOR = _("Only moderators can write official moderation comments.")
ALREADY_HELPFUL = _("You have already marked this comment as helpful.")
NOT_HELPFUL = _("You have not marked this comment as helpful.")
COMMENT_ACTIONS = ("comment", "edit", "delete", "helpful", "unhelpful")


def comment_edit_minutes():
    return getattr(settings, "PARTICIPATION_COMMENT_EDIT_MINUTES", 60)


def _target_obstacle(target, process, now):
    if not getattr(target, "comments_enabled", False):
        return COMMENTS_CLOSED
    if process is not None:
        if not process.allows("comment", now):
            return COMMENT_PHASE_CLOSED
    elif not getattr(target, "comments_open", True):
        return COMMENTS_CLOSED
    moderation = getattr(target, "moderation", Moderation.PUBLISHED)
    if moderation == Moderation.HIDDEN:
        return COMMENT_ON_HIDDEN
    if moderation == Moderation.PENDING:
        return COMMENT_ON_PENDING
    if getattr(target, "withdrawn_at", None) is not None:
        return COMMENT_ON_WITHDRAWN
    return None


def comment_obstacle(user, action, *, target, process=None, comment=None, now=None):
    """Why ``user`` may not do ``action`` (comment, edit, delete, helpful, unhelpful) on
    ``target`` (for all but "comment": on ``comment``), as a message; ``None`` when they may.

    Deleting your own comment is always possible; writing, editing and marking need the place
    to be open for comments.
    """
    if action not in COMMENT_ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    now = now or timezone.now()
    obstacle = _person_obstacle(user)
    if obstacle:
        return obstacle
    if action != "comment" and comment is None:
        raise ValueError(f"{action!r} needs a comment")
    if action == "delete":
        if comment.author_id != user.pk:
            return NOT_COMMENT_AUTHOR
        return COMMENT_GONE if comment.is_deleted else None
    obstacle = _target_obstacle(target, process, now)
    if obstacle or action == "comment":
        return obstacle
    if comment.is_deleted:
        return COMMENT_GONE
    if comment.moderation == Moderation.HIDDEN:
        return COMMENT_HIDDEN
    if action == "edit":
        if comment.author_id != user.pk:
            return NOT_COMMENT_AUTHOR
        minutes = comment_edit_minutes()
        if minutes and now - comment.created_at > timedelta(minutes=minutes):
            return COMMENT_EDIT_WINDOW_OVER % {"minutes": minutes}
        return None
    if comment.moderation != Moderation.PUBLISHED:
        return COMMENT_ON_PENDING
    if comment.author_id == user.pk:
        return OWN_COMMENT_HELPFUL
    marked = HelpfulMark.objects.filter(comment=comment, user=user).exists()
    if action == "helpful" and marked:
        return ALREADY_HELPFUL
    if action == "unhelpful" and not marked:
        return NOT_HELPFUL
    return None


def check_comment_action(user, action, **kwargs):
    check(comment_obstacle(user, action, **kwargs))


def check(obstacle):
    """Raise :class:`ParticipationError` for an obstacle; nothing when there is none."""
    if obstacle:
        raise ParticipationError(obstacle)


@dataclass(frozen=True)
class CommentState:
    """What one person may do with one comment in a thread."""

    may_edit: bool = False
    may_delete: bool = False
    may_mark: bool = False
    marked: bool = False


def comment_states(user, comments, *, target, process=None, now=None):
    """{comment pk: :class:`CommentState`} for the comments of one thread, without a query:
    ``comments`` carry ``marked_helpful`` (annotated) for a signed-in person."""
    now = now or timezone.now()
    if _person_obstacle(user):
        return {comment.pk: CommentState() for comment in comments}
    open_here = _target_obstacle(target, process, now) is None
    minutes = comment_edit_minutes()
    states = {}
    for comment in comments:
        own = comment.author_id == user.pk
        alive = not comment.is_deleted and comment.moderation != Moderation.HIDDEN
        in_window = not minutes or now - comment.created_at <= timedelta(minutes=minutes)
        states[comment.pk] = CommentState(
            may_edit=open_here and own and alive and in_window,
            may_delete=own and not comment.is_deleted,
            may_mark=open_here and not own and alive and comment.moderation == Moderation.PUBLISHED,
            marked=bool(getattr(comment, "marked_helpful", False)),
        )
    return states


# --- Reports -------------------------------------------------------------------------------------

REPORT_SIGN_IN = _("Please sign in to report a contribution.")
REPORT_OWN = _("You cannot report your own contribution.")
ALREADY_REPORTED = _("You have already reported this. The moderators will look at it.")
REPORT_HIDDEN = _("This contribution is already hidden.")


def report_threshold():
    """How many different people's open reports hide a contribution until a moderator
    decides."""
    return getattr(settings, "PARTICIPATION_REPORT_THRESHOLD", 3)


def report_obstacle(user, target):
    """Why ``user`` may not report ``target`` (a proposal, a comment …); ``None`` when they
    may. Any signed-in person may report, once per contribution."""
    if not getattr(target, "reportable", False):
        raise ValueError(f"{target!r} cannot be reported")
    if user is None or not user.is_authenticated:
        return REPORT_SIGN_IN
    if not user.is_active:
        return BLOCKED
    if target.author_id == user.pk:
        return REPORT_OWN
    if getattr(target, "is_deleted", False):
        return COMMENT_GONE
    if target.moderation == Moderation.HIDDEN:
        return REPORT_HIDDEN
    if Report.objects.of(target).filter(reporter=user).exists():
        return ALREADY_REPORTED
    return None


def may_reply_officially(user):
    """Moderators (and lead editors) may write comments as the moderation, with a badge."""
    if user is None or not user.is_authenticated:
        return False
    # People without admin access (residents: known from the request's user, cms.accounts) are
    # no moderators; only staff pay for the permission lookup.
    if getattr(user, "admin_access", None) is False and not user.is_superuser:
        return False
    return user.has_perm("participation.moderate_comment")


# --- Moderation ----------------------------------------------------------------------------------

NOT_BLOCKED = _("This person is not blocked.")
ALREADY_BLOCKED = _("This person is already blocked.")
BLOCK_SELF = _("You cannot block yourself.")
BLOCK_STAFF = _(
    "People with access to the admin cannot be blocked here: an administrator manages their "
    "accounts under Settings → Users."
)
MAY_NOT_BLOCK = _("You may not block people.")
MAY_NOT_MODERATE = _("You may not moderate these contributions.")


def may_moderate(user, model):
    """Whether ``user`` may approve, hide, restore and review contributions of ``model``
    (the Moderation group; lead editors too, see docs/roles.md)."""
    return bool(user and user.is_authenticated) and user.has_perm(
        f"{model._meta.app_label}.moderate_{model._meta.model_name}"
    )


def moderate_obstacle(user, model):
    return None if may_moderate(user, model) else MAY_NOT_MODERATE


def may_block(user):
    return bool(user and user.is_authenticated) and user.has_perm("participation.add_block")


def _has_admin_access(person):
    # Known for the signed-in person (cms.accounts) and for the authors in the moderation queue.
    known = getattr(person, "admin_access", None)
    if known is not None:
        return known
    return person.has_perm("wagtailadmin.access_admin")


def block_obstacle(by, person):
    """Why ``by`` may not block ``person``, or ``None``."""
    if not may_block(by):
        return MAY_NOT_BLOCK
    if person.pk == by.pk:
        return BLOCK_SELF
    if not person.is_active:
        return ALREADY_BLOCKED
    if person.is_superuser or person.is_staff or _has_admin_access(person):
        return BLOCK_STAFF
    return None


# --- Polls ---------------------------------------------------------------------------------------

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
        return POLL_NOT_OPEN
    if poll.is_closed(now):
        return POLL_CLOSED
    if user is not None and user.is_authenticated:
        if not user.is_active:
            return BLOCKED
        if poll.voters == poll.Voters.RESIDENTS and not _is_verified(user):
            return PROPOSAL_UNVERIFIED
        return None
    if poll.voters == poll.Voters.RESIDENTS:
        return POLL_SIGN_IN
    return None if has_session else POLL_NO_SESSION


def ballot_obstacle(poll, choice_keys, other_text, valid_keys):
    """Why a ballot with these choices (``translation_key``s) and this own answer is not valid
    in ``poll``, or ``None``. ``valid_keys``: the keys of the poll's choices."""
    if any(key not in valid_keys for key in choice_keys):
        return POLL_FOREIGN_CHOICE
    if other_text and not poll.allow_other:
        return POLL_NO_OTHER
    if len(other_text) > OTHER_MAX_LENGTH:
        return POLL_OTHER_TOO_LONG % {"max": OTHER_MAX_LENGTH}
    if any(ord(character) < 32 or ord(character) == 127 for character in other_text):
        return POLL_OTHER_INVALID
    if not choice_keys and not other_text:
        return POLL_NO_CHOICE
    limit = poll.choice_limit
    answers = len(set(choice_keys)) + (1 if other_text else 0)
    if limit is not None and answers > limit:
        return POLL_TOO_MANY % {"limit": limit}
    return None
