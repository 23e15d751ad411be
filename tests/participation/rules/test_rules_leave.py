"""Who may leave an action group (or withdraw a request), by role and situation: a published
group with one lead or with two, a group waiting for moderation, a hidden group. The last lead
stays until another member leads."""

import pytest

from participation import rules, services
from participation.models import Membership
from tests.conftest import in_german
from tests.participation.rules.membership_roles import (
    GROUP_ROLES,
    STANDING_ROLES,
    group_in,
    person_in,
)
from tests.participation.rules.roles import outcome

SITUATIONS = {
    "one_lead": ("open", 1),
    "two_leads": ("open", 2),
    "pending": ("pending", 1),
    "hidden": ("hidden", 1),
}
MATRIX = {
    "anonymous": ("sign_in",) * 4,
    # Leaving needs no confirmed address; unverified people are never members.
    "unverified": ("not_a_member",) * 4,
    "blocked": ("blocked",) * 4,
    "resident": ("not_a_member",) * 4,
    "member": ("allowed",) * 4,
    "lead": ("last_lead", "allowed", "last_lead", "last_lead"),
    "moderator": ("not_a_member",) * 4,
    "editor": ("not_a_member",) * 4,
    "requester": ("allowed",) * 4,
    "declined": ("not_a_member",) * 4,
    "removed": ("not_a_member",) * 4,
}
CASES = [
    (role, situation, expected)
    for role in (*GROUP_ROLES, *STANDING_ROLES)
    for situation, expected in zip(SITUATIONS, MATRIX[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "situation", "expected"), CASES)
def test_leave(role, situation, expected):
    group = group_in(*SITUATIONS[situation])
    user = person_in(role, group)
    assert outcome(rules.leave_obstacle(user, group)) == expected
    if expected == "allowed":
        services.leave_group(user, group)
        assert not Membership.objects.filter(group=group, user=user).exists()
    elif role != "anonymous":
        with pytest.raises(rules.ParticipationError) as error:
            services.leave_group(user, group)
        assert error.value.code == expected


@pytest.mark.django_db
def test_the_last_lead_is_told_what_to_do():
    group = group_in("open")
    assert rules.leave_obstacle(person_in("lead", group), group) == in_german(rules.LAST_LEAD)
    assert "Machen Sie zuerst ein anderes Mitglied zur Leitung" in in_german(rules.LAST_LEAD)
