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

from .. import rules, services
from ..models import Poll
from ..polls import poll_box, voter_ballot
from ..ratelimits import too_fast
from .shared import private


def in_language(poll):
    """The poll in the visitor's language, if it is translated."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None or poll.locale_id == locale.pk:
        return poll
    return poll.get_translation_or_none(locale) or poll


OWN_ANSWER = "other"


def own_answer(poll, choices, other):
    """The answers and the own answer a form sent. With one answer the own answer is a radio
    button of its own: its text counts only when that button is chosen."""
    if poll.is_multiple or not poll.allow_other:
        return choices, other
    if OWN_ANSWER in choices:
        return [key for key in choices if key != OWN_ANSWER], other
    return choices, ""


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
    if poll.voters == Poll.Voters.ANYONE and not request.user.is_authenticated:
        # The form on this page is where visitors without an account vote: their browser
        # session (started here, never by reading other pages) holds their one ballot.
        request.session["poll_visitor"] = True
        request.session.save()
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
    refusal = too_fast(request, "vote")
    if refusal:
        message = refusal.explain(
            _("You have voted many times in a short time. Please wait a minute.")
        )
        return _answer(request, poll, message, ok=False, status=refusal.status)
    user = request.user
    if not user.is_authenticated and poll.voters == Poll.Voters.RESIDENTS:
        return _answer(request, poll, rules.POLL_SIGN_IN, ok=False, status=401)
    if not user.is_authenticated and not request.session.session_key:
        # Without the session the poll's page started, every post would be a new ballot.
        return _answer(request, poll, rules.POLL_NO_SESSION, ok=False, status=400)
    session_key = "" if user.is_authenticated else request.session.session_key or ""
    had_ballot = voter_ballot(poll, request) is not None
    choices, other = own_answer(poll, request.POST.getlist("choice"), request.POST.get("other", ""))
    if OWN_ANSWER in request.POST.getlist("choice") and not other.strip():
        return _answer(request, poll, rules.POLL_OWN_ANSWER_EMPTY, ok=False, status=400)
    try:
        services.vote(poll, choices, other, user=user, session_key=session_key)
    except rules.ParticipationError as error:
        return _answer(request, poll, error.message, ok=False, status=400)
    message = _("Your vote is changed.") if had_ballot else _("Thank you, your vote is counted.")
    return _answer(request, poll, message, ok=True)
