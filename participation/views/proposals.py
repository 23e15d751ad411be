"""Submitting, editing, withdrawing and supporting proposals, and a proposal's page.

The process pages route these requests here (:class:`participation.hosts.ProposalRoutesMixin`)
and hand themselves over as ``process``; views stay thin and leave the rules to
:mod:`participation.rules` and the changes to :mod:`participation.services`.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.db.models import prefetch_related_objects
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.cache import TRY_AGAIN, CacheUnavailable
from cms.maps import allow_map_tiles, map_context

from .. import rules, services
from ..forms import ProposalForm
from ..models import Proposal
from ..models.proposals import place_name
from ..rules.follows import follow_button
from ..services import submissions
from ..text import render_plain_text
from .shared import private, refused


def _login_url(next_url):
    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


def _visible_proposal(request, process, pk):
    proposals = (
        Proposal.objects.visible_to(request.user)
        .filter(process_id=process.pk)
        .select_related("author", "field_of_action")
    )
    proposal = get_object_or_404(proposals, pk=pk)
    proposal.process = process
    return proposal


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
    url = proposal.get_url(request)
    is_author = user.is_authenticated and proposal.author_id == user.pk
    context = {
        "page": process,
        "process": process,
        "process_url": process.get_url(request),
        "proposal": proposal,
        "text_html": render_plain_text(proposal.text),
        "support": rules.support_states(user, process, [proposal])[proposal.pk],
        "support_url": proposal.get_url(request, "support"),
        "login_url": _login_url(url),
        "is_author": is_author,
        "may_edit": is_author and not rules.proposal_obstacle(user, process, "edit", proposal),
        "may_withdraw": is_author
        and not rules.proposal_obstacle(user, process, "withdraw", proposal),
        "edit_url": proposal.get_url(request, "edit"),
        "withdraw_url": proposal.get_url(request, "withdraw"),
        "versions": _version_rows(proposal),
        "vision": _vision_made_from(request, proposal),
        "follow": follow_button(request, proposal),
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


def _submitted_already(request, process, token):
    """The answer to a second submit with ``token``: the proposal it created; else None."""
    done, pk = submissions.submitted(request, token)
    if not done:
        return None
    messages.info(request, _("This proposal has already been submitted; it was saved once."))
    if pk is not None and Proposal.objects.filter(pk=pk, author=request.user).exists():
        return private(redirect(process.proposal_url(request, pk)))
    return private(redirect(process.get_url(request)))


def submit_proposal(request, process):
    """Submit a proposal in two steps: the form, then a preview with "submit" or "edit again".

    The form's values travel in the preview's hidden fields. An uploaded image is checked and
    re-encoded at once and kept in storage under a signed token, so that it is not uploaded twice
    and cannot be swapped for somebody else's.
    """
    process = _with_phases(process)
    submit_url = process.submit_url(request)
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
    try:
        claimed = step == "submit" and submissions.claim(request, submission)
    except CacheUnavailable:
        # Nothing saved; the preview comes back with its values and the same token.
        messages.error(request, TRY_AGAIN)
        return _preview_page(request, context, form, token, submission, status=503)
    if claimed:
        try:
            proposal = services.submit_proposal(request.user, process, form.proposal_data())
        except rules.ParticipationError as error:
            submissions.release(request, submission)
            return refused(request, error.message, process.get_url(request))
        submissions.record(request, submission, proposal.pk)
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
        return private(redirect(process.proposal_url(request, proposal.pk)))
    if step == "edit":
        context["pending_image"] = bool(token)
        return _form_page(request, context)
    if step == "submit":
        # Not sent from a preview of this session (or the session ended): show the preview.
        messages.info(request, _("Please check your proposal once more and then submit it."))
    return _preview_page(request, context, form, token, submissions.issue(request))


def _preview_page(request, context, form, image_token, submission, status=200):
    context.update(
        submission_token=submission,
        preview_text_html=render_plain_text(form.cleaned_data["text"]),
        preview_image_url=default_storage.url(form.pending_image_name) if image_token else "",
        preview_place_name=place_name(
            form.cleaned_data.get("latitude"), form.cleaned_data.get("longitude")
        ),
        hidden_fields=[form[name] for name in form.fields if name not in ("image",)],
    )
    return private(render(request, "participation/proposal_preview.html", context, status=status))


def edit_proposal(request, process, pk):
    process = _with_phases(process)
    if not request.user.is_authenticated:
        return redirect_to_login(process.proposal_url(request, pk, "edit"))
    proposal = _visible_proposal(request, process, pk)
    back_to = proposal.get_url(request)
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
        action_url=proposal.get_url(request, "edit"),
    )
    return _form_page(request, context)


def withdraw_proposal(request, process, pk):
    """A confirmation page (GET) and the withdrawal itself (POST)."""
    process = _with_phases(process)
    if not request.user.is_authenticated:
        return redirect_to_login(process.proposal_url(request, pk, "withdraw"))
    proposal = _visible_proposal(request, process, pk)
    back_to = proposal.get_url(request)
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
        "action_url": proposal.get_url(request, "withdraw"),
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
        back_to = process.proposal_url(request, pk)
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
