"""Admin view: turn an accepted proposal into a draft vision, pre-filled and linked to it."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.coreutils import find_available_slug

from participation.admin.proposals import proposal_viewset
from participation.models import Proposal

from .models import VisionIndexPage, VisionPage

ADOPTABLE_STATES = {Proposal.State.ACCEPTED, Proposal.State.IMPLEMENTED}


def vision_index_for(proposal):
    """The vision index in the language of the proposal's process, or ``None``."""
    return VisionIndexPage.objects.filter(locale_id=proposal.process.locale_id).first()


def may_add_vision(user, index):
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def refusal(user, proposal, index):
    """Why ``user`` may not turn ``proposal`` into a vision now, or ``None``."""
    if proposal.state not in ADOPTABLE_STATES:
        return _("Only accepted proposals can become a vision.")
    if proposal.visions.exists():
        return _("This proposal has already become a vision.")
    if index is None:
        return _("There is no vision index page in the language of this process yet.")
    if not may_add_vision(user, index):
        return _("You may not create vision pages.")
    return None


def paragraphs_html(text):
    """The resident's plain text as rich-text paragraphs, escaped."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks
        if block
    )


def draft_vision(proposal, index, user):
    """Create the draft vision below ``index`` from ``proposal``; returns the page."""
    field = proposal.field_of_action
    field = field.get_translation_or_none(index.locale) or field
    vision = VisionPage(
        title=proposal.title,
        slug=find_available_slug(index, slugify(proposal.title) or "zielbild"),
        locale=index.locale,
        intro=proposal.summary[:600],
        body=[("paragraph", paragraphs_html(proposal.text))] if proposal.text.strip() else [],
        origin=proposal,
        live=False,
        owner=user,
    )
    vision.fields_of_action.set([field])
    index.add_child(instance=vision)
    vision.save_revision(user=user, log_action=True)
    return vision


@require_http_methods(["GET", "POST"])
def create_vision(request, pk):
    """GET asks to confirm; POST creates the draft and opens it in the page editor."""
    proposal = get_object_or_404(Proposal.objects.select_related("process"), pk=pk)
    index = vision_index_for(proposal)
    proposals_url = reverse(proposal_viewset.get_url_name("index"))
    if request.method == "POST":
        with transaction.atomic():
            # Locked, so that a double click cannot create two visions.
            proposal = Proposal.objects.select_for_update().select_related("process").get(pk=pk)
            problem = refusal(request.user, proposal, index)
            if problem is None:
                vision = draft_vision(proposal, index, request.user)
        if problem is not None:
            messages.error(request, problem)
            return redirect(proposals_url)
        messages.success(
            request,
            _("The draft vision “%(title)s” was created from the proposal.")
            % {"title": vision.title},
        )
        return redirect("wagtailadmin_pages:edit", vision.pk)
    problem = refusal(request.user, proposal, index)
    if problem is not None:
        messages.error(request, problem)
        return redirect(proposals_url)
    return TemplateResponse(
        request,
        "visions/admin/create_vision.html",
        {"proposal": proposal, "index": index, "proposals_url": proposals_url},
    )
