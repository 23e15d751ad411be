"""Who may join an action group with one click, by role and the group's situation: open,
by request, waiting for moderation, hidden."""

import pytest

from participation import rules
from tests.participation.rules.membership_roles import (
    GROUP_ROLES,
    SITUATIONS,
    STANDING_ROLES,
    group_in,
    person_in,
)
from tests.participation.rules.roles import outcome

NOT_OPEN = ("group_not_open", "group_not_open")
MATRIX = {
    "anonymous": ("sign_in",) * 4,
    "unverified": ("unverified",) * 4,
    "blocked": ("blocked",) * 4,
    "resident": ("allowed", "by_request", *NOT_OPEN),
    "member": ("already_member", "already_member", *NOT_OPEN),
    "lead": ("already_member", "already_member", *NOT_OPEN),
    "moderator": ("allowed", "by_request", *NOT_OPEN),
    "editor": ("allowed", "by_request", *NOT_OPEN),
    "requester": ("request_waiting", "request_waiting", *NOT_OPEN),
    "declined": ("declined", "declined", *NOT_OPEN),
    "removed": ("removed", "removed", *NOT_OPEN),
}
CASES = [
    (role, situation, expected)
    for role in (*GROUP_ROLES, *STANDING_ROLES)
    for situation, expected in zip(SITUATIONS, MATRIX[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "situation", "expected"), CASES)
def test_join(role, situation, expected):
    group = group_in(situation)
    user = person_in(role, group)
    assert outcome(rules.join_obstacle(user, group)) == expected
