"""Who may ask to join an action group, by role and the group's situation. Asking to join an
open group is allowed (and joins: tests/participation/test_memberships.py)."""

import pytest

from participation import rules, services
from participation.models import Membership
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
    "resident": ("allowed", "allowed", *NOT_OPEN),
    "member": ("already_member", "already_member", *NOT_OPEN),
    "lead": ("already_member", "already_member", *NOT_OPEN),
    "moderator": ("allowed", "allowed", *NOT_OPEN),
    "editor": ("allowed", "allowed", *NOT_OPEN),
    "requester": ("request_waiting", "request_waiting", *NOT_OPEN),
    "declined": ("declined", "declined", *NOT_OPEN),
    "removed": ("removed", "removed", *NOT_OPEN),
}
CASES = [
    (role, situation, expected)
    for role in (*GROUP_ROLES, *STANDING_ROLES)
    for situation, expected in zip(SITUATIONS, MATRIX[role], strict=True)
]
STATE_AFTER = {"open": "active", "request": "requested"}


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "situation", "expected"), CASES)
def test_request(role, situation, expected):
    group = group_in(situation)
    user = person_in(role, group)
    assert outcome(rules.request_obstacle(user, group)) == expected
    if expected == "allowed":
        membership = services.request_membership(user, group, "Hallo")
        assert membership.state == STATE_AFTER[situation]
    else:
        before = Membership.objects.filter(group=group).count()
        with pytest.raises(rules.ParticipationError) as error:
            services.request_membership(user, group, "Hallo")
        assert error.value.code == expected
        assert Membership.objects.filter(group=group).count() == before
