"""Admin view: turn an accepted proposal into a draft vision, pre-filled and linked to it."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from participation.admin.proposals import proposal_viewset
from participation.models import Proposal

from . import services


@require_http_methods(["GET", "POST"])
def create_vision(request, pk):
    """GET asks to confirm; POST creates the draft and opens it in the page editor."""
    proposal = get_object_or_404(Proposal.objects.select_related("process"), pk=pk)
    proposals_url = reverse(proposal_viewset.get_url_name("index"))
    if request.method == "POST":
        vision, problem = services.adopt_proposal(request.user, proposal.pk)
        if problem is not None:
            messages.error(request, problem)
            return redirect(proposals_url)
        messages.success(
            request,
            _("The draft vision “%(title)s” was created from the proposal.")
            % {"title": vision.title},
        )
        return redirect("wagtailadmin_pages:edit", vision.pk)
    index = services.vision_index_for(proposal)
    problem = services.adoption_obstacle(request.user, proposal, index)
    if problem is not None:
        messages.error(request, problem)
        return redirect(proposals_url)
    return TemplateResponse(
        request,
        "visions/admin/create_vision.html",
        {"proposal": proposal, "index": index, "proposals_url": proposals_url},
    )
