"""Registering for events, cancelling, and the signed-in person's registrations; submitting,
editing, withdrawing and supporting proposals.

The event and process pages route their requests here (``home.EventPage``,
``visions.ProcessPage``); views stay thin and leave
the rules to :mod:`participation.rules` and the changes to :mod:`participation.services`.
"""

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from wagtail.models import Page

from cms.maps import allow_map_tiles, map_context

from . import rules, services
from .forms import ProposalForm
from .models import EventRegistration, Proposal
from .responses import private, refused
from .text import render_plain_text


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


def register(request, event):
    def done(registration):
        if registration.is_confirmed:
            return _("You are registered for “%(title)s”.") % {"title": event.title}
        return _(
            "“%(title)s” is fully booked, so you are on the waiting list. We will send you an "
            "email as soon as a place becomes free for you."
        ) % {"title": event.title}

    return _registration_action(
        request, event, services.register, done, back_to=event.get_url(request)
    )


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
        self.url = url
        self.is_confirmed = registration.is_confirmed
        self.waiting_position = registration.waiting_position
        self.may_cancel = may_cancel


@never_cache
@login_required
def my_registrations(request):
    now = timezone.now()
    registrations = list(
        EventRegistration.objects.filter(user=request.user).with_waiting_position()
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


# --- Proposals and supports ----------------------------------------------------------------------
#
# The process page (``visions.ProcessPage``) routes these requests here and hands itself over as
# ``process``; addresses are built with its ``reverse_subpage`` (duck-typed).


def proposal_url(process, pk, request=None, route="proposal"):
    """The address of a proposal's page (or of another proposal route) below its process."""
    return process.proposal_url(request, pk, route)


def _login_url(next_url):
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


def _visible_proposal(request, process, pk):
    proposals = (
        Proposal.objects.visible_to(request.user)
        .filter(process_id=process.pk)
        .select_related("author", "field_of_action")
    )
    return get_object_or_404(proposals, pk=pk)


def _with_phases(process):
    """Load the process's phases once; every rule asks for the current phase."""
    prefetch_related_objects([process], "phases")
    return process


def _version_rows(proposal):
    rows = []
    for version in proposal.versions.select_related("field_of_action"):
        image = (version.image_alt or _("yes")) if version.had_image else _("none")
        rows.append(
            {
                "number": version.number,
                "created_at": version.created_at,
                "title": version.title,
                "summary": version.summary,
                "text_html": render_plain_text(version.text),
                "details": [
                    (_("Field of action"), version.field_of_action or "–"),
                    (_("Municipality"), version.municipality or _("Not in one place")),
                    (_("Location"), _coordinates(version) or _("none")),
                    (_("Image"), image),
                ],
            }
        )
    return rows


def _coordinates(item):
    """Latitude and longitude as the proposal page shows them (localised decimals)."""
    if item.latitude is None or item.longitude is None:
        return ""
    return f"{number_format(item.latitude)}, {number_format(item.longitude)}"


def _vision_made_from(request, proposal):
    """The live vision page made from ``proposal`` (as a page: participation does not know the
    visions app), preferably in the language of the request; None if there is none."""
    active = translation.get_language()
    visions = sorted(
        proposal.visions.live().select_related("locale"),
        key=lambda vision: (vision.locale.language_code != active, vision.pk),
    )
    if not visions:
        return None
    vision = visions[0]
    return {"title": vision.title, "url": vision.get_url(request)}


def proposal_detail(request, process, pk):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    process = _with_phases(process)
    proposal = _visible_proposal(request, process, pk)
    user = request.user
    url = proposal_url(process, pk, request)
    is_author = user.is_authenticated and proposal.author_id == user.pk
    context = {
        "page": process,
        "process": process,
        "process_url": process.get_url(request),
        "proposal": proposal,
        "text_html": render_plain_text(proposal.text),
        "support": rules.support_states(user, process, [proposal])[proposal.pk],
        "support_url": proposal_url(process, pk, request, "support"),
        "login_url": _login_url(url),
        "is_author": is_author,
        "may_edit": is_author and not rules.proposal_obstacle(user, process, "edit", proposal),
        "may_withdraw": is_author
        and not rules.proposal_obstacle(user, process, "withdraw", proposal),
        "edit_url": proposal_url(process, pk, request, "edit"),
        "withdraw_url": proposal_url(process, pk, request, "withdraw"),
        "versions": _version_rows(proposal),
        "vision": _vision_made_from(request, proposal),
    }
    response = TemplateResponse(request, "participation/proposal_detail.html", context)
    if proposal.moderation != Proposal.Moderation.PUBLISHED:
        add_never_cache_headers(response)
    return response


def _form_context(request, process, form, **extra):
    return {
        "page": process,
        "process": process,
        "process_url": process.get_url(request),
        "form": form,
        **map_context(),
        **extra,
    }


def _form_page(request, context):
    """The proposal form; its place picker may load map tiles (cms.maps)."""
    response = render(request, "participation/proposal_form.html", context)
    return private(allow_map_tiles(response))


# A proposal is submitted from its preview with a one-time token: the preview issues it (kept in
# the session), the submit claims it in the cache, which is atomic (``cache.add``), so a double
# click or a reload of the POST creates one proposal only. The session remembers which proposal
# a token created, the cache does so for concurrent requests.
SUBMISSION_SESSION_KEY = "proposal_submissions"
SUBMISSION_CACHE_PREFIX = "proposal-submission:"
SUBMISSION_MAX_AGE = 60 * 60 * 24
SUBMISSIONS_KEPT = 20


def _issue_submission(request):
    token = secrets.token_urlsafe(24)
    tokens = dict(request.session.get(SUBMISSION_SESSION_KEY) or {})
    tokens[token] = None
    request.session[SUBMISSION_SESSION_KEY] = dict(list(tokens.items())[-SUBMISSIONS_KEPT:])
    return token


def _submission_cache_key(request, token):
    return f"{SUBMISSION_CACHE_PREFIX}{request.user.pk}:{token}"


def _submitted_already(request, process, token):
    """The answer to a second submit with ``token``: the proposal it created; else None."""
    tokens = request.session.get(SUBMISSION_SESSION_KEY) or {}
    if not token or token not in tokens:
        return None
    pk = tokens[token]
    if pk is None:
        claimed = cache.get(_submission_cache_key(request, token))
        if claimed is None:
            return None
        pk = claimed if isinstance(claimed, int) and not isinstance(claimed, bool) else None
    messages.info(request, _("This proposal has already been submitted; it was saved once."))
    if pk is not None and Proposal.objects.filter(pk=pk, author=request.user).exists():
        return private(redirect(proposal_url(process, pk, request)))
    return private(redirect(process.get_url(request)))


def _claim_submission(request, token):
    """Whether this request may create the proposal of ``token`` (once per token)."""
    tokens = request.session.get(SUBMISSION_SESSION_KEY) or {}
    if not token or token not in tokens or tokens[token] is not None:
        return False
    return cache.add(_submission_cache_key(request, token), True, SUBMISSION_MAX_AGE)


def _release_submission(request, token):
    cache.delete(_submission_cache_key(request, token))


def _record_submission(request, token, proposal):
    cache.set(_submission_cache_key(request, token), proposal.pk, SUBMISSION_MAX_AGE)
    tokens = dict(request.session.get(SUBMISSION_SESSION_KEY) or {})
    tokens[token] = proposal.pk
    request.session[SUBMISSION_SESSION_KEY] = tokens


def submit_proposal(request, process):
    """Submit a proposal in two steps: the form, then a preview with "submit" or "edit again".

    The form's values travel in the preview's hidden fields. An uploaded image is checked and
    re-encoded at once and kept in storage under a signed token, so that it is not uploaded twice
    and cannot be swapped for somebody else's.
    """
    process = _with_phases(process)
    submit_url = process.get_url(request) + process.reverse_subpage("submit")
    if not request.user.is_authenticated:
        return redirect_to_login(submit_url)
    obstacle = rules.proposal_obstacle(request.user, process, "submit")
    if obstacle:
        return refused(request, obstacle, process.get_url(request))
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "GET":
        form = ProposalForm(process=process, user=request.user)
        context = _form_context(request, process, form, mode="submit", action_url=submit_url)
        return _form_page(request, context)

    step = request.POST.get("step")
    submission = request.POST.get("submission", "")
    if step == "submit":
        done = _submitted_already(request, process, submission)
        if done is not None:
            return done
    form = ProposalForm(request.POST, request.FILES, process=process, user=request.user)
    context = _form_context(request, process, form, mode="submit", action_url=submit_url)
    if not form.is_valid():
        return _form_page(request, context)
    token = form.keep_image_for_preview()
    if step == "submit" and _claim_submission(request, submission):
        try:
            proposal = services.submit_proposal(request.user, process, form.proposal_data())
        except rules.ParticipationError as error:
            _release_submission(request, submission)
            return refused(request, error.message, process.get_url(request))
        _record_submission(request, submission, proposal)
        form.discard_pending_image()
        if proposal.moderation == Proposal.Moderation.PENDING:
            messages.success(
                request,
                _(
                    "Thank you for your proposal. It will be published once a moderator has "
                    "approved it; until then only you can see it."
                ),
            )
        else:
            messages.success(request, _("Thank you for your proposal. It is now published."))
        return private(redirect(proposal_url(process, proposal.pk, request)))
    if step == "edit":
        context["pending_image"] = bool(token)
        return _form_page(request, context)
    if step == "submit":
        # Not sent from a preview of this session (or the session ended): show the preview.
        messages.info(request, _("Please check your proposal once more and then submit it."))
    data = form.cleaned_data
    context.update(
        submission_token=_issue_submission(request),
        preview_text_html=render_plain_text(data["text"]),
        preview_image_url=default_storage.url(form.pending_image_name) if token else "",
        hidden_fields=[form[name] for name in form.fields if name not in ("image",)],
    )
    return private(render(request, "participation/proposal_preview.html", context))


def edit_proposal(request, process, pk):
    process = _with_phases(process)
    if not request.user.is_authenticated:
        return redirect_to_login(proposal_url(process, pk, request, "edit"))
    proposal = _visible_proposal(request, process, pk)
    back_to = proposal_url(process, pk, request)
    obstacle = rules.proposal_obstacle(request.user, process, "edit", proposal)
    if obstacle:
        return refused(request, obstacle, back_to)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if request.method == "POST":
        form = ProposalForm(
            request.POST, request.FILES, instance=proposal, process=process, user=request.user
        )
        if form.is_valid():
            try:
                proposal = services.edit_proposal(request.user, proposal, form.proposal_data())
            except rules.ParticipationError as error:
                return refused(request, error.message, back_to)
            if proposal.changed and proposal.moderation == Proposal.Moderation.PENDING:
                messages.success(
                    request,
                    _(
                        "Your changes are saved. The proposal will be public again once a "
                        "moderator has approved them; until then only you can see it."
                    ),
                )
            elif proposal.changed:
                messages.success(request, _("Your changes are saved. The earlier version is kept."))
            else:
                messages.info(request, _("You did not change anything, so nothing was saved."))
            return private(redirect(back_to))
    else:
        form = ProposalForm(instance=proposal, process=process, user=request.user)
    context = _form_context(
        request,
        process,
        form,
        mode="edit",
        proposal=proposal,
        proposal_url=back_to,
        action_url=proposal_url(process, pk, request, "edit"),
    )
    return _form_page(request, context)


def withdraw_proposal(request, process, pk):
    """A confirmation page (GET) and the withdrawal itself (POST)."""
    process = _with_phases(process)
    if not request.user.is_authenticated:
        return redirect_to_login(proposal_url(process, pk, request, "withdraw"))
    proposal = _visible_proposal(request, process, pk)
    back_to = proposal_url(process, pk, request)
    obstacle = rules.proposal_obstacle(request.user, process, "withdraw", proposal)
    if obstacle:
        return refused(request, obstacle, back_to)
    if request.method == "POST":
        try:
            services.withdraw_proposal(request.user, proposal)
        except rules.ParticipationError as error:
            return refused(request, error.message, back_to)
        messages.success(
            request,
            _("Your proposal is withdrawn. It stays visible, marked as withdrawn."),
        )
        return private(redirect(back_to))
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    context = {
        "page": process,
        "process": process,
        "proposal": proposal,
        "proposal_url": back_to,
        "action_url": proposal_url(process, pk, request, "withdraw"),
    }
    return private(render(request, "participation/proposal_withdraw.html", context))


def _support_message(proposal, supported):
    count = proposal.support_count
    if supported:
        text = ngettext(
            "You support this proposal. It now has %(count)s support.",
            "You support this proposal. It now has %(count)s supports.",
            count,
        )
    else:
        text = ngettext(
            "Your support is withdrawn. The proposal now has %(count)s support.",
            "Your support is withdrawn. The proposal now has %(count)s supports.",
            count,
        )
    return text % {"count": count}


def _support_json(request, process, proposal, message, status=200):
    state = rules.support_states(request.user, process, [proposal])[proposal.pk]
    count = proposal.support_count
    return private(
        JsonResponse(
            {
                "ok": status == 200,
                "message": str(message),
                "supported": state.supported,
                "allowed": state.allowed,
                "action": state.action,
                "button_label": str(
                    _("Withdraw my support") if state.supported else _("Support this proposal")
                ),
                "support_count": count,
                "count_label": ngettext("%(count)s support", "%(count)s supports", count)
                % {"count": count},
            },
            status=status,
        )
    )


def support_proposal(request, process, pk):
    """Support a proposal ("action" = "add") or withdraw the support ("remove").

    Without JavaScript a form posts here and goes back with a message; the script asks for JSON
    (``Accept: application/json``) and updates the page in place.
    """
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    process = _with_phases(process)
    wants_json = "application/json" in request.headers.get("Accept", "")
    back_to = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back_to, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back_to = proposal_url(process, pk, request)
    if not request.user.is_authenticated:
        if wants_json:
            return private(
                JsonResponse(
                    {
                        "ok": False,
                        "message": str(rules.PROPOSAL_SIGN_IN),
                        "login_url": _login_url(back_to),
                    },
                    status=401,
                )
            )
        return redirect_to_login(back_to)
    proposal = _visible_proposal(request, process, pk)
    action = request.POST.get("action")
    if action not in ("add", "remove"):
        # Only a changed or broken form sends anything else; nothing is changed.
        message = _("Your request could not be understood. Please use the button again.")
        if wants_json:
            return private(JsonResponse({"ok": False, "message": message}, status=400))
        return refused(request, message, back_to)
    service = services.support if action == "add" else services.withdraw_support
    try:
        proposal = service(request.user, proposal)
    except rules.ParticipationError as error:
        if wants_json:
            proposal.refresh_from_db(fields=["support_count"])
            return _support_json(request, process, proposal, error.message, status=409)
        return refused(request, error.message, back_to)
    message = _support_message(proposal, supported=action == "add")
    if wants_json:
        return _support_json(request, process, proposal, message)
    messages.success(request, message)
    return private(redirect(back_to))
