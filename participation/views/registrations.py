"""Registering for events, cancelling, and the signed-in person's registrations.

The event pages route their requests here (:class:`participation.hosts.RegistrationHostMixin`);
views stay thin and leave the rules to :mod:`participation.rules` and the changes to
:mod:`participation.services`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from wagtail.models import Page

from .. import rules, services
from ..forms.registrations import GroupRegistrationForm
from ..models import ActionGroup, EventRegistration


def _registration_action(request, event, action, done, back_to):
    """Run ``action`` (a service) for the signed-in person and go back with a message."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(back_to)
    try:
        result = action(request.user, event)
    except rules.ParticipationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done(result))
    response = redirect(back_to)
    add_never_cache_headers(response)
    return response


def _group_registration(request):
    """(group, places, note) from the group part of the registration form, or a list of
    error messages. Only groups the person leads are offered; any other is a form error."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None, 1, "", []
    if not request.POST.get("group"):
        return None, 1, "", []
    lead_groups = rules.groups_led_by(request.user).values_list("pk", "name")
    form = GroupRegistrationForm(request.POST, lead_groups=list(lead_groups))
    if not form.is_valid():
        return None, 1, "", [message for _target, message in form.error_summary()]
    data = form.cleaned_data
    group = ActionGroup.objects.filter(pk=data["group"]).first()
    if group is None:
        return None, 1, "", [rules.MESSAGES[rules.REGISTER_NOT_GROUP_LEAD]]
    return group, data["places"], data["note"], []


def register(request, event):
    group, places, note, errors = _group_registration(request)
    back_to = event.get_url(request)
    if errors:
        for message in errors:
            messages.error(request, message)
        response = redirect(back_to)
        add_never_cache_headers(response)
        return response

    def action(user, event):
        return services.register(user, event, group=group, places=places, note=note)

    def done(registration):
        values = {"title": event.title, "group": group.name if group else "", "places": places}
        if group is not None and registration.is_confirmed:
            return (
                ngettext(
                    "Your group “%(group)s” is registered for “%(title)s” with %(places)d place.",
                    "Your group “%(group)s” is registered for “%(title)s” with %(places)d places.",
                    places,
                )
                % values
            )
        if group is not None:
            return (
                ngettext(
                    "Not enough places are free at “%(title)s”, so your group “%(group)s” is "
                    "on the waiting list with %(places)d place. We will send you an email as "
                    "soon as there is room for all of you.",
                    "Not enough places are free at “%(title)s”, so your group “%(group)s” is "
                    "on the waiting list with %(places)d places. We will send you an email as "
                    "soon as there is room for all of you.",
                    places,
                )
                % values
            )
        if registration.is_confirmed:
            return _("You are registered for “%(title)s”.") % values
        return (
            _(
                "“%(title)s” is fully booked, so you are on the waiting list. We will send you an "
                "email as soon as a place becomes free for you."
            )
            % values
        )

    return _registration_action(request, event, action, done, back_to=back_to)


def cancel(request, event, back_to=None):
    def done(registration):
        return _("Your registration for “%(title)s” is cancelled.") % {"title": event.title}

    return _registration_action(
        request, event, services.cancel, done, back_to=back_to or event.get_url(request)
    )


def cancel_from_list(request, event_id):
    event = get_object_or_404(Page, pk=event_id).specific
    if not rules.is_event(event):
        raise Http404
    return cancel(request, event, back_to=reverse("participation:my_registrations"))


class UpcomingRegistration:
    """One row of "my registrations", with everything the template shows."""

    def __init__(self, registration, event, url, may_cancel):
        self.event = event
        self.group_name = registration.group.name if registration.group else ""
        self.places = registration.places
        self.url = url
        self.is_confirmed = registration.is_confirmed
        self.waiting_position = registration.waiting_position
        self.may_cancel = may_cancel


@never_cache
@login_required
def my_registrations(request):
    now = timezone.now()
    registrations = list(
        EventRegistration.objects.filter(user=request.user)
        .select_related("group")
        .with_waiting_position()
    )
    events = Page.objects.live().filter(pk__in=[r.event_id for r in registrations]).specific()
    events = {event.pk: event for event in events if rules.is_event(event)}
    upcoming = []
    for registration in registrations:
        event = events.get(registration.event_id)
        if event is None or event.end < now:
            continue
        may_cancel = rules.may_cancel(request.user, event, registration, now)
        upcoming.append(
            UpcomingRegistration(registration, event, event.get_url(request), may_cancel)
        )
    upcoming.sort(key=lambda row: (row.event.start, row.event.pk))
    return render(request, "participation/my_registrations.html", {"registrations": upcoming})
