"""Polls: a poll's own page (the form for visitors without an account, and a link target) and
voting, as a form POST that works without JavaScript and, asked for JSON, answers with the
poll's new HTML so that the page updates in place."""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from wagtail.models import Locale

from . import rules, services
from .models import Poll
from .polls import poll_box, voter_ballot
from .ratelimits import too_fast
from .responses import private


def in_language(poll):
    """The poll in the visitor's language, if it is translated."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None or poll.locale_id == locale.pk:
        return poll
    return poll.get_translation_or_none(locale) or poll


def _anchor(poll):
    return f"#poll-{poll.translation_key}"


def _back(request, poll):
    """Where the visitor came from (a page with the poll block), else the poll's own page."""
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url.split("#")[0] + _anchor(poll)
    return reverse("participation:poll", args=[poll.pk])


@never_cache
def poll_page(request, pk):
    poll = in_language(get_object_or_404(Poll, pk=pk))
    box = poll_box(request, poll, on_own_page=True)
    return render(request, "participation/poll_page.html", {"box": box, "poll": poll})


def _answer(request, poll, message, *, ok, status=200):
    if "application/json" in request.headers.get("Accept", ""):
        box = poll_box(request, poll, on_own_page=True, level=request.POST.get("level"))
        html = render_to_string(
            "participation/components/poll.html",
            {"box": box, "message": message, "next_url": request.POST.get("next", "")},
            request=request,
        )
        return private(
            JsonResponse({"ok": ok, "message": str(message), "html": html}, status=status)
        )
    if ok:
        messages.success(request, message)
    else:
        messages.error(request, message)
    return private(redirect(_back(request, poll)))


def vote(request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    poll = get_object_or_404(Poll, pk=pk)
    if too_fast(request, "vote"):
        message = _("You have voted many times in a short time. Please wait a minute.")
        return _answer(request, poll, message, ok=False, status=429)
    user = request.user
    if not user.is_authenticated and poll.voters == Poll.Voters.RESIDENTS:
        return _answer(request, poll, rules.POLL_SIGN_IN, ok=False, status=401)
    session_key = ""
    if not user.is_authenticated:
        if not request.session.session_key:
            request.session.save()
        session_key = request.session.session_key
    had_ballot = voter_ballot(poll, request) is not None
    try:
        services.vote(
            poll,
            request.POST.getlist("choice"),
            request.POST.get("other", ""),
            user=user,
            session_key=session_key,
        )
    except rules.ParticipationError as error:
        return _answer(request, poll, error.message, ok=False, status=400)
    message = _("Your vote is changed.") if had_ballot else _("Thank you, your vote is counted.")
    return _answer(request, poll, message, ok=True)
