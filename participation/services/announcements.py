"""What a contribution announces when it becomes public: at once under post-moderation, when a
moderator approves it under pre-moderation. Each announcement has a key, so that approving
again after an edit (or restoring after hiding) never announces the same thing twice.

- a comment: a reply to the parent comment's author, a new comment to the proposal's author and
  to the thread's followers;
- a proposal or an action group: something new in its fields of action (their followers);
- a group's progress update or new need: its active members and its followers.
"""

from cms.taxonomy import FieldOfAction

from ..models import ActionGroup, BoardEntry, Comment, GroupUpdate, Membership, Proposal
from ..models import NotificationReason as Reason
from ..notifications import events
from ..notifications.targets import title_of


def announce_published(item):
    """Announce ``item`` if it is public now; what it announces depends on its kind."""
    if not item.is_published:
        return None
    if isinstance(item, Comment):
        return announce_comment(item)
    if isinstance(item, Proposal | ActionGroup):
        return announce_new_in_field(item)
    if isinstance(item, GroupUpdate):
        return _announce_to_group(item, Reason.GROUP_UPDATE, f"group-update:{item.pk}")
    if isinstance(item, BoardEntry) and item.is_need and item.group_id is not None:
        return _announce_to_group(item, Reason.GROUP_NEED, f"group-need:{item.pk}")
    return None


def announce_comment(comment):
    if comment.is_deleted or not comment.is_published:
        return None
    thread = comment.target
    recipients = []
    if comment.parent_id is not None:
        parent_author = Comment.objects.filter(pk=comment.parent_id).values_list(
            "author_id", flat=True
        )
        recipients.append((parent_author.first(), Reason.COMMENT_REPLY))
    if (
        isinstance(thread, Proposal)
        and thread.author_id
        and not events.unfollowed(thread.author_id, thread)
    ):
        recipients.append((thread.author_id, Reason.NEW_COMMENT))
    kind = Reason.COMMENT_REPLY if comment.parent_id else Reason.NEW_COMMENT
    return events.notify(
        kind,
        comment,
        actor=comment.author_id,
        recipients=recipients,
        followers_of=[thread],
        follower_reason=Reason.NEW_COMMENT,
        key=f"comment:{comment.pk}",
        data={
            "title": str(title_of(thread)),
            "comment": comment.pk,
            "excerpt": str(comment.excerpt),
            "reply": comment.parent_id is not None,
        },
    )


def _fields_of(item):
    """The fields of action of ``item``, in every language (each language's version is
    followed on its own)."""
    if isinstance(item, Proposal):
        ids = [item.field_of_action_id] if item.field_of_action_id else []
    else:
        ids = list(item.fields_of_action.values_list("pk", flat=True))
    if not ids:
        return []
    keys = FieldOfAction.objects.filter(pk__in=ids).values("translation_key")
    return list(FieldOfAction.objects.filter(translation_key__in=keys))


def announce_new_in_field(item):
    fields = _fields_of(item)
    if not fields:
        return None
    kind = "proposal" if isinstance(item, Proposal) else "group"
    return events.notify(
        Reason.NEW_IN_FIELD,
        item,
        actor=item.author_id,
        followers_of=fields,
        key=f"new-in-field:{kind}:{item.pk}",
        data={"fields": [field.pk for field in fields]},
    )


def _announce_to_group(item, reason, key):
    group = ActionGroup.objects.get(pk=item.group_id)
    members = Membership.objects.filter(
        group_id=group.pk, state=Membership.State.ACTIVE
    ).values_list("user_id", flat=True)
    return events.notify(
        reason,
        item,
        actor=item.author_id,
        recipients=list(members),
        followers_of=[group],
        key=key,
        data={"group": group.pk, "group_name": group.name},
    )
