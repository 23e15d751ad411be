"""Joining and leaving action groups, requests that leads accept or decline, leads, and the
undertakings (Vorhaben) and progress updates leads keep; and what the group page shows of them
(:func:`group_panel`).

Every change is a POST with its CSRF token; the views validate with
:mod:`participation.forms.memberships` and leave rules and changes to the rules and services.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .. import rules, services
from ..forms.memberships import (
    GroupUpdateForm,
    MembershipRequestForm,
    ReasonForm,
    UndertakingForm,
)
from ..models import ActionGroup, GroupUpdate, Membership, Undertaking
from ..rules import memberships as membership_rules
from ..text import render_plain_text
from .membership_panel import group_panel
from .shared import private, refused

__all__ = ["group_panel", "urlpatterns"]


def _group(request, pk):
    """The group with ``pk`` if the person may see it (published, or theirs to lead); else 404."""
    group = get_object_or_404(ActionGroup, pk=pk)
    if not rules.group_is_open_to(request.user, group):
        raise Http404
    return group


def _membership(group, membership_id):
    return get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_id, group_id=group.pk
    )


def _name(user):
    return user.display_name or _("A resident")


def _act(request, back_to, service, *args, success):
    """Run ``service(*args)``; back to ``back_to`` with ``success`` or the refusal."""
    try:
        result = service(*args)
    except rules.ParticipationError as error:
        return refused(request, error.message, back_to)
    messages.success(request, success(result) if callable(success) else success)
    return private(redirect(back_to))


def join(request, pk):
    """Join an open group with one click."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    group = _group(request, pk)
    back_to = group.get_url(request)
    if not request.user.is_authenticated:
        return redirect_to_login(back_to)
    return _act(
        request,
        back_to,
        services.join_group,
        request.user,
        group,
        success=_("Welcome! You are now a member of this group."),
    )


def _joined_or_asked(membership):
    if membership.is_active:
        return _("Welcome! You are now a member of this group.")
    return _("Your request has been sent to the group's leads. You will hear from them by email.")


def request_membership(request, pk):
    """Ask the leads to join (a form with a short message); in an open group this joins."""
    group = _group(request, pk)
    back_to = group.get_url(request)
    action_url = group.get_url(request, "group_request")
    if not request.user.is_authenticated:
        return redirect_to_login(action_url)
    obstacle = rules.request_obstacle(request.user, group)
    if obstacle:
        return refused(request, obstacle, back_to)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = MembershipRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return _act(
            request,
            back_to,
            services.request_membership,
            request.user,
            group,
            form.cleaned_data["message"],
            success=_joined_or_asked,
        )
    context = {"group": group, "group_url": back_to, "form": form, "action_url": action_url}
    return private(render(request, "participation/groups/membership_request.html", context))


def leave(request, pk):
    """A confirmation page (GET) and leaving, or withdrawing a request (POST)."""
    group = _group(request, pk)
    back_to = group.get_url(request)
    action_url = group.get_url(request, "group_leave")
    if not request.user.is_authenticated:
        return redirect_to_login(action_url)
    obstacle = rules.leave_obstacle(request.user, group)
    if obstacle:
        return refused(request, obstacle, back_to)
    membership = rules.membership_of(request.user, group)
    if request.method == "POST":
        if membership.is_active:
            success = _("You have left the group.")
        else:
            success = _("Your request to join is withdrawn.")
        return _act(request, back_to, services.leave_group, request.user, group, success=success)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        "group": group,
        "group_url": back_to,
        "action_url": action_url,
        "is_request": not membership.is_active,
    }
    return private(render(request, "participation/groups/membership_leave.html", context))


def _lead_only(request, group, back_to):
    """A refusal response unless the person leads ``group``; ``None`` when they do."""
    obstacle = rules.manage_obstacle(request.user, group)
    return refused(request, obstacle, back_to) if obstacle else None


def members(request, pk):
    """The leads' page: requests waiting with their messages, members with their actions."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    group = _group(request, pk)
    manage_url = group.get_url(request, "group_members")
    if not request.user.is_authenticated:
        return redirect_to_login(manage_url)
    refusal = _lead_only(request, group, group.get_url(request))
    if refusal:
        return refusal
    rows = list(
        Membership.objects.filter(
            group_id=group.pk, state__in=[Membership.State.REQUESTED, Membership.State.ACTIVE]
        ).select_related("user")
    )
    leads = sum(1 for row in rows if row.is_lead and not row.placeholder)
    membership_rules.remember_lead_count(group, leads)
    requests, people = [], []
    for row in rows:
        entry = {
            "id": row.pk,
            "name": _name(row.user),
            "since": row.created_at,
            "is_lead": row.is_lead,
            "is_self": row.user_id == request.user.pk,
        }
        if row.state == Membership.State.REQUESTED:
            entry.update(
                message_html=render_plain_text(row.message),
                accept_url=_member_url(group, row, "group_accept"),
                decline_url=_member_url(group, row, "group_decline"),
            )
            requests.append(entry)
            continue
        entry.update(
            may_remove=not rules.remove_obstacle(request.user, group, row),
            may_make_lead=not rules.make_lead_obstacle(request.user, group, row),
            may_drop_lead=not rules.drop_lead_obstacle(request.user, group, row),
            remove_url=_member_url(group, row, "group_remove"),
            make_lead_url=_member_url(group, row, "group_make_lead"),
            drop_lead_url=_member_url(group, row, "group_drop_lead"),
        )
        people.append(entry)
    context = {
        "group": group,
        "group_url": group.get_url(request),
        "requests": requests,
        "people": people,
        "member_count": sum(1 for row in rows if row.is_active),
    }
    return private(render(request, "participation/groups/membership_members.html", context))


def _member_url(group, membership, route):
    return reverse(
        f"participation:{route}", kwargs={"pk": group.pk, "membership_id": membership.pk}
    )


def _lead_action(request, pk, membership_id, service, success):
    """A lead's one-click action on a membership (accept, make or drop a lead)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    group = _group(request, pk)
    manage_url = group.get_url(request, "group_members")
    if not request.user.is_authenticated:
        return redirect_to_login(manage_url)
    membership = _membership(group, membership_id)
    try:
        service(request.user, membership)
    except rules.ParticipationError as error:
        return refused(request, error.message, manage_url)
    messages.success(request, success % {"name": _name(membership.user)})
    if not rules.is_lead(request.user, ActionGroup(pk=group.pk)):
        # Who gave up their own lead role goes back to the group's page.
        return private(redirect(group.get_url(request)))
    return private(redirect(manage_url))


def accept(request, pk, membership_id):
    return _lead_action(
        request,
        pk,
        membership_id,
        services.accept_request,
        _("%(name)s is now a member. They are told by email."),
    )


def make_lead(request, pk, membership_id):
    return _lead_action(
        request, pk, membership_id, services.make_lead, _("%(name)s is now a lead.")
    )


def drop_lead(request, pk, membership_id):
    return _lead_action(
        request,
        pk,
        membership_id,
        services.drop_lead,
        _("%(name)s is no longer a lead and stays a member."),
    )


def _with_reason(request, pk, membership_id, *, kind):
    """Decline a request or remove a member: a form for the reason (GET), then the action."""
    group = _group(request, pk)
    manage_url = group.get_url(request, "group_members")
    route = "group_decline" if kind == "decline" else "group_remove"
    if not request.user.is_authenticated:
        return redirect_to_login(manage_url)
    membership = _membership(group, membership_id)
    if kind == "decline":
        obstacle = rules.decline_obstacle(request.user, group, membership)
    else:
        obstacle = rules.remove_obstacle(request.user, group, membership)
    if obstacle:
        return refused(request, obstacle, manage_url)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = ReasonForm(request.POST or None, required=kind == "remove")
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if kind == "decline":
            service = services.decline_request
            success = _("The request of %(name)s is declined. They are told by email.")
        else:
            service = services.remove_member
            success = _("%(name)s is removed from the group. They are told by email.")
        return _act(
            request,
            manage_url,
            service,
            request.user,
            membership,
            reason,
            success=success % {"name": _name(membership.user)},
        )
    context = {
        "group": group,
        "group_url": group.get_url(request),
        "manage_url": manage_url,
        "form": form,
        "kind": kind,
        "person_name": _name(membership.user),
        "action_url": _member_url(group, membership, route),
    }
    return private(render(request, "participation/groups/membership_reason.html", context))


def decline(request, pk, membership_id):
    return _with_reason(request, pk, membership_id, kind="decline")


def remove(request, pk, membership_id):
    return _with_reason(request, pk, membership_id, kind="remove")


def _form_page(request, template, context):
    return private(render(request, f"participation/groups/{template}", context))


def undertaking_form(request, pk, undertaking_id=None):
    """Create (``undertaking_id`` None) or edit an undertaking; leads only."""
    group = _group(request, pk)
    back_to = group.get_url(request)
    undertaking = None
    if undertaking_id is not None:
        undertaking = get_object_or_404(Undertaking, pk=undertaking_id, group_id=group.pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obstacle = rules.undertaking_obstacle(request.user, group, undertaking)
    if obstacle:
        return refused(request, obstacle, back_to)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = UndertakingForm(request.POST or None, instance=undertaking)
    if request.method == "POST" and form.is_valid():
        data = form.undertaking_data()
        success = _("The undertaking is saved.")
        return _act(
            request,
            back_to,
            services.save_undertaking,
            request.user,
            group,
            data,
            undertaking,
            success=success,
        )
    context = {
        "group": group,
        "group_url": back_to,
        "form": form,
        "undertaking": undertaking,
        "action_url": request.path,
    }
    return _form_page(request, "undertaking_form.html", context)


def update_form(request, pk, update_id=None):
    """Post (``update_id`` None) or edit a progress update; leads only."""
    group = _group(request, pk)
    back_to = group.get_url(request)
    update = None
    if update_id is not None:
        update = get_object_or_404(GroupUpdate, pk=update_id, group_id=group.pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obstacle = rules.post_update_obstacle(request.user, group, update)
    if obstacle:
        return refused(request, obstacle, back_to)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    form = GroupUpdateForm(request.POST or None, instance=update, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.update_data()
        if update is None:
            service, args = services.post_update, (request.user, group, data)
        else:
            service, args = services.edit_update, (request.user, update, data)

        def success(saved):
            if saved.is_pending:
                return _(
                    "The update is saved. It will be published once a moderator has approved it."
                )
            return _("The update is saved and published on the group's page.")

        return _act(request, back_to, service, *args, success=success)
    context = {
        "group": group,
        "group_url": back_to,
        "form": form,
        "update": update,
        "action_url": request.path,
    }
    return _form_page(request, "update_form.html", context)


def _members_path(segment):
    return format_lazy("{}<int:membership_id>/{}", pgettext_lazy("URL path", "members/"), segment)


urlpatterns = [
    path(pgettext_lazy("URL path", "join/"), join, name="group_join"),
    path(pgettext_lazy("URL path", "request/"), request_membership, name="group_request"),
    path(pgettext_lazy("URL path", "leave/"), leave, name="group_leave"),
    path(pgettext_lazy("URL path", "members/"), members, name="group_members"),
    path(_members_path(pgettext_lazy("URL path", "accept/")), accept, name="group_accept"),
    path(_members_path(pgettext_lazy("URL path", "decline/")), decline, name="group_decline"),
    path(_members_path(pgettext_lazy("URL path", "remove/")), remove, name="group_remove"),
    path(_members_path(pgettext_lazy("URL path", "make-lead/")), make_lead, name="group_make_lead"),
    path(_members_path(pgettext_lazy("URL path", "drop-lead/")), drop_lead, name="group_drop_lead"),
    path(
        format_lazy(
            "{}{}", pgettext_lazy("URL path", "undertakings/"), pgettext_lazy("URL path", "new/")
        ),
        undertaking_form,
        name="undertaking_create",
    ),
    path(
        format_lazy(
            "{}<int:undertaking_id>/{}",
            pgettext_lazy("URL path", "undertakings/"),
            pgettext_lazy("URL path", "edit/"),
        ),
        undertaking_form,
        name="undertaking_edit",
    ),
    path(
        format_lazy(
            "{}{}", pgettext_lazy("URL path", "updates/"), pgettext_lazy("URL path", "new/")
        ),
        update_form,
        name="update_create",
    ),
    path(
        format_lazy(
            "{}<int:update_id>/{}",
            pgettext_lazy("URL path", "updates/"),
            pgettext_lazy("URL path", "edit/"),
        ),
        update_form,
        name="update_edit",
    ),
]
