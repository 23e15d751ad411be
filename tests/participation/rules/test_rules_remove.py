"""Who may remove whom from an action group, by role and the person removed: a member, a lead
(who loses the role first), the remover themselves while the only lead, a waiting requester;
and a member of a hidden group (leads still act)."""

import pytest

from participation import rules, services
from participation.models import Membership
from tests.participation.factories import MembershipFactory
from tests.participation.rules.membership_roles import GROUP_ROLES, group_in, person_in, recount
from tests.participation.rules.roles import outcome

TARGETS = ("member", "lead", "self", "requester", "hidden_member")
MATRIX = {
    "anonymous": ("sign_in",) * 5,
    "unverified": ("unverified",) * 5,
    "blocked": ("blocked",) * 5,
    "resident": ("not_a_lead",) * 5,
    "member": ("not_a_lead",) * 5,
    "lead": ("allowed", "lead_not_removed", "last_lead", "not_a_member", "allowed"),
    "moderator": ("not_a_lead",) * 5,
    "editor": ("not_a_lead",) * 5,
}
CASES = [
    (role, target, expected)
    for role in GROUP_ROLES
    for target, expected in zip(TARGETS, MATRIX[role], strict=True)
]


def target_in(group, target, user):
    if target == "self":
        own = user.is_authenticated and Membership.objects.filter(group=group, user=user).first()
        return own or MembershipFactory(group=group)
    state = "requested" if target == "requester" else "active"
    role = "lead" if target == "lead" else "member"
    return MembershipFactory(group=group, state=state, role=role)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "target", "expected"), CASES)
def test_remove(role, target, expected):
    group = group_in("hidden" if target == "hidden_member" else "open")
    user = person_in(role, group)
    membership = target_in(group, target, user)
    recount(group)
    assert outcome(rules.remove_obstacle(user, group, membership)) == expected
    if expected == "allowed":
        services.remove_member(user, membership, "Grund")
        membership.refresh_from_db()
        assert membership.state == "removed" and membership.reason == "Grund"
    else:
        with pytest.raises(rules.ParticipationError) as error:
            services.remove_member(user, membership, "Grund")
        assert error.value.code == expected


@pytest.mark.django_db
def test_a_lead_among_several_cannot_remove_themselves_either():
    group = group_in("open", leads=2)
    lead = person_in("lead", group)
    own = Membership.objects.get(group=group, user=lead)
    assert rules.remove_obstacle(lead, group, own).code == "remove_self"
