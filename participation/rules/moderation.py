"""Who may report a contribution, moderate contributions and block people; what the pages and
the admin ask before they offer any of it."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.accounts import may_use_admin

from ..models import (
    ActionGroup,
    Block,
    BoardEntry,
    Comment,
    GroupUpdate,
    Proposal,
    RelayMessage,
    Report,
)
from .base import Refusal, person_obstacle
from .comments import COMMENT_GONE

# Every kind of contribution the moderation looks after.
CONTRIBUTION_MODELS = (Proposal, Comment, ActionGroup, GroupUpdate, BoardEntry, RelayMessage)

REPORT_SIGN_IN = _("Please sign in to report a contribution.")
REPORT_OWN = _("You cannot report your own contribution.")
ALREADY_REPORTED = _("You have already reported this. The moderators will look at it.")
REPORT_HIDDEN = _("This contribution is already hidden.")


def report_threshold():
    """How many different people's open reports hide a contribution until a moderator
    decides."""
    return getattr(settings, "PARTICIPATION_REPORT_THRESHOLD", 3)


def _reportable_obstacle(user, target):
    """What :func:`report_obstacle` decides from the contribution alone, without a query."""
    if not getattr(target, "reportable", False):
        raise ValueError(f"{target!r} cannot be reported")
    if user is not None and user.is_authenticated and target.author_id == user.pk:
        return Refusal("own", REPORT_OWN)
    if getattr(target, "is_deleted", False):
        return Refusal("deleted", COMMENT_GONE)
    if target.is_hidden:
        return Refusal("hidden", REPORT_HIDDEN)
    return None


def report_obstacle(user, target):
    """Why ``user`` may not report ``target`` (a proposal, a comment …); ``None`` when they
    may. Any signed-in person may report, once per contribution."""
    if not getattr(target, "reportable", False):
        raise ValueError(f"{target!r} cannot be reported")
    obstacle = person_obstacle(
        user, sign_in=REPORT_SIGN_IN, verified=False
    ) or _reportable_obstacle(user, target)
    if obstacle:
        return obstacle
    if Report.objects.of(target).filter(reporter=user).exists():
        return Refusal("already_reported", ALREADY_REPORTED)
    return None


def may_report(user, target):
    """Whether a page offers ``user`` to report ``target``: anybody but its author may, while it
    is published. Signing in and reporting only once are asked after the click
    (:func:`report_obstacle`), so that pages need no query per contribution."""
    return target.is_published and _reportable_obstacle(user, target) is None


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
NEW_LEAD_NOT_MEMBER = _("Only an active member of the group can become its lead.")
NEW_LEAD_BLOCKED = _("This person is blocked and cannot lead a group.")
MAY_NOT_FEATURE = _("You may not choose the groups on the home page.")
NEW_LEAD_ALREADY = _("This person already leads the group.")


def may_moderate(user, model):
    """Whether ``user`` may approve, hide, restore and review contributions of ``model``
    (the Moderation group; lead editors too, see docs/roles.md)."""
    return bool(user and user.is_authenticated) and user.has_perm(
        f"{model._meta.app_label}.moderate_{model._meta.model_name}"
    )


def may_use_moderation_queue(user):
    """Whether ``user`` may moderate any kind of contribution, and so sees the queue."""
    return any(may_moderate(user, model) for model in CONTRIBUTION_MODELS)


def may_answer_proposals(user):
    """Whether ``user`` may give proposals their official answer and state (editors)."""
    return bool(user and user.is_authenticated) and (
        user.has_perm("participation.change_proposal")
        and user.has_perm("participation.answer_proposal")
    )


def may_export_contributions(user):
    """Whether ``user`` may download proposals and comments as spreadsheets: the people who
    evaluate a process and answer its proposals (editors), not moderators."""
    return may_answer_proposals(user)


def may_view_statistics(user):
    """Whether ``user`` may see the participation statistics in the admin and download them
    (editors, lead editors, administrators: ``participation.view_statistics``)."""
    return bool(user and user.is_authenticated) and user.has_perm("participation.view_statistics")


def moderate_obstacle(user, model):
    return None if may_moderate(user, model) else Refusal("may_not_moderate", MAY_NOT_MODERATE)


def may_block(user):
    return bool(user and user.is_authenticated) and user.has_perm("participation.add_block")


def unblock_obstacle(by, person):
    """Why ``by`` may not lift ``person``'s block (they may not block, or ``person`` has no
    block in force), or ``None``."""
    if not may_block(by):
        return Refusal("may_not_block", MAY_NOT_BLOCK)
    if not Block.objects.filter(user=person, lifted_at=None).exists():
        return Refusal("not_blocked", NOT_BLOCKED)
    return None


def block_obstacle(by, person):
    """Why ``by`` may not block ``person``, or ``None``."""
    if not may_block(by):
        return Refusal("may_not_block", MAY_NOT_BLOCK)
    if person.pk == by.pk:
        return Refusal("block_self", BLOCK_SELF)
    if not person.is_active:
        return Refusal("already_blocked", ALREADY_BLOCKED)
    # Known for the signed-in person (cms.accounts) and for the authors in the moderation queue.
    if person.is_superuser or person.is_staff or may_use_admin(person):
        return Refusal("block_staff", BLOCK_STAFF)
    return None


def may_feature_groups(user):
    """Whether ``user`` may choose the groups the home page features (editors)."""
    return bool(user and user.is_authenticated) and user.has_perm(
        "participation.feature_actiongroup"
    )


def feature_obstacle(user):
    if may_feature_groups(user):
        return None
    return Refusal("may_not_feature", MAY_NOT_FEATURE)


def assign_lead_obstacle(by, group, membership):
    """Why moderator ``by`` may not make ``membership``'s person a lead of ``group`` (a group
    that lost its lead), or ``None``. ``membership`` is the person's row in the group or
    ``None``."""
    obstacle = moderate_obstacle(by, type(group))
    if obstacle:
        return obstacle
    if membership is None or not membership.is_active:
        return Refusal("not_a_member", NEW_LEAD_NOT_MEMBER)
    if not membership.user.is_active:
        return Refusal("lead_blocked", NEW_LEAD_BLOCKED)
    if membership.is_lead and not membership.placeholder:
        return Refusal("already_lead", NEW_LEAD_ALREADY)
    return None
