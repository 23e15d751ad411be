"""Moderating contributions and blocking people, each action logged in its transaction."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .. import rules
from ..models import (
    ActionGroup,
    Block,
    Comment,
    Membership,
    Moderation,
    ModerationLogEntry,
    NotificationReason,
    Reason,
    RelayMessage,
    Report,
)
from ..models.moderation import target_type_of
from ..notifications import events
from .announcements import announce_published
from .comments import _change_comment_counts, _counts

# --- Moderation ----------------------------------------------------------------------------------
#
# Every moderation action goes through :func:`moderate` (contributions) or :func:`block_user` and
# :func:`unblock_user` (people), which write the moderation log in the same transaction.

Action = ModerationLogEntry.Action

CONTRIBUTION_MODELS = rules.CONTRIBUTION_MODELS
"""What residents write and moderators moderate; later kinds of contribution join here."""

# The moderation state each action leads to (reviewing reports leaves it as it is).
OUTCOME = {
    Action.APPROVE: Moderation.PUBLISHED,
    Action.RESTORE: Moderation.PUBLISHED,
    Action.HIDE: Moderation.HIDDEN,
    Action.AUTO_HIDE: Moderation.HIDDEN,
}


def applies(action, item, open_reports):
    """Whether ``action`` changes anything for ``item`` as it is now; ``open_reports``: how
    many reports about it no moderator has decided on."""
    if action == Action.APPROVE:
        return item.moderation != Moderation.PUBLISHED
    if action == Action.RESTORE:
        return item.moderation == Moderation.HIDDEN
    if action == Action.HIDE:
        # Hidden by enough reports, it still waits for a moderator's decision (and the author
        # for the reasons).
        return item.moderation != Moderation.HIDDEN or open_reports > 0
    if action == Action.AUTO_HIDE:
        return item.moderation != Moderation.HIDDEN
    if action == Action.REVIEW:
        return open_reports > 0
    raise ValueError(f"{action!r} is no moderation action for contributions")


def label_of(item):
    """What the moderation log calls an item: a proposal's, update's or board entry's title, a
    comment's beginning, a group's name, "Message to …" for a relayed message, a person's
    display name."""
    if isinstance(item, Comment):
        text = item.excerpt if not item.is_deleted else "–"
    elif isinstance(item, ActionGroup):
        text = item.name
    elif hasattr(item, "title"):
        text = item.title
    else:
        text = str(item)
    return str(text)[:200]


def _log(action, item, by, *, author_id=None, reason="", note="", block=None, previous=""):
    return ModerationLogEntry.objects.create(
        action=action,
        previous_moderation=previous,
        moderator=by,
        target_type=target_type_of(item),
        target_id=item.pk,
        target_label=label_of(item),
        author_id=author_id if author_id is not None else getattr(item, "author_id", None),
        reason=reason or "",
        note=note or "",
        block=block,
    )


def _set_moderation(item, moderation):
    """Change ``item``'s moderation state; the numbers pages show follow (a hidden comment no
    longer counts). The caller holds the item's lock."""
    if isinstance(item, Comment):
        counted = _counts(item)
        item.moderation = moderation
        item.save(update_fields=["moderation"])
        if counted != _counts(item):
            _change_comment_counts(item, -1 if counted else +1)
    else:
        item.moderation = moderation
        fields = ["moderation"]
        if hasattr(item, "updated_at"):
            fields.append("updated_at")
        item.save(update_fields=fields)


def moderate(item, action, by, *, reason="", note="", block=None, notify=True, restore_to=None):
    """Approve, hide, restore or review the reports of a contribution, and log it.

    ``by`` is the moderator (``None`` when the platform hides an item after enough reports).
    Hiding needs a reason; a moderator's hiding emails the author a statement of reasons
    (unless ``notify`` is off: a block tells the person once, for everything). A moderator's
    decision settles the open reports. Restoring publishes the item, or puts it back to
    ``restore_to`` (lifting a block: what waited for moderation waits again). Returns the log
    entry, or ``None`` when the action does not apply to the item as it is now (approving a
    published item, say): nothing changed. Raises :class:`rules.ParticipationError` when
    ``by`` may not moderate such items.
    """
    if action in (Action.HIDE, Action.AUTO_HIDE) and reason not in Reason.values:
        raise ValueError("Hiding needs a reason")
    if by is not None:
        rules.check(rules.moderate_obstacle(by, type(item)))
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        open_reports = Report.objects.of(item).open()
        if not applies(action, item, open_reports.count()):
            return None
        previous = item.moderation
        if action in OUTCOME:
            outcome = restore_to if action == Action.RESTORE and restore_to else OUTCOME[action]
            _set_moderation(item, outcome)
        if by is not None:
            open_reports.update(reviewed_at=timezone.now())
        entry = _log(action, item, by, reason=reason, note=note, block=block, previous=previous)
        if action == Action.HIDE and notify and by is not None:
            _statement_of_reasons(entry, item, by)
        if action in (Action.APPROVE, Action.RESTORE):
            # What waited for a moderator is announced now (once: restoring again is no news).
            announce_published(item)
        return entry


def _statement_of_reasons(entry, item, by):
    """The author hears why a moderator hid their contribution (EU Digital Services Act Art.
    17): a notification that is always e-mailed at once, composed by
    :func:`participation.notifications.mails.compose_moderation`."""
    if entry.author_id is None:
        return
    events.notify(
        NotificationReason.MODERATION,
        item,
        actor=by,
        recipients=[entry.author_id],
        key=f"moderation:{entry.pk}",
        data={
            "title": entry.target_label,
            "log_entry": entry.pk,
            "template": "statement_of_reasons",
        },
    )


def _block_notice(block, by):
    """The blocked person hears why, what it means and how to object (always at once)."""
    events.notify(
        NotificationReason.MODERATION,
        block,
        actor=by,
        recipients=[block.user_id],
        key=f"block:{block.pk}",
        data={"title": block.get_reason_display(), "block": block.pk, "template": "block_notice"},
    )


def moderate_many(items, action, by, *, reason="", note=""):
    """Apply :func:`moderate` to each of ``items`` in one transaction: the moderation queue and
    the contribution listings' bulk actions both end here. Items the action does not apply to
    as they are now are left as they are. Returns the log entries of what changed, in the
    order of ``items``. The caller leaves out what ``by`` may not moderate; should one slip
    through, :class:`rules.ParticipationError` undoes them all."""
    with transaction.atomic():
        entries = [moderate(item, action, by, reason=reason, note=note) for item in items]
    return [entry for entry in entries if entry is not None]


def contributions_of(person):
    """Every contribution ``person`` wrote, of every kind."""
    for model in CONTRIBUTION_MODELS:
        for item in model.objects.filter(author=person).order_by("pk"):
            if not getattr(item, "is_deleted", False):
                yield item


def block_user(person, by, reason, note="", *, hide_contributions=False, notify=True):
    """Block ``person``: they can no longer sign in or take part (their sessions end with the
    next request) and are told why by email (unless ``notify`` is off); optionally hide
    everything they wrote. Raises :class:`rules.ParticipationError` when ``by`` may not block
    them."""
    with transaction.atomic():
        person = get_user_model().objects.select_for_update().get(pk=person.pk)
        rules.check(rules.block_obstacle(by, person))
        # An administrator may have reactivated the account in Settings → Users: that ended
        # the earlier block.
        Block.objects.filter(user=person, lifted_at=None).update(lifted_at=timezone.now())
        # Computed before anything changes: the groups only this person leads.
        orphaned = list(orphan_groups_of(person))
        block = Block(
            user=person,
            reason=reason,
            note=note,
            hid_contributions=hide_contributions,
            blocked_by=by,
        )
        block.full_clean(exclude=["user", "blocked_by"])
        block.save()
        person.is_active = False
        person.save(update_fields=["is_active"])
        _log(Action.BLOCK, person, by, author_id=person.pk, reason=reason, note=note, block=block)
        if hide_contributions:
            hide_with_the_person(person, orphaned, by, reason, note=note, block=block)
        _mark_leads_as_placeholders(person, orphaned)
        if notify:
            _block_notice(block, by)
        return block


def hide_with_the_person(person, orphaned, by, reason, *, note="", block=None):
    """Hide what :func:`hidden_with_the_person` names (a block that hides the contributions, or
    deleting a spam account with them); nobody is told one by one."""
    for item in hidden_with_the_person(person, orphaned):
        if item.moderation == Moderation.HIDDEN:
            # Hidden already (by a moderator, or by reports and waiting for one): this neither
            # takes it over nor settles its reports.
            continue
        moderate(item, Action.HIDE, by, reason=reason, note=note, block=block, notify=False)


def hidden_with_the_person(person, orphaned):
    """What "hide their contributions" hides: what ``person`` wrote, and of the groups only
    the groups they alone lead (``orphaned``): a group they founded that other leads carry on
    stays, a group they took over alone goes. Relayed messages are records, not public
    contributions; hiding one means a moderator found it abusive, which a block does not
    decide."""
    for item in contributions_of(person):
        if not isinstance(item, ActionGroup | RelayMessage):
            yield item
    yield from orphaned


def unblock_user(person, by, note="", *, restore_contributions=False):
    """Lift ``person``'s block: they may sign in and take part again. With
    ``restore_contributions``, what the block hid is published again (not what moderators hid
    for other reasons before or after)."""
    with transaction.atomic():
        person = get_user_model().objects.select_for_update().get(pk=person.pk)
        rules.check(rules.unblock_obstacle(by, person))
        block = Block.objects.get(user=person, lifted_at=None)
        block.lifted_at = timezone.now()
        block.lifted_by = by
        block.save(update_fields=["lifted_at", "lifted_by"])
        person.is_active = True
        person.save(update_fields=["is_active"])
        _log(Action.UNBLOCK, person, by, author_id=person.pk, note=note, block=block)
        # Groups that found no new lead during the block have theirs back.
        Membership.objects.filter(user=person, placeholder=True).update(placeholder=False)
        if restore_contributions:
            for entry in _hidden_by(block):
                moderate(
                    entry.target,
                    Action.RESTORE,
                    by,
                    note=note,
                    block=block,
                    restore_to=entry.previous_moderation or Moderation.PUBLISHED,
                )
        return block


def _hidden_by(block):
    """The log entries of what ``block`` hid and nobody moderated since (a moderator may have
    restored an item during the block and hidden it again for another reason)."""
    hidden = block.log_entries.filter(action=Action.HIDE).select_related("target_type")
    for entry in hidden:
        latest = (
            ModerationLogEntry.objects.filter(
                target_type_id=entry.target_type_id, target_id=entry.target_id
            )
            .order_by("-created_at", "-pk")
            .values_list("pk", flat=True)
            .first()
        )
        if latest == entry.pk and entry.target is not None:
            yield entry


# --- Groups that lose their only lead ------------------------------------------------------------
#
# A group always has a lead. When its only lead is blocked, their lead membership stays and is
# marked as a placeholder: the group keeps its page and its members, and appears in the
# moderators' queue ("Without a lead") until a moderator makes a member its lead
# (:func:`assign_lead`). Lifting the block before that gives the person their place back. A
# group without any lead row (its only lead deleted their account) appears there too.


def _leads():
    return Membership.objects.filter(
        role=Membership.Role.LEAD, state=Membership.State.ACTIVE, placeholder=False
    )


def _real_leads():
    """Leads who can act: not placeholders, and not blocked (a lead blocked while another
    led too leaves the group without a lead should the other one leave)."""
    return _leads().filter(user__is_active=True)


def orphan_groups_of(person):
    """The groups (not hidden) that ``person`` is the only real lead of: the ones that lose
    their lead when ``person`` is blocked or deletes their account."""
    led = _leads().filter(user=person).values("group_id")
    others = _real_leads().exclude(user=person).values("group_id")
    return (
        ActionGroup.objects.filter(pk__in=led)
        .exclude(pk__in=others)
        .exclude(moderation=Moderation.HIDDEN)
        .order_by("pk")
    )


def groups_without_lead():
    """Groups (not hidden) without a lead who can act (only placeholders or blocked leads, or
    no lead row at all): the moderators' queue lists them until a moderator assigns a new
    lead."""
    return ActionGroup.objects.exclude(moderation=Moderation.HIDDEN).exclude(
        pk__in=_real_leads().values("group_id")
    )


def _mark_leads_as_placeholders(person, groups):
    Membership.objects.filter(
        user=person, group__in=[group.pk for group in groups], role=Membership.Role.LEAD
    ).update(placeholder=True)


def assign_lead(by, group, person):
    """Moderator ``by`` makes ``person``, an active member of ``group``, its lead. The
    placeholder leads (a blocked lead) become plain members; lifting their block later does
    not make them lead again. Returns the person's membership. Raises
    :class:`rules.ParticipationError` when ``by`` may not moderate groups or ``person`` is no
    active member."""
    with transaction.atomic():
        group = ActionGroup.objects.select_for_update().get(pk=group.pk)
        membership = (
            Membership.objects.select_for_update()
            .select_related("user")
            .filter(group=group, user=person)
            .first()
        )
        rules.check(rules.assign_lead_obstacle(by, group, membership))
        Membership.objects.filter(group=group, placeholder=True).exclude(pk=membership.pk).update(
            role=Membership.Role.MEMBER, placeholder=False
        )
        membership.role = Membership.Role.LEAD
        membership.placeholder = False
        membership.decided_at = timezone.now()
        membership.save(update_fields=["role", "placeholder", "decided_at"])
        return membership


# --- Featuring groups ----------------------------------------------------------------------------


def feature_group(by, group, featured):
    """Editor ``by`` features ``group`` on the home page, or stops featuring it. Only the flag
    changes. Returns the group."""
    rules.check(rules.feature_obstacle(by))
    with transaction.atomic():
        group = ActionGroup.objects.select_for_update().get(pk=group.pk)
        if group.featured != featured:
            group.featured = featured
            group.save(update_fields=["featured"])
        return group
