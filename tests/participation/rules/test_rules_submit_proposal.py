"""Who may submit a proposal, by role and phase of the process."""

import pytest

from participation import rules
from tests.participation.rules.roles import ROLES, Process, outcome, person

PHASES = ("before", "submit", "support", "closed", "after")
# role: expected outcome in each of PHASES
MATRIX = {
    "anonymous": ("sign_in",) * 5,
    "unverified": ("unverified",) * 5,
    "blocked": ("blocked",) * 5,
    **dict.fromkeys(
        ("resident", "author", "editor", "moderator", "superuser"),
        ("phase_closed", "allowed", "phase_closed", "phase_closed", "phase_closed"),
    ),
}
CASES = [
    (role, phase, expected)
    for role in ROLES
    for phase, expected in zip(PHASES, MATRIX[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "phase", "expected"), CASES)
def test_submit_proposal(role, phase, expected):
    user = person(role, author=person("resident"))
    assert outcome(rules.proposal_obstacle(user, Process(phase), "submit")) == expected
