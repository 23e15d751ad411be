"""Joining and leaving action groups, requests and the leads' answers, removing members, the
lead role, undertakings (Vorhaben) and progress updates.

Every action is one transaction that first locks the group's row, then checks the rules on
fresh rows: parallel requests of one person leave one membership, and ``member_count`` (active
members and leads) changes by ``F()`` with each change of state. Emails leave after the commit,
in the language of the request that caused them.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .. import notifications, rules
from ..models import ActionGroup, GroupUpdate, Membership, Moderation, Undertaking
from ..rules import memberships as membership_rules

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
    told by email. Asking to join an open group joins it. Returns the membership."""
    language = translation.get_language()
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
        notifications.send_after_commit(send_request_received, membership.pk, language)
        return membership


def accept_request(lead, membership):
    """A lead accepts a request to join; the requester is told by email."""
    language = translation.get_language()
    with transaction.atomic():
        group = _lock(membership.group)
        membership = _fresh(membership, group)
        rules.check(membership_rules.accept_obstacle(lead, group, membership))
        membership.state = ACTIVE
        membership.decided_at = timezone.now()
        membership.reason = ""
        membership.save(update_fields=["state", "decided_at", "reason"])
        _count(group, 1)
        notifications.send_after_commit(send_request_accepted, membership.pk, language)
        return membership


def decline_request(lead, membership, reason=""):
    """A lead declines a request to join, with a ``reason`` the requester reads (by email and
    on the group's page)."""
    language = translation.get_language()
    with transaction.atomic():
        group = _lock(membership.group)
        membership = _fresh(membership, group)
        rules.check(membership_rules.decline_obstacle(lead, group, membership))
        membership.state = Membership.State.DECLINED
        membership.decided_at = timezone.now()
        membership.reason = (reason or "").strip()
        membership.save(update_fields=["state", "decided_at", "reason"])
        notifications.send_after_commit(send_request_declined, membership.pk, language)
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
    language = translation.get_language()
    with transaction.atomic():
        group = _lock(membership.group)
        membership = _fresh(membership, group)
        rules.check(membership_rules.remove_obstacle(lead, group, membership))
        membership.state = Membership.State.REMOVED
        membership.decided_at = timezone.now()
        membership.reason = (reason or "").strip()
        membership.save(update_fields=["state", "decided_at", "reason"])
        _count(group, -1)
        notifications.send_after_commit(send_member_removed, membership.pk, language)
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
        return GroupUpdate.objects.create(
            group=group,
            undertaking=_update_undertaking(group, data.get("undertaking")),
            author=lead,
            title=data["title"].strip(),
            text=data["text"].strip(),
            moderation=update_moderation(),
        )


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


# --- Emails -------------------------------------------------------------------------------------


def _email(template, context, person, language):
    """One email to one person (their own address only), in ``language``."""
    if not person.email:
        return
    with translation.override(language):
        subject = render_to_string(f"participation/email/{template}_subject.txt", context)
        body = render_to_string(f"participation/email/{template}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [person.email])


def _membership(pk):
    return Membership.objects.select_related("group", "user").filter(pk=pk).first()


def _group_context(membership, language, route="group"):
    with translation.override(language):
        url = membership.group.get_url(route=route, full=True)
    return {
        "person": membership.user,
        "name": membership.user.display_name,
        "group": membership.group,
        "group_name": membership.group.name,
        "group_url": url,
        "reason": membership.reason,
        "message": membership.message,
    }


def send_request_accepted(membership_id, language):
    """Tell a requester that the leads accepted them."""
    membership = _membership(membership_id)
    if membership is None or not membership.is_active:
        return
    _email("membership_accepted", _group_context(membership, language), membership.user, language)


def send_request_declined(membership_id, language):
    """Tell a requester that the leads declined, with their reason."""
    membership = _membership(membership_id)
    if membership is None or membership.state != Membership.State.DECLINED:
        return
    _email("membership_declined", _group_context(membership, language), membership.user, language)


def send_member_removed(membership_id, language):
    """Tell a member that the leads removed them, with their reason."""
    membership = _membership(membership_id)
    if membership is None or membership.state != Membership.State.REMOVED:
        return
    _email("membership_removed", _group_context(membership, language), membership.user, language)


def send_request_received(membership_id, language):
    """Tell each lead of the group (one email each) that somebody asks to join. The email
    names the requester by their display name only."""
    membership = _membership(membership_id)
    if membership is None or membership.state != REQUESTED:
        return
    context = _group_context(membership, language, route="group_members")
    leads = Membership.objects.filter(
        group_id=membership.group_id, state=ACTIVE, role=Membership.Role.LEAD
    ).select_related("user")
    for lead in leads:
        _email(
            "membership_request",
            {**context, "lead": lead.user, "lead_name": lead.user.display_name},
            lead.user,
            language,
        )
