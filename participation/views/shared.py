"""What several participation views share: private responses, refusals that say why, and finding
the contribution or page an address names."""

from django.apps import apps
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from cms.pagecache import add_cache_headers

from .. import rules


def public(request, response):
    """What every anonymous reader sees alike may be kept by the page cache (the contract in
    :func:`cms.pagecache.add_cache_headers`)."""
    return add_cache_headers(request, response)


def private(response):
    """Personal answers are never kept by shared caches."""
    add_never_cache_headers(response)
    return response


def refused(request, message, back_to):
    """Back to ``back_to`` with ``message``; unverified people go where they can confirm their
    address or ask for a new link."""
    messages.error(request, message)
    if str(message) == str(rules.PROPOSAL_UNVERIFIED):
        back_to = reverse("account_email")
    return private(redirect(back_to))


def readable_object(request, label, pk, capability):
    """The object of model ``label`` ("participation.proposal", "home.storypage" …) with ``pk``,
    if its model has ``capability`` (``comments_enabled``, ``reportable``) and the person may
    read it; else 404."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not getattr(model, capability, False):
        raise Http404
    if hasattr(model.objects, "visible_to"):
        objects = model.objects.visible_to(request.user)
    else:
        # Pages: published and outside every private section.
        objects = model.objects.live().public()
    return get_object_or_404(objects, pk=pk)
