"""A person's public profile: only for people who opted in, with their public contributions."""

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.template.response import TemplateResponse

from ..models import ActionGroup, Comment, Membership, Proposal
from ..notifications import targets
from .area import with_processes

PER_PAGE = 10


def _page(request, queryset, param):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get(param))


def profile(request, pk):
    person = (
        get_user_model()
        .objects.filter(pk=pk, is_active=True, public_profile=True)
        .prefetch_related("fields_of_interest")
        .first()
    )
    if person is None:
        raise Http404
    proposals = _page(
        request,
        Proposal.objects.readable().filter(author=person).order_by("-created_at", "-pk"),
        "proposals",
    )
    proposal_rows = [
        {"proposal": proposal, "url": proposal.get_url(request)}
        for proposal in with_processes(proposals.object_list)
    ]
    comments = _page(
        request,
        Comment.objects.readable().filter(author=person).order_by("-created_at", "-pk"),
        "comments",
    )
    # Only comments on what everybody may read (not on hidden proposals or private pages).
    pairs = ((c.target_type_id, c.target_id) for c in comments.object_list)
    found = targets.visible_objects(pairs, None)
    comment_rows = []
    for comment in comments.object_list:
        target = found.get((comment.target_type_id, comment.target_id))
        if target is None:
            continue
        base = targets.url_of(target)
        comment_rows.append(
            {"comment": comment, "url": f"{base}#comment-{comment.pk}" if base else ""}
        )
    groups = _page(
        request,
        ActionGroup.objects.readable()
        .filter(
            Q(author=person)
            | Q(
                memberships__user=person,
                memberships__state=Membership.State.ACTIVE,
            )
        )
        .distinct()
        .order_by("name", "pk"),
        "groups",
    )
    context = {
        "person": person,
        "proposals": proposals,
        "proposal_rows": proposal_rows,
        "comments": comments,
        "comment_rows": comment_rows,
        "groups": groups,
        "group_rows": [{"group": g, "url": g.get_url(request)} for g in groups.object_list],
    }
    return TemplateResponse(request, "participation/profile.html", context)
