"""Who may vote in a poll, by role, the poll's voters (residents, or anyone with a browser
session) and its phase (not open yet, open, closed); then which ballots are valid."""

import datetime

import pytest

from participation import rules
from participation.models import Poll
from participation.models.polls import OTHER_MAX_LENGTH
from tests.participation.rules.roles import NOW, ROLES, outcome, person

DAY = datetime.timedelta(days=1)
PHASES = {
    "before": {"opens_at": NOW + DAY, "closes_at": NOW + 2 * DAY},
    "open": {"opens_at": NOW - DAY, "closes_at": NOW + DAY},
    "open_ended": {"opens_at": NOW - DAY, "closes_at": None},
    "closed": {"opens_at": NOW - 2 * DAY, "closes_at": NOW - DAY},
    "closes_now": {"opens_at": NOW - DAY, "closes_at": NOW},
}
WHEN = {"before": "not_open", "closed": "closed", "closes_now": "closed"}
# Who votes: residents only; anyone, from a browser with a session; anyone, without one.
VOTERS = ("residents", "anyone", "anyone_without_session")
# role: expected outcome in each of VOTERS while the poll is open
MATRIX = {
    "anonymous": ("sign_in", "allowed", "no_session"),
    "unverified": ("unverified", "allowed", "allowed"),
    "blocked": ("blocked", "blocked", "blocked"),
    **dict.fromkeys(("resident", "author", "editor", "moderator", "superuser"), ("allowed",) * 3),
}
CASES = [
    (role, voters, phase, WHEN.get(phase, expected))
    for role in ROLES
    for voters, expected in zip(VOTERS, MATRIX[role], strict=True)
    for phase in PHASES
]


def poll(voters="residents", phase="open", **fields):
    kind = Poll.Voters.RESIDENTS if voters == "residents" else Poll.Voters.ANYONE
    return Poll(question="Wohin?", voters=kind, **PHASES[phase], **fields)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "voters", "phase", "expected"), CASES)
def test_vote(role, voters, phase, expected):
    user = person(role, author=person("resident"))
    has_session = voters == "anyone"
    obstacle = rules.poll_obstacle(user, poll(voters, phase), has_session=has_session, now=NOW)
    assert outcome(obstacle) == expected
    if obstacle:
        assert str(obstacle)


@pytest.mark.django_db
@pytest.mark.parametrize("voters", VOTERS)
def test_no_user_at_all_counts_as_anonymous(voters):
    # Without a user object at all (a script, the admin's preview) the same holds as anonymous.
    expected = dict(zip(VOTERS, MATRIX["anonymous"], strict=True))[voters]
    obstacle = rules.poll_obstacle(None, poll(voters), has_session=voters == "anyone", now=NOW)
    assert outcome(obstacle) == expected


A, B, C = "a", "b", "c"
VALID = {A, B, C}
BALLOTS = [
    # (kind, max_choices, allow_other, choices, own answer, expected)
    ("single", None, False, [A], "", "allowed"),
    ("single", None, False, [], "", "no_choice"),
    ("single", None, False, [A, B], "", "too_many"),
    ("single", None, False, [A, A], "", "allowed"),
    ("single", None, False, ["x"], "", "foreign_choice"),
    ("single", None, False, [], "Fahrrad", "no_other"),
    ("single", None, True, [], "Fahrrad", "allowed"),
    ("single", None, True, [A], "Fahrrad", "too_many"),
    ("multiple", None, False, [A, B, C], "", "allowed"),
    ("multiple", 0, False, [A, B, C], "", "allowed"),
    ("multiple", 2, False, [A, B], "", "allowed"),
    ("multiple", 2, False, [A, B, C], "", "too_many"),
    ("multiple", 2, True, [A], "Fahrrad", "allowed"),
    ("multiple", 2, True, [A, B], "Fahrrad", "too_many"),
    ("multiple", 2, False, [A, "x"], "", "foreign_choice"),
    ("multiple", None, True, [], "x" * OTHER_MAX_LENGTH, "allowed"),
    ("multiple", None, True, [], "x" * (OTHER_MAX_LENGTH + 1), "other_too_long"),
    ("multiple", None, True, [], "Zeile\nzwei", "other_invalid"),
    ("multiple", None, True, [], "Null\x00", "other_invalid"),
    ("multiple", None, True, [], "Entf\x7f", "other_invalid"),
    ("multiple", None, True, [], "Umlaute äöü und Emoji 🚲", "allowed"),
    # A foreign choice is named before anything else.
    ("single", None, False, ["x"], "Fahrrad", "foreign_choice"),
]


@pytest.mark.parametrize(("kind", "limit", "other", "choices", "text", "expected"), BALLOTS)
def test_ballot(kind, limit, other, choices, text, expected):
    ballot_poll = Poll(kind=kind, max_choices=limit, allow_other=other)
    assert outcome(rules.ballot_obstacle(ballot_poll, choices, text, VALID)) == expected
