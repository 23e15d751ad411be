"""Who may submit, edit, withdraw and support proposals, and the support button a person sees.

A process is any page with the process fields of ``visions.ProcessPage`` (duck-typed):
``allows(action, now)``, ``current_phase(now)``, ``support_budget``,
``max_proposals_per_resident``, ``edit_window_hours``. Moderators and editors take part like
every resident; they change other people's proposals in the admin, never through these actions.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from cms.localization import translation_group

from ..models import Proposal, Support
from .base import SIGN_IN, UNVERIFIED, Refusal, check, person_obstacle

PROPOSAL_ACTIONS = ("submit", "edit", "withdraw", "support", "unsupport")

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


def _phase_obstacle(process, action, now):
    if action == "withdraw":
        running = process.current_phase(now) is not None
    else:
        running = process.allows("support" if action == "unsupport" else action, now)
    return None if running else Refusal("phase_closed", PHASE_CLOSED[action])


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
        return Refusal("budget_used", BUDGET_USED, budget=budget)
    return None


def _own_proposal_obstacle(user, process, proposal, action, now):
    if proposal.author_id != user.pk:
        return Refusal("not_author", NOT_AUTHOR)
    if proposal.is_hidden:
        return Refusal("hidden", HIDDEN)
    if proposal.is_withdrawn:
        return Refusal("withdrawn", WITHDRAWN)
    if proposal.state != proposal.State.SUBMITTED or proposal.answered_at is not None:
        return Refusal("answered", ANSWERED)
    hours = process.edit_window_hours
    if action == "edit" and hours and now - proposal.created_at > timedelta(hours=hours):
        return Refusal("edit_window_over", EDIT_WINDOW_OVER, hours=hours)
    return None


def _supportable_obstacle(proposal):
    if proposal.is_withdrawn:
        return Refusal("withdrawn", WITHDRAWN)
    if not proposal.is_published:
        return Refusal("not_published", NOT_PUBLISHED)
    return None


def proposal_obstacle(user, process, action, proposal=None, now=None):
    """Why ``user`` may not do ``action`` (submit, edit, withdraw, support, unsupport) in
    ``process`` (on ``proposal``), as a :class:`Refusal`; ``None`` when they may.

    The services ask again inside their transaction, under the locks they take.
    """
    if action not in PROPOSAL_ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    now = now or timezone.now()
    obstacle = person_obstacle(user) or _phase_obstacle(process, action, now)
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
                return Refusal("proposal_limit", PROPOSAL_LIMIT, count=submitted)
        return None
    if proposal is None:
        raise ValueError(f"{action!r} needs a proposal")
    if action in ("edit", "withdraw"):
        return _own_proposal_obstacle(user, process, proposal, action, now)
    supported = Support.objects.filter(proposal=proposal, user=user).exists()
    if action == "unsupport":
        if not supported:
            return Refusal("not_supported", NOT_SUPPORTED)
        return _supportable_obstacle(proposal)
    if supported:
        return Refusal("already_supported", ALREADY_SUPPORTED)
    return _supportable_obstacle(proposal) or _budget_obstacle(
        process, counted_supports(user, process).count()
    )


def check_proposal_action(user, process, action, proposal=None, now=None):
    """Raise :class:`ParticipationError` unless ``user`` may do ``action``."""
    check(proposal_obstacle(user, process, action, proposal, now))


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
    phase = _phase_obstacle(process, "support", now)
    obstacle = person_obstacle(user)
    if obstacle:
        # Nobody is asked to sign in (or confirm their address) to support what nobody can.
        invited = SupportState(
            message=obstacle,
            needs_sign_in=obstacle.code == SIGN_IN,
            needs_verification=obstacle.code == UNVERIFIED,
        )
        return {
            proposal.pk: (
                SupportState(message=closed)
                if (closed := phase or _supportable_obstacle(proposal))
                else invited
            )
            for proposal in proposals
        }
    rows = Support.objects.filter(user=user, process_id__in=translation_group(process)).values_list(
        "proposal_id", "proposal__withdrawn_at", "proposal__moderation"
    )
    supported = set()
    used = 0
    for proposal_id, withdrawn_at, moderation in rows:
        supported.add(proposal_id)
        if withdrawn_at is None and moderation != Proposal.Moderation.HIDDEN:
            used += 1
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
