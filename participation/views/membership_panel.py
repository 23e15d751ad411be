"""What the action-group page shows of membership, leads, undertakings (Vorhaben) and their
progress updates (:func:`group_panel`), as ready values with a constant number of queries."""

from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from .. import rules
from ..models import ActionGroup, GroupUpdate, Membership, Undertaking
from ..rules import memberships as membership_rules
from ..templatetags.people_tags import person_link, person_name
from ..text import render_plain_text

ROW_FIELDS = (
    "pk",
    "user_id",
    "role",
    "state",
    "placeholder",
    "reason",
    "user__display_name",
    "user__public_profile",
    "user__is_active",
)
LATEST_UPDATES = 3
GROUP_UPDATES = 10


def _state_of(membership):
    if membership is None:
        return "none"
    if membership.is_lead:
        return "lead"
    return membership.state if membership.state != Membership.State.ACTIVE else "member"


def _update_row(request, update, may_edit):
    return {
        "id": update.pk,
        "title": update.title,
        "text_html": render_plain_text(update.text),
        "created_at": update.created_at,
        "author_name": person_name(update.author) if update.author else "",
        "item": update,
        "edit_url": (
            _route(update.group_id, "update_edit", update_id=update.pk) if may_edit else ""
        ),
    }


def _route(group_id, name, **kwargs):
    return reverse(f"participation:{name}", kwargs={"pk": group_id, **kwargs})


def group_panel(request, group):
    """What the group page shows about membership, leads, undertakings and updates, as ready
    values (``membership_…`` keys); a constant number of queries however many members and
    updates the group has."""
    user = request.user
    signed_in = user.is_authenticated
    # One query: the active members and leads, the requests waiting (counted for the leads),
    # and the viewer's own row in any state.
    condition = Q(state__in=[Membership.State.ACTIVE, Membership.State.REQUESTED])
    if signed_in:
        condition |= Q(user_id=user.pk)
    rows = list(
        Membership.objects.filter(condition, group_id=group.pk)
        .order_by("created_at", "pk")
        .values_list(*ROW_FIELDS)
    )
    viewer = None
    leads, members_, lead_total, waiting = [], [], 0, 0
    for pk, user_id, role, state, placeholder, reason, display_name, public, active in rows:
        if signed_in and user_id == user.pk:
            viewer = Membership(
                pk=pk, group_id=group.pk, user_id=user_id, role=role, state=state, reason=reason
            )
        if state == Membership.State.REQUESTED:
            waiting += 1
        if state != Membership.State.ACTIVE:
            continue
        name = display_name or _("A resident")
        if public and active and display_name:
            name = person_link(user_id, display_name)
        if role == Membership.Role.LEAD:
            leads.append(name)
            lead_total += 0 if placeholder else 1
        else:
            members_.append(name)
    membership_rules.remember_membership(group, user, viewer)
    membership_rules.remember_lead_count(group, lead_total)

    state = _state_of(viewer)
    is_lead = state == "lead"
    join_obstacle = rules.join_obstacle(user, group)
    request_obstacle = rules.request_obstacle(user, group)
    leave_obstacle = rules.leave_obstacle(user, group) if viewer is not None else None
    open_group = group.joining == ActionGroup.Joining.OPEN
    may_join = state == "none" and open_group and join_obstacle is None
    may_request = state == "none" and not open_group and request_obstacle is None
    note = ""
    if state == "requested":
        note = _("Your request to join is waiting for the leads' answer.")
    elif state == "declined":
        note = _("The leads declined your request to join.")
    elif state == "removed":
        note = _("The leads removed you from this group.")
    obstacle = ""
    if state == "none" and not (may_join or may_request):
        first = join_obstacle if open_group else request_obstacle
        if first is not None and first.code != rules.SIGN_IN:
            obstacle = str(first)

    context = {
        "membership_state": state,
        "membership_is_member": state in ("member", "lead"),
        "membership_is_waiting": state == "requested",
        "membership_is_lead": is_lead,
        "membership_open": open_group,
        "membership_may_join": may_join,
        "membership_may_request": may_request,
        "membership_may_leave": viewer is not None and leave_obstacle is None,
        "membership_leave_refusal": str(leave_obstacle) if viewer and leave_obstacle else "",
        "membership_sign_in": not signed_in,
        "membership_login_url": (
            f"{reverse('account_login')}?{urlencode({'next': group.get_url(request)})}"
            if not signed_in
            else ""
        ),
        "membership_note": note,
        "membership_reason_html": (
            render_plain_text(viewer.reason) if state in ("declined", "removed") else ""
        ),
        "membership_obstacle": obstacle,
        "membership_join_url": group.get_url(request, "group_join"),
        "membership_request_url": group.get_url(request, "group_request"),
        "membership_leave_url": group.get_url(request, "group_leave"),
        "membership_leads": leads,
        "membership_members": members_,
        "membership_size": group.member_count,
        "membership_manage_url": group.get_url(request, "group_members") if is_lead else "",
        "membership_new_undertaking_url": (
            group.get_url(request, "undertaking_create") if is_lead else ""
        ),
        "membership_new_update_url": group.get_url(request, "update_create") if is_lead else "",
        "membership_requests_waiting": waiting if is_lead else 0,
    }
    context.update(_undertakings(request, group, is_lead))
    return context


def _undertakings(request, group, is_lead):
    """The group's undertakings, each with its latest readable updates, and the latest updates
    about the whole group: two queries (updates with their authors prefetched by a window)."""
    updates = GroupUpdate.objects.visible_to(request.user).select_related("author")
    undertakings = list(
        Undertaking.objects.filter(group_id=group.pk)
        .select_related("vision")
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=updates.order_by("-created_at", "-pk")[:LATEST_UPDATES],
                to_attr="latest_updates",
            )
        )
    )
    general = list(
        updates.filter(group_id=group.pk, undertaking=None).order_by("-created_at", "-pk")[
            :GROUP_UPDATES
        ]
    )
    rows = []
    for undertaking in undertakings:
        vision = undertaking.vision
        rows.append(
            {
                "id": undertaking.pk,
                "title": undertaking.title,
                "status": undertaking.get_status_display(),
                "status_value": undertaking.status,
                "description_html": render_plain_text(undertaking.description),
                "vision_title": vision.title if vision is not None and vision.live else "",
                "vision_url": (
                    vision.get_url(request) if vision is not None and vision.live else ""
                ),
                "edit_url": (
                    _route(group.pk, "undertaking_edit", undertaking_id=undertaking.pk)
                    if is_lead
                    else ""
                ),
                "updates": [_update_row(request, u, is_lead) for u in undertaking.latest_updates],
            }
        )
    return {
        "membership_undertakings": rows,
        "membership_updates": [_update_row(request, u, is_lead) for u in general],
    }
