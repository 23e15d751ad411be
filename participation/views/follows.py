"""Following and unfollowing a process, proposal, vision, action group or field of action."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from ..rules import follows as rules
from .shared import private


def _back_to(request, target):
    """Where the person came from (``next``, when it is an address of this site), else the
    thing itself."""
    wanted = request.POST.get("next") or request.GET.get("next")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    if target is None:
        return reverse("area:following")
    url = target.get_url(request) if hasattr(target, "get_url") else None
    return url or reverse("area:following")


def follow(request, kind, pk):
    """POST: toggle following ``kind`` ``pk``; ``follow=0`` stops, ``follow=1`` starts, no
    value turns it around. A signed-in person only, and only what they may see (else 404)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.POST.get("next") or request.get_full_path())
    if kind not in rules.FOLLOW_KINDS:
        raise Http404
    target = rules.followable(request.user, kind, pk)
    if target is None:
        raise Http404
    wanted = request.POST.get("follow")
    start = wanted == "1" if wanted in ("0", "1") else not rules.is_following(request.user, target)
    rules.set_following(request.user, target, start)
    message = rules.FOLLOWING if start else rules.NOT_FOLLOWING
    messages.success(request, message % {"title": rules.title_of(target)})
    return private(redirect(_back_to(request, target)))
