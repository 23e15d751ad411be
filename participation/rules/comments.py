"""Who may write, edit, delete and mark comments as helpful, and what one person may do with
each comment of a thread.

What is commented on (the "target") is a proposal or a page; duck-typed: ``comments_enabled``
(the model takes comments at all), ``comments_open`` (a page's editor may close them),
``moderation`` and ``withdrawn_at`` (contributions), and the process whose phases decide, given
separately (``None`` outside processes).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from ..models import HelpfulMark, Moderation
from .base import Refusal, check, person_obstacle

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
        return Refusal("comments_closed", COMMENTS_CLOSED)
    if process is not None:
        if not process.allows("comment", now):
            return Refusal("phase_closed", COMMENT_PHASE_CLOSED)
    elif not getattr(target, "comments_open", True):
        return Refusal("comments_closed", COMMENTS_CLOSED)
    moderation = getattr(target, "moderation", Moderation.PUBLISHED)
    if moderation == Moderation.HIDDEN:
        return Refusal("target_hidden", COMMENT_ON_HIDDEN)
    if moderation == Moderation.PENDING:
        return Refusal("target_pending", COMMENT_ON_PENDING)
    if getattr(target, "withdrawn_at", None) is not None:
        return Refusal("target_withdrawn", COMMENT_ON_WITHDRAWN)
    return None


def comments_closed(target, process=None, now=None):
    """Why nobody may write on ``target`` now (comments off, phase over, target not public), as
    a :class:`Refusal`; ``None`` while it is open. Readers are invited to sign in only then."""
    return _target_obstacle(target, process, now or timezone.now())


def comment_obstacle(user, action, *, target, process=None, comment=None, now=None):
    """Why ``user`` may not do ``action`` (comment, edit, delete, helpful, unhelpful) on
    ``target`` (for all but "comment": on ``comment``), as a :class:`Refusal`; ``None`` when
    they may.

    Deleting your own comment is always possible; writing, editing and marking need the place
    to be open for comments.
    """
    if action not in COMMENT_ACTIONS:
        raise ValueError(f"Unknown action {action!r}")
    now = now or timezone.now()
    obstacle = person_obstacle(user)
    if obstacle:
        return obstacle
    if action != "comment" and comment is None:
        raise ValueError(f"{action!r} needs a comment")
    if action == "delete":
        if comment.author_id != user.pk:
            return Refusal("not_author", NOT_COMMENT_AUTHOR)
        return Refusal("deleted", COMMENT_GONE) if comment.is_deleted else None
    obstacle = _target_obstacle(target, process, now)
    if obstacle or action == "comment":
        return obstacle
    if comment.is_deleted:
        return Refusal("deleted", COMMENT_GONE)
    if comment.is_hidden:
        return Refusal("hidden", COMMENT_HIDDEN)
    if action == "edit":
        if comment.author_id != user.pk:
            return Refusal("not_author", NOT_COMMENT_AUTHOR)
        minutes = comment_edit_minutes()
        if minutes and now - comment.created_at > timedelta(minutes=minutes):
            return Refusal("edit_window_over", COMMENT_EDIT_WINDOW_OVER, minutes=minutes)
        return None
    if not comment.is_published:
        return Refusal("pending", COMMENT_ON_PENDING)
    if comment.author_id == user.pk:
        return Refusal("own_comment", OWN_COMMENT_HELPFUL)
    marked = HelpfulMark.objects.filter(comment=comment, user=user).exists()
    if action == "helpful" and marked:
        return Refusal("already_helpful", ALREADY_HELPFUL)
    if action == "unhelpful" and not marked:
        return Refusal("not_helpful", NOT_HELPFUL)
    return None


def check_comment_action(user, action, **kwargs):
    check(comment_obstacle(user, action, **kwargs))


def may_reply_officially(user):
    """Moderators (and lead editors) may write comments as the moderation, with a badge."""
    if user is None or not user.is_authenticated:
        return False
    # People without admin access (residents: known from the request's user, cms.accounts) are
    # no moderators; only staff pay for the permission lookup.
    if getattr(user, "admin_access", None) is False and not user.is_superuser:
        return False
    return user.has_perm("participation.moderate_comment")


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
    if person_obstacle(user):
        return {comment.pk: CommentState() for comment in comments}
    open_here = _target_obstacle(target, process, now) is None
    minutes = comment_edit_minutes()
    states = {}
    for comment in comments:
        own = comment.author_id == user.pk
        alive = not comment.is_deleted and not comment.is_hidden
        in_window = not minutes or now - comment.created_at <= timedelta(minutes=minutes)
        states[comment.pk] = CommentState(
            may_edit=open_here and own and alive and in_window,
            may_delete=own and not comment.is_deleted,
            may_mark=open_here and not own and alive and comment.is_published,
            marked=bool(getattr(comment, "marked_helpful", False)),
        )
    return states
