"""Writing, editing and deleting comments and marking them helpful."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .. import rules
from ..models import (
    ActionGroup,
    Comment,
    HelpfulMark,
    Proposal,
)
from ..models.hosts import is_pre_moderated
from ..notifications import events
from .announcements import announce_comment
from .proposals import _lock_person

# --- Comments ------------------------------------------------------------------------------------


def _lock_comment(comment):
    return (
        Comment.objects.select_for_update(of=("self",)).select_related("author").get(pk=comment.pk)
    )


def _counts(comment):
    """Whether ``comment`` counts in the numbers pages show (discussed proposals, replies)."""
    return comment.moderation == Comment.Moderation.PUBLISHED and not comment.is_deleted


# Contributions whose pages show how many comments they have.
COUNTED_TARGETS = (Proposal, ActionGroup)


def _change_comment_counts(comment, delta):
    model = ContentType.objects.get_for_id(comment.target_type_id).model_class()
    if model in COUNTED_TARGETS:
        model.objects.filter(pk=comment.target_id).update(comment_count=F("comment_count") + delta)
    if comment.parent_id:
        Comment.objects.filter(pk=comment.parent_id).update(reply_count=F("reply_count") + delta)


def create_comment(user, target, text, *, process=None, parent=None, official=False):
    """``user``'s comment on ``target`` (a proposal or a page), or a reply to ``parent``.

    Replies are one level deep: a reply to a reply answers the same comment. Under
    pre-moderation the comment waits for a moderator. Moderators may write ``official``
    comments, shown with a badge.
    """
    with transaction.atomic():
        _lock_person(user)
        rules.check_comment_action(user, "comment", target=target, process=process)
        if parent is not None:
            parent = _lock_comment(parent.parent or parent)
            if parent.is_deleted:
                raise rules.ParticipationError(rules.Refusal("deleted", rules.COMMENT_GONE))
            if parent.moderation != Comment.Moderation.PUBLISHED:
                raise rules.ParticipationError(rules.Refusal("hidden", rules.COMMENT_HIDDEN))
        if official and not rules.may_reply_officially(user):
            raise rules.ParticipationError(rules.Refusal("not_a_moderator", rules.NOT_A_MODERATOR))
        comment = Comment(
            target=target,
            process_id=process.pk if process is not None else None,
            parent=parent,
            author=user,
            text=text,
            is_official=official,
            moderation=(
                Comment.Moderation.PENDING
                if is_pre_moderated(process)
                else Comment.Moderation.PUBLISHED
            ),
        )
        comment.full_clean(exclude=["target_type", "process", "parent", "author"])
        comment.save()
        if _counts(comment):
            _change_comment_counts(comment, +1)
        events.follow(user, target, automatic=True)
        announce_comment(comment)
        return comment


def edit_comment(user, comment, text, *, target, process=None):
    """Change ``user``'s own comment; it shows as edited, with the time. Under pre-moderation a
    changed comment waits for a moderator again."""
    with transaction.atomic():
        _lock_person(user)
        comment = _lock_comment(comment)
        rules.check_comment_action(user, "edit", target=target, process=process, comment=comment)
        if text == comment.text:
            comment.changed = False
            return comment
        counted = _counts(comment)
        comment.text = text
        comment.edited_at = timezone.now()
        if is_pre_moderated(process):
            comment.moderation = Comment.Moderation.PENDING
        comment.full_clean(exclude=["target_type", "process", "parent", "author"])
        comment.save()
        if counted and not _counts(comment):
            _change_comment_counts(comment, -1)
        comment.changed = True
        return comment


def delete_comment(user, comment, *, target):
    """The author deletes their comment: its text is gone, a placeholder keeps the thread's
    shape (its replies stay)."""
    with transaction.atomic():
        _lock_person(user)
        comment = _lock_comment(comment)
        rules.check_comment_action(user, "delete", target=target, comment=comment)
        counted = _counts(comment)
        comment.text = ""
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["text", "deleted_at"])
        if counted:
            _change_comment_counts(comment, -1)
        return comment


def mark_helpful(user, comment, *, target, process=None, helpful=True):
    """``user`` marks ``comment`` as helpful (or takes the mark back); returns the comment with
    the new count. One mark per person: the database's unique constraint decides."""
    with transaction.atomic():
        _lock_person(user)
        comment = _lock_comment(comment)
        action = "helpful" if helpful else "unhelpful"
        rules.check_comment_action(user, action, target=target, process=process, comment=comment)
        if helpful:
            HelpfulMark.objects.create(comment=comment, user=user)
            delta = +1
        else:
            HelpfulMark.objects.filter(comment=comment, user=user).delete()
            delta = -1
        Comment.objects.filter(pk=comment.pk).update(helpful_count=F("helpful_count") + delta)
        comment.refresh_from_db(fields=["helpful_count"])
        return comment
