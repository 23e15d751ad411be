"""Joining and leaving action groups, requests and the leads' answers, removing members, the
lead role, undertakings (Vorhaben) and progress updates.

Every action is one transaction that first locks the group's row, then checks the rules on
fresh rows: parallel requests of one person leave one membership, and ``member_count`` (active
members and leads) changes by ``F()`` with each change of state. The leads hear about requests,
the person about the leads' answer (notifications, :mod:`participation.notifications.events`);
members and followers about published progress updates.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .. import rules
from ..models import ActionGroup, GroupUpdate, Membership, Moderation, Undertaking
from ..models import NotificationReason as Reason
from ..notifications import events
from ..rules import memberships as membership_rules
from .announcements import announce_published

ACTIVE = Membership.State.ACTIVE
REQUESTED = Membership.State.REQUESTED


def _lock(group):
    """Lock the group's row and return it as it is now."""
    return ActionGroup.objects.select_for_update().get(pk=group.pk)


def _fresh(membership, group):
    """``membership`` as it is now (the caller holds the group's lock), or ``None``."""
    if membership is None:
        return None
    return Membership.objects.filter(pk=membership.pk, group_id=group.pk).first()


def _count(group, change):
    ActionGroup.objects.filter(pk=group.pk).update(member_count=F("member_count") + change)


def _join(user, group, now):
    membership = Membership.objects.create(
        group=group, user=user, role=Membership.Role.MEMBER, state=ACTIVE, created_at=now
    )
    _count(group, 1)
    return membership


def join_group(user, group):
    """``user`` joins the open ``group``; returns the membership. Raises
    :class:`rules.ParticipationError` when the rules forbid it (also for a second join)."""
    with transaction.atomic():
        group = _lock(group)
        rules.check(membership_rules.join_obstacle(user, group))
        return _join(user, group, timezone.now())


def request_membership(user, group, message=""):
    """``user`` asks the leads of ``group`` to join, with a short ``message``; the leads are
    told. Asking to join an open group joins it. Returns the membership."""
    with transaction.atomic():
        group = _lock(group)
        rules.check(membership_rules.request_obstacle(user, group))
        now = timezone.now()
        if group.joining == ActionGroup.Joining.OPEN:
            return _join(user, group, now)
        membership = Membership.objects.create(
            group=group,
            user=user,
            role=Membership.Role.MEMBER,
            state=REQUESTED,
            message=(message or "").strip(),
            created_at=now,
        )
        leads = Membership.objects.filter(
            group_id=group.pk, state=ACTIVE, role=Membership.Role.LEAD
        ).values_list("user_id", flat=True)
        events.notify(
            Reason.JOIN_REQUEST,
            group,
            actor=user,
            recipients=list(leads),
            key=f"join-request:{membership.pk}",
            data={
                "title": group.name,
                "membership": membership.pk,
                # The leads learn the requester's display name only, never their address.
                "requester": user.display_name,
                "message": membership.message,
            },
        )
        return membership


def _tell_outcome(lead, membership, outcome):
    """Tell the person what the leads decided about their membership."""
    events.notify(
        Reason.MEMBERSHIP,
        membership.group,
        actor=lead,
        recipients=[membership.user_id],
        key=f"membership:{membership.pk}:{outcome}:{membership.decided_at.isoformat()}",
        data={
            "title": membership.group.name,
            "membership": membership.pk,
            "outcome": outcome,
            "reason": membership.reason,
        },
    )


def accept_request(lead, membership):
    """A lead accepts a request to join; the requester is told."""
    with transaction.atomic():
        group = _lock(membership.group)
        membership = _fresh(membership, group)
        rules.check(membership_rules.accept_obstacle(lead, group, membership))
        membership.state = ACTIVE
        membership.decided_at = timezone.now()
        membership.reason = ""
        membership.save(update_fields=["state", "decided_at", "reason"])
        _count(group, 1)
        _tell_outcome(lead, membership, "accepted")
        return membership


def decline_request(lead, membership, reason=""):
    """A lead declines a request to join, with a ``reason`` the requester reads (by email and
    on the group's page)."""
    with transaction.atomic():
        group = _lock(membership.group)
        membership = _fresh(membership, group)
        rules.check(membership_rules.decline_obstacle(lead, group, membership))
        membership.state = Membership.State.DECLINED
        membership.decided_at = timezone.now()
        membership.reason = (reason or "").strip()
        membership.save(update_fields=["state", "decided_at", "reason"])
        _tell_outcome(lead, membership, "declined")
        return membership


def leave_group(user, group):
    """``user`` leaves ``group`` (or withdraws their request): the membership goes. The last
    lead cannot leave."""
    with transaction.atomic():
        group = _lock(group)
        rules.check(membership_rules.leave_obstacle(user, group))
        membership = membership_rules.membership_of(user, group)
        # The post_delete receiver (participation.signals) takes an active member off the count.
        membership.delete()
        return membership


def remove_member(lead, membership, reason):
    """A lead removes a member with a ``reason`` the member reads (by email and on the group's
    page). The row stays, so that the person cannot simply join again."""
    with transaction.atomic():
        group = _lock(membership.group)
        membership = _fresh(membership, group)
        rules.check(membership_rules.remove_obstacle(lead, group, membership))
        membership.state = Membership.State.REMOVED
        membership.decided_at = timezone.now()
        membership.reason = (reason or "").strip()
        membership.save(update_fields=["state", "decided_at", "reason"])
        _count(group, -1)
        _tell_outcome(lead, membership, "removed")
        return membership


def make_lead(lead, membership):
    """A lead makes an active member a lead too."""
    with transaction.atomic():
        group = _lock(membership.group)
        membership = _fresh(membership, group)
        rules.check(membership_rules.make_lead_obstacle(lead, group, membership))
        membership.role = Membership.Role.LEAD
        membership.save(update_fields=["role"])
        return membership


def drop_lead(lead, membership):
    """A lead takes the lead role from a lead (themselves included); they stay a member. At
    least one lead remains."""
    with transaction.atomic():
        group = _lock(membership.group)
        membership = _fresh(membership, group)
        rules.check(membership_rules.drop_lead_obstacle(lead, group, membership))
        membership.role = Membership.Role.MEMBER
        membership.save(update_fields=["role"])
        return membership


def _vision(value):
    """The vision page ``value`` names (a page or its id), if it is a live vision; else a
    refusal."""
    if value in (None, ""):
        return None
    pk = getattr(value, "pk", value)
    vision = membership_rules.vision_pages().filter(pk=pk).first()
    if vision is None:
        raise rules.ParticipationError(rules.Refusal("not_a_vision", membership_rules.NOT_A_VISION))
    return vision


def save_undertaking(lead, group, data, undertaking=None):
    """Create an undertaking of ``group`` (``undertaking`` None) or change it, from ``data``
    (``title``, ``description``, ``status``, optional ``vision``: a live vision page or its
    id). Returns the undertaking."""
    with transaction.atomic():
        group = _lock(group)
        if undertaking is not None:
            undertaking = Undertaking.objects.filter(pk=undertaking.pk).first()
            if undertaking is None:
                raise rules.ParticipationError(
                    rules.Refusal("foreign_undertaking", membership_rules.FOREIGN_UNDERTAKING)
                )
        rules.check(membership_rules.undertaking_obstacle(lead, group, undertaking))
        if undertaking is None:
            undertaking = Undertaking(group=group)
        undertaking.title = data["title"].strip()
        undertaking.description = data["description"].strip()
        undertaking.status = data.get("status") or Undertaking.Status.IDEA
        undertaking.vision = _vision(data.get("vision"))
        undertaking.save()
        return undertaking


def update_moderation():
    """How new progress updates start: published (post-moderation, the default) unless
    ``PARTICIPATION_GROUP_UPDATE_MODERATION`` is ``"pre"``."""
    if getattr(settings, "PARTICIPATION_GROUP_UPDATE_MODERATION", "post") == "pre":
        return Moderation.PENDING
    return Moderation.PUBLISHED


def _update_undertaking(group, value):
    if value in (None, ""):
        return None
    pk = getattr(value, "pk", value)
    undertaking = Undertaking.objects.filter(pk=pk, group_id=group.pk).first()
    if undertaking is None:
        raise rules.ParticipationError(
            rules.Refusal("foreign_undertaking", membership_rules.FOREIGN_UNDERTAKING)
        )
    return undertaking


def post_update(lead, group, data):
    """A lead posts a progress update on ``group`` from ``data`` (``title``, ``text``, optional
    ``undertaking`` of the same group). Returns the update."""
    with transaction.atomic():
        group = _lock(group)
        rules.check(membership_rules.post_update_obstacle(lead, group))
        update = GroupUpdate.objects.create(
            group=group,
            undertaking=_update_undertaking(group, data.get("undertaking")),
            author=lead,
            title=data["title"].strip(),
            text=data["text"].strip(),
            moderation=update_moderation(),
        )
        announce_published(update)
        return update


def edit_update(lead, update, data):
    """A lead changes a progress update of their group. A hidden update stays hidden; with
    pre-moderation the change waits for a moderator again."""
    with transaction.atomic():
        group = _lock(update.group)
        update = GroupUpdate.objects.filter(pk=update.pk, group_id=group.pk).first()
        if update is None:
            raise rules.ParticipationError(
                rules.Refusal("foreign_update", membership_rules.NOT_A_LEAD)
            )
        rules.check(membership_rules.post_update_obstacle(lead, group, update))
        update.title = data["title"].strip()
        update.text = data["text"].strip()
        update.undertaking = _update_undertaking(group, data.get("undertaking"))
        fields = ["title", "text", "undertaking", "updated_at"]
        if update.is_published and update_moderation() == Moderation.PENDING:
            update.moderation = Moderation.PENDING
            fields.append("moderation")
        update.save(update_fields=fields)
        return update
