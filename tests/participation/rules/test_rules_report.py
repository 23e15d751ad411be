"""Who may report a proposal, by role and the proposal's moderation state; and which pages offer
the report link (``may_report``), without a query."""

import pytest

from participation import rules
from participation.models import Moderation, Proposal
from tests.participation.rules.roles import ROLES, outcome, person

STATES = (Moderation.PUBLISHED, Moderation.PENDING, Moderation.HIDDEN)
MATRIX = {
    "anonymous": ("sign_in",) * 3,
    "blocked": ("blocked",) * 3,
    "author": ("own",) * 3,
    **dict.fromkeys(
        ("unverified", "resident", "editor", "moderator", "superuser"),
        ("allowed", "allowed", "hidden"),
    ),
}
CASES = [
    (role, state, expected)
    for role in ROLES
    for state, expected in zip(STATES, MATRIX[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "state", "expected"), CASES)
def test_report(role, state, expected, django_assert_max_num_queries):
    author = person("resident")
    proposal = Proposal(pk=10**9, author=author, moderation=state)
    user = person(role, author=author)
    assert outcome(rules.report_obstacle(user, proposal)) == expected
    offered = state == Moderation.PUBLISHED and role != "author"
    with django_assert_max_num_queries(0):
        assert rules.may_report(user, proposal) == offered
