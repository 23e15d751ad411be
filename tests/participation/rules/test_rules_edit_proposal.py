"""Who may edit and who may withdraw a proposal, by role and phase of the process; then, for its
author, by the proposal's state and the edit window."""

import pytest

from participation import rules
from participation.models import Moderation, Proposal
from tests.participation.rules.roles import NOW, ROLES, Process, hours_ago, outcome, person

PHASES = ("before", "submit", "support", "closed", "after")
# role: expected outcome in each of PHASES, on a fresh proposal of "author"
EDIT = {
    "anonymous": ("sign_in",) * 5,
    "unverified": ("unverified",) * 5,
    "blocked": ("blocked",) * 5,
    "author": ("phase_closed", "allowed", "phase_closed", "phase_closed", "phase_closed"),
    **dict.fromkeys(
        ("resident", "editor", "moderator", "superuser"),
        ("phase_closed", "not_author", "phase_closed", "phase_closed", "phase_closed"),
    ),
}
# Withdrawing needs no phase that allows it: the process must run (any phase, also between two).
WITHDRAW = {
    "anonymous": ("sign_in",) * 5,
    "unverified": ("unverified",) * 5,
    "blocked": ("blocked",) * 5,
    "author": ("phase_closed", "allowed", "allowed", "allowed", "phase_closed"),
    **dict.fromkeys(
        ("resident", "editor", "moderator", "superuser"),
        ("phase_closed", "not_author", "not_author", "not_author", "phase_closed"),
    ),
}
CASES = [
    (action, role, phase, expected)
    for action, matrix in (("edit", EDIT), ("withdraw", WITHDRAW))
    for role in ROLES
    for phase, expected in zip(PHASES, matrix[role], strict=True)
]


def proposal_of(author, created_at=None, **fields):
    fields.setdefault("moderation", Moderation.PUBLISHED)
    return Proposal(pk=10**9, author=author, created_at=created_at or hours_ago(1), **fields)


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "role", "phase", "expected"), CASES)
def test_edit_and_withdraw(action, role, phase, expected):
    author = person("resident")
    user = person(role, author=author)
    process = Process(phase)
    proposal = proposal_of(author)
    assert outcome(rules.proposal_obstacle(user, process, action, proposal, NOW)) == expected
    if expected != "allowed":
        with pytest.raises(rules.ParticipationError) as error:
            rules.check_proposal_action(user, process, action, proposal, NOW)
        assert error.value.code == expected
        assert str(error.value.message)


# The author, in the submit phase: what the proposal's state leaves them.
STATES = [
    # (fields of the proposal, edit, withdraw)
    ({}, "allowed", "allowed"),
    ({"moderation": Moderation.PENDING}, "allowed", "allowed"),
    ({"moderation": Moderation.HIDDEN}, "hidden", "hidden"),
    ({"withdrawn_at": hours_ago(1)}, "withdrawn", "withdrawn"),
    ({"state": Proposal.State.UNDER_REVIEW}, "answered", "answered"),
    ({"state": Proposal.State.ACCEPTED}, "answered", "answered"),
    ({"state": Proposal.State.REJECTED}, "answered", "answered"),
    ({"state": Proposal.State.IMPLEMENTED}, "answered", "answered"),
    ({"answered_at": hours_ago(1)}, "answered", "answered"),
    # Hidden wins over withdrawn, withdrawn over answered.
    ({"moderation": Moderation.HIDDEN, "withdrawn_at": hours_ago(1)}, "hidden", "hidden"),
    ({"withdrawn_at": hours_ago(1), "state": Proposal.State.ACCEPTED}, "withdrawn", "withdrawn"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "edit", "withdraw"), STATES)
def test_the_author_by_state_of_the_proposal(fields, edit, withdraw):
    author = person("resident")
    proposal = proposal_of(author, **fields)
    process = Process("submit")
    assert outcome(rules.proposal_obstacle(author, process, "edit", proposal, NOW)) == edit
    assert outcome(rules.proposal_obstacle(author, process, "withdraw", proposal, NOW)) == withdraw


# The author, in the submit phase: the edit window (hours; 0 = no limit) bounds editing only.
WINDOW = [
    # (edit_window_hours, hours since submitting, edit, withdraw)
    (0, 1, "allowed", "allowed"),
    (0, 24 * 365, "allowed", "allowed"),
    (2, 1, "allowed", "allowed"),
    (2, 1.99, "allowed", "allowed"),
    (2, 2.01, "edit_window_over", "allowed"),
    (2, 48, "edit_window_over", "allowed"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("window", "age", "edit", "withdraw"), WINDOW)
def test_the_edit_window(window, age, edit, withdraw):
    author = person("resident")
    proposal = proposal_of(author, created_at=hours_ago(age))
    process = Process("submit", edit_window_hours=window)
    edit_obstacle = rules.proposal_obstacle(author, process, "edit", proposal, NOW)
    assert outcome(edit_obstacle) == edit
    assert outcome(rules.proposal_obstacle(author, process, "withdraw", proposal, NOW)) == withdraw
    if edit == "edit_window_over":
        assert str(window) in str(edit_obstacle)


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["edit", "withdraw"])
@pytest.mark.parametrize(
    ("state", "expected"), [("blocked", "blocked"), ("unverified", "unverified")]
)
def test_an_author_who_is_blocked_or_unverified_may_not_change_their_proposal(
    action, state, expected
):
    author = person("resident")
    if state == "blocked":
        author.is_active = False
    else:
        author.emailaddress_set.update(verified=False)
    proposal = proposal_of(author)
    assert outcome(rules.proposal_obstacle(author, Process("submit"), action, proposal, NOW)) == (
        expected
    )


@pytest.mark.parametrize("action", ["edit", "withdraw"])
def test_changing_needs_a_proposal(action, db):
    with pytest.raises(ValueError, match="needs a proposal"):
        rules.proposal_obstacle(person("resident"), Process("submit"), action, None, NOW)
