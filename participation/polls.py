"""Polls as visitors see them: the results (per answer the number of ballots that ticked it and
its share of all participants, counted over every language version of the poll) and the state of
the poll for one visitor (their ballot, whether they may vote, whether they see the results)."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import rules
from .models import Ballot, BallotChoice, Poll


@dataclass(frozen=True)
class ResultRow:
    label: str
    count: int
    percent: int  # of all participants; with several answers, the shares add up to more

    @property
    def bar_width(self):
        """The bar's width in percent of the chart: at least a sliver for an answer with votes."""
        return max(self.percent, 1) if self.count else 0


@dataclass(frozen=True)
class Results:
    participants: int
    rows: list
    other_count: int


def polls_by_key(keys, language):
    """``{translation_key: poll}`` of the polls ``keys`` (as ballots name them), each in
    ``language`` where it is translated, else in the language it was written in; their
    choices come along."""
    polls = {}
    for poll in (
        Poll.objects.filter(translation_key__in=keys)
        .select_related("locale")
        .prefetch_related("choices")
    ):
        current = polls.get(poll.translation_key)
        if current is None or poll.locale.language_code == language:
            polls[poll.translation_key] = poll
    return polls


def share(count, participants):
    """``count`` of ``participants`` in whole percent, rounded half up."""
    if not participants:
        return 0
    return (200 * count + participants) // (2 * participants)


def results(poll, other_label=""):
    """The results of ``poll`` (in its language): two queries however many ballots there are."""
    ballots = Ballot.objects.filter(poll_key=poll.translation_key)
    totals = ballots.aggregate(
        participants=Count("pk"), other=Count("pk", filter=~Q(other_text=""))
    )
    counts = dict(
        BallotChoice.objects.filter(ballot__poll_key=poll.translation_key)
        .values("choice_key")
        .annotate(count=Count("pk"))
        .values_list("choice_key", "count")
    )
    participants = totals["participants"]
    rows = []
    for choice in poll.choices.all():
        count = counts.get(choice.translation_key, 0)
        rows.append(ResultRow(choice.label, count, share(count, participants)))
    if poll.allow_other:
        label = poll.other_label or other_label
        rows.append(ResultRow(label, totals["other"], share(totals["other"], participants)))
    return Results(participants=participants, rows=rows, other_count=totals["other"])


@dataclass
class PollBox:
    """Everything the poll template shows to one visitor, computed in a few queries."""

    poll: object
    choices: list
    ballot: object
    ticked: set
    obstacle: str | None
    results: Results | None
    results_note: str
    vote_url: str
    page_url: str
    login_url: str
    form_here: bool  # the form is in the page; else a link leads to the poll's own page
    input_type: str
    hint: str
    needs_sign_in: bool
    level: int  # of the question's heading; the results' heading is one below


def voter_ballot(poll, request):
    """The visitor's ballot in ``poll`` (any language), with its ticked choices, or ``None``."""
    if request.user.is_authenticated:
        voter = {"user": request.user}
    elif poll.voters == poll.Voters.ANYONE and request.session.session_key:
        voter = {"user": None, "session_key": request.session.session_key}
    else:
        return None
    return (
        Ballot.objects.filter(poll_key=poll.translation_key, **voter)
        .prefetch_related("choices")
        .first()
    )


def heading_level(value):
    """A heading level from 2 to 5 (the form sends it back; anything else gives 2)."""
    value = str(value or "")
    return min(int(value), 5) if value in {"2", "3", "4", "5"} else 2


def poll_box(request, poll, *, on_own_page=False, level=2):
    """The poll as ``request``'s visitor sees it. The form needs a CSRF token, which sets a
    cookie: anonymous readers of a (shared, cached) page get a link to the poll's own page
    instead, so that reading a page never sets a cookie."""
    now = timezone.now()
    choices = list(poll.choices.all())
    ballot = voter_ballot(poll, request)
    if ballot is not None:
        # The visitor's own ballot (and so the results) is in the page: no shared cache.
        request.personal_content = True
    ticked = {str(choice.choice_key) for choice in ballot.choices.all()} if ballot else set()
    obstacle = rules.poll_obstacle(request.user, poll, has_session=True, now=now)
    closed = poll.is_closed(now)
    Shown = poll.Results
    shown = (
        poll.show_results == Shown.ALWAYS
        or closed
        or (poll.show_results == Shown.AFTER_VOTING and ballot is not None)
    )
    if shown:
        note = ""
    elif poll.show_results == Shown.AFTER_VOTING:
        note = _("The results are shown after you have voted.")
    else:
        note = _("The results are shown when the poll has closed.")
    page_url = reverse("participation:poll", args=[poll.pk])
    limit = poll.choice_limit
    if not poll.is_multiple:
        hint = _("Choose one answer.")
    elif limit:
        hint = ngettext(
            "Choose at most %(limit)d answer.", "Choose up to %(limit)d answers.", limit
        ) % {"limit": limit}
    else:
        hint = _("Choose as many answers as you like.")
    return PollBox(
        poll=poll,
        choices=choices,
        ballot=ballot,
        ticked=ticked,
        obstacle=obstacle,
        results=results(poll, other_label=_("Something else")) if shown else None,
        results_note=note,
        vote_url=reverse("participation:poll_vote", args=[poll.pk]),
        page_url=page_url,
        login_url=f"{reverse('account_login')}?{urlencode({'next': page_url})}",
        form_here=on_own_page or request.user.is_authenticated,
        input_type="checkbox" if poll.is_multiple else "radio",
        hint=hint,
        needs_sign_in=obstacle is not None and obstacle.code == rules.SIGN_IN,
        level=heading_level(level),
    )
