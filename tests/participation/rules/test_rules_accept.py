"""Who may accept a request to join, by role and situation: a waiting request in a published
group, in a group waiting for moderation or hidden (leads still act), and a request that was
already answered."""

import pytest

from participation import rules, services
from participation.models import Membership
from tests.participation.factories import MembershipFactory
from tests.participation.rules.membership_roles import GROUP_ROLES, group_in, person_in, recount
from tests.participation.rules.roles import outcome

SITUATIONS = ("published", "pending", "hidden", "answered")
GROUP_OF = {"published": "request", "pending": "pending", "hidden": "hidden", "answered": "request"}
MATRIX = {
    "anonymous": ("sign_in",) * 4,
    "unverified": ("unverified",) * 4,
    "blocked": ("blocked",) * 4,
    "resident": ("not_a_lead",) * 4,
    "member": ("not_a_lead",) * 4,
    "lead": ("allowed", "allowed", "allowed", "not_a_request"),
    "moderator": ("not_a_lead",) * 4,
    "editor": ("not_a_lead",) * 4,
}
CASES = [
    (role, situation, expected)
    for role in GROUP_ROLES
    for situation, expected in zip(SITUATIONS, MATRIX[role], strict=True)
]


def request_in(situation):
    group = group_in(GROUP_OF[situation])
    state = "active" if situation == "answered" else "requested"
    membership = MembershipFactory(group=group, state=state)
    return recount(group), membership


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "situation", "expected"), CASES)
def test_accept(role, situation, expected):
    group, membership = request_in(situation)
    user = person_in(role, group)
    assert outcome(rules.accept_obstacle(user, group, membership)) == expected
    before = group.member_count
    if expected == "allowed":
        services.accept_request(user, membership)
        assert Membership.objects.get(pk=membership.pk).is_active
        group.refresh_from_db()
        assert group.member_count == before + 1
    else:
        with pytest.raises(rules.ParticipationError) as error:
            services.accept_request(user, membership)
        assert error.value.code == expected


@pytest.mark.django_db
def test_a_request_of_another_group_is_not_one_to_answer():
    group, _ = request_in("published")
    _, foreign = request_in("published")
    lead = person_in("lead", group)
    assert rules.accept_obstacle(lead, group, foreign).code == "not_a_request"
