"""Reserving places at events, cancelling, and the signed-in person's reservations; guests'
reservations without an account and the links in their e-mails.

The event pages route their requests here (:class:`participation.hosts.RegistrationHostMixin`);
views stay thin and leave the rules to :mod:`participation.rules` and the changes to
:mod:`participation.services`.

Nothing is cancelled or confirmed by a GET: a cancel button, and every link in a guest's
e-mail, opens a page that names the event and has the button that POSTs (link scanners of
mail providers open links, and must change nothing).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from .. import rules, services
from ..forms.registrations import GroupRegistrationForm, GuestRegistrationForm
from ..models import ActionGroup, EventRegistration
from ..ratelimits import too_fast
from ..services.registrations import (
    ALREADY_CONFIRMED,
    GUEST_CANCEL,
    GUEST_CONFIRM,
    expired_guest_token_registration_id,
)
from .shared import private


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
                    "You have reserved %(places)d place for your group “%(group)s” at “%(title)s”.",
                    "You have reserved %(places)d places for your group “%(group)s” at "
                    "“%(title)s”.",
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
            return _("You have reserved a place at “%(title)s”.") % values
        return (
            _(
                "“%(title)s” is fully booked, so you are on the waiting list. We will send you an "
                "email as soon as a place becomes free for you."
            )
            % values
        )

    return _registration_action(request, event, action, done, back_to=back_to)


CANCEL_TEMPLATE = "participation/registration_cancel.html"


def cancel(request, event, back_to=None):
    """GET: the question "Cancel your reservation for …?" with the button; POST: cancel."""
    back_to = back_to or event.get_url(request)
    if request.method in ("GET", "HEAD"):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        registration = EventRegistration.objects.for_event(event).filter(user=request.user).first()
        obstacle = rules.cancel_obstacle(request.user, event, registration)
        if obstacle:
            messages.error(request, obstacle)
            return private(redirect(back_to))
        context = {
            "event": event,
            "is_waiting": not registration.is_confirmed,
            "action_url": request.path,
            "back_url": back_to,
        }
        return private(render(request, CANCEL_TEMPLATE, context))

    def done(registration):
        return _("Your reservation for “%(title)s” is cancelled.") % {"title": event.title}

    return _registration_action(request, event, services.cancel, done, back_to=back_to)


def cancel_from_list(request, event_id):
    event = get_object_or_404(Page, pk=event_id).specific
    if not rules.is_event(event):
        raise Http404
    return cancel(request, event, back_to=reverse("participation:my_registrations"))


# --- Guests --------------------------------------------------------------------------------------

GUEST_FORM_TEMPLATE = "participation/guest_registration_form.html"
GUEST_LINK_TEMPLATE = "participation/guest_reservation.html"


def reserve_as_guest(request, event):
    """The form for a place without an account (GET) and its submission (POST)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    back_to = event.get_url(request)
    if request.user.is_authenticated:
        # Signed in, the person reserves with their account on the event page.
        return private(redirect(back_to))
    obstacle = rules.guest_obstacle(event)
    if obstacle:
        messages.error(request, obstacle)
        return private(redirect(back_to))
    form = GuestRegistrationForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        address = form.cleaned_data["email"] if valid else None
        refusal = too_fast(request, "guest_registration", address=address)
        if refusal:
            form.add_error(
                None,
                refusal.explain(
                    _(
                        "Many reservations were asked for from here or for this address in a "
                        "short time. Please try again in an hour."
                    )
                ),
            )
            status = refusal.status
        elif valid:
            try:
                services.request_guest_place(
                    event,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    note=form.cleaned_data["note"],
                )
            except rules.ParticipationError as error:
                messages.error(request, error.message)
                return private(redirect(back_to))
            # The same answer whatever the address: it tells nobody whether it has a place.
            messages.success(
                request,
                _(
                    "Almost done: we have sent an email to the address you gave. Please confirm "
                    "your reservation with the link in it within 48 hours; until then no place "
                    "is held for you."
                ),
            )
            return private(redirect(back_to))
        else:
            status = 400
    context = {"event": event, "form": form, "back_url": back_to}
    return private(render(request, GUEST_FORM_TEMPLATE, context, status=status))


def _guest_page(request, state, status=200, registration=None, message=""):
    event = registration.event.specific if registration is not None else None
    context = {
        "state": state,
        "event": event,
        "event_url": event.get_url(request) if event is not None else "",
        "is_waiting": registration is not None and not registration.is_confirmed,
        "message": message,
        "action_url": request.path,
    }
    return private(render(request, GUEST_LINK_TEMPLATE, context, status=status))


def _read_guest_link(request, token, purpose):
    """(registration, None) for a valid link, else (None, the page that says why)."""
    try:
        registration = services.guest_registration_for_token(token, purpose)
    except signing.SignatureExpired:
        registration_id = expired_guest_token_registration_id(token)
        expired = EventRegistration.objects.filter(pk=registration_id).first()
        return None, _guest_page(request, "expired", 410, registration=expired)
    except signing.BadSignature:
        return None, _guest_page(request, "invalid", 400)
    if registration is None:
        return None, _guest_page(request, "gone", 404, message=rules.MESSAGES[rules.GUEST_GONE])
    return registration, None


@require_http_methods(["GET", "HEAD", "POST"])
def guest_confirm(request, token):
    """A guest's confirmation link: GET asks, POST confirms (a second time: "already")."""
    registration, refusal = _read_guest_link(request, token, GUEST_CONFIRM)
    if refusal:
        return refusal
    if request.method != "POST":
        state = "confirm" if registration.is_pending else "already_confirmed"
        return _guest_page(request, state, registration=registration)
    try:
        registration, outcome = services.confirm_guest_place(token)
    except signing.BadSignature:
        return _guest_page(request, "invalid", 400)
    except rules.ParticipationError as error:
        return _guest_page(request, "refused", 409, registration, error.message)
    if outcome == ALREADY_CONFIRMED:
        return _guest_page(request, "already_confirmed", registration=registration)
    return _guest_page(request, "confirmed", registration=registration)


@require_http_methods(["GET", "HEAD", "POST"])
def guest_cancel(request, token):
    """A guest's cancel link: GET asks (naming the event and its date), POST cancels."""
    registration, refusal = _read_guest_link(request, token, GUEST_CANCEL)
    if refusal:
        return refusal
    event = registration.event.specific
    if request.method != "POST":
        obstacle = rules.guest_cancel_obstacle(event, registration)
        if obstacle:
            return _guest_page(request, "refused", 409, registration, obstacle)
        context = {
            "event": event,
            "is_waiting": not registration.is_confirmed,
            "action_url": request.path,
            "back_url": event.get_url(request),
        }
        return private(render(request, CANCEL_TEMPLATE, context))
    try:
        registration = services.cancel_guest_place(token)
    except signing.BadSignature:
        return _guest_page(request, "invalid", 400)
    except rules.ParticipationError as error:
        return _guest_page(request, "refused", 409, registration, error.message)
    return _guest_page(request, "cancelled", registration=registration)


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
