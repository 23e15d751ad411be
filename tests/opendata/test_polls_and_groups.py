"""/api/v1/polls/ and /api/v1/action-groups/: what everybody may read, results only where the
poll makes them public, linked pages only when they are public."""

import datetime
import json

from django.utils import timezone

import pytest

from participation.models import (
    ActionGroup,
    Ballot,
    BallotChoice,
    Membership,
    Poll,
    PollChoice,
)
from tests.opendata.conftest import api
from tests.participation.factories import ActionGroupFactory, MembershipFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _poll(question, process=None, **fields):
    from wagtail.models import Locale

    poll = Poll(
        question=question, locale=Locale.objects.get(language_code="de"), process=process, **fields
    )
    poll.save()
    for label in ("Ja", "Nein"):
        PollChoice.objects.create(poll=poll, label=label, locale=poll.locale)
    return poll


def _vote(poll, label, n):
    choice = poll.choices.get(label=label)
    for i in range(n):
        ballot = Ballot.objects.create(poll_key=poll.translation_key, session_key=f"{label}{i}")
        BallotChoice.objects.create(ballot=ballot, choice_key=choice.translation_key)


def test_polls_of_private_and_unpublished_processes_are_absent(
    client, process, private_process, unpublished_process
):
    shown = _poll("Öffentlich", process)
    free = _poll("Ohne Prozess")
    hidden = [_poll("Privat", private_process), _poll("Entwurf", unpublished_process)]
    data, _ = api(client, "/api/v1/polls/")
    assert {p["id"] for p in data["results"]} == {shown.pk, free.pk}
    assert data["count"] == 2
    for poll in hidden:
        assert client.get(f"/api/v1/polls/{poll.pk}/").status_code == 404
    assert "Privat" not in json.dumps(data)


def test_results_only_where_the_poll_makes_them_public(client, site_homes):
    now = timezone.now()
    always = _poll("Immer", show_results=Poll.Results.ALWAYS)
    after_voting = _poll("Nach dem Abstimmen", show_results=Poll.Results.AFTER_VOTING)
    after_closing = _poll("Nach dem Ende", show_results=Poll.Results.AFTER_CLOSING)
    closed = _poll(
        "Beendet",
        show_results=Poll.Results.AFTER_CLOSING,
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now - datetime.timedelta(days=1),
    )
    for poll in (always, after_voting, after_closing, closed):
        _vote(poll, "Ja", 3)
        _vote(poll, "Nein", 1)
    polls = {p["id"]: p for p in api(client, "/api/v1/polls/")[0]["results"]}
    for poll in (always, closed):
        shown = polls[poll.pk]
        assert shown["results_public"] is True
        assert shown["ballot_count"] == 4
        assert [c["votes"] for c in shown["choices"]] == [3, 1]
    for poll in (after_voting, after_closing):
        shown = polls[poll.pk]
        assert shown["results_public"] is False
        assert shown["ballot_count"] is None
        assert [c["votes"] for c in shown["choices"]] == [None, None]
    assert polls[closed.pk]["state"] == "closed"
    assert polls[always.pk]["state"] == "open"
    assert [p["id"] for p in api(client, "/api/v1/polls/?state=closed")[0]["results"]] == [
        closed.pk
    ]
    assert client.get("/api/v1/polls/?state=nope").status_code == 400
    assert client.get("/api/v1/polls/?language=fr").status_code == 400


def test_groups_hidden_and_pending_ones_are_absent_and_private_pages_not_named(
    client, process, private_process, field
):
    shown = ActionGroupFactory(
        name="Sichtbar", process=private_process, proposal=ProposalFactory(process=private_process)
    )
    hidden = ActionGroupFactory(name="Versteckt", moderation=ActionGroup.Moderation.HIDDEN)
    pending = ActionGroupFactory(name="Wartend", moderation=ActionGroup.Moderation.PENDING)
    named = ActionGroupFactory(name="Mit Prozess", process=process, fields_of_action=[field])
    data, _ = api(client, "/api/v1/action-groups/")
    assert {g["id"] for g in data["results"]} == {shown.pk, named.pk}
    assert data["count"] == 2
    groups = {g["id"]: g for g in data["results"]}
    assert groups[shown.pk]["process"] is None
    assert groups[shown.pk]["proposal"] is None
    assert groups[named.pk]["process"] == process.pk
    assert groups[named.pk]["fields_of_action"] == [{"slug": "mobilitaet", "name": "Mobilität"}]
    for group in (hidden, pending):
        assert client.get(f"/api/v1/action-groups/{group.pk}/").status_code == 404
    assert [
        g["id"]
        for g in api(client, "/api/v1/action-groups/?field_of_action=mobilitaet")[0]["results"]
    ] == [named.pk]
    assert api(client, f"/api/v1/action-groups/?process={private_process.pk}")[0]["count"] == 0
    assert "@example.org" not in json.dumps(data)


def test_member_count_as_stored_counts_active_members(client):
    group = ActionGroupFactory()
    MembershipFactory(group=group, state=Membership.State.ACTIVE)
    ActionGroup.objects.filter(pk=group.pk).update(member_count=1)
    data, _ = api(client, f"/api/v1/action-groups/{group.pk}/")
    assert data["member_count"] == 1
    assert data["url"].endswith(f"/{group.pk}/")
