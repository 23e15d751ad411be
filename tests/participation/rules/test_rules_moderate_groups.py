"""Who may moderate action groups, their updates, needs and offers and relayed messages, who
may feature groups on the home page and who may give a group that lost its lead a new one, by
role (docs/roles.md): moderators moderate, editors feature, lead editors and superusers both."""

import pytest

from participation import rules
from participation.models import ActionGroup, BoardEntry, GroupUpdate, Membership, RelayMessage
from tests.participation.factories import ActionGroupFactory, MembershipFactory
from tests.participation.rules.roles import STAFF_ROLES, outcome, person

MODELS = (ActionGroup, GroupUpdate, BoardEntry, RelayMessage)
# role: (moderate each of MODELS, feature groups)
MATRIX = {
    **dict.fromkeys(("anonymous", "unverified", "resident", "blocked", "author"), (False, False)),
    "editor": (False, True),
    "moderator": (True, False),
    "lead_editor": (True, True),
    "superuser": (True, True),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_moderate_and_feature_groups(role):
    moderates, features = MATRIX[role]
    user = person(role, author=person("resident"))
    for model in MODELS:
        assert rules.may_moderate(user, model) is moderates, model
        expected = "allowed" if moderates else "may_not_moderate"
        assert outcome(rules.moderate_obstacle(user, model)) == expected
    assert rules.may_use_moderation_queue(user) is moderates
    assert rules.may_feature_groups(user) is features
    assert outcome(rules.feature_obstacle(user)) == ("allowed" if features else "may_not_feature")


# situation of the person who is to lead: expected outcome for a moderator
SITUATIONS = {
    "member": "allowed",
    "placeholder_lead": "allowed",
    "lead": "already_lead",
    "requested": "not_a_member",
    "declined": "not_a_member",
    "removed": "not_a_member",
    "outsider": "not_a_member",
    "blocked_member": "lead_blocked",
}


def membership_in(group, situation):
    if situation == "outsider":
        return None
    states = {"requested": "requested", "declined": "declined", "removed": "removed"}
    membership = MembershipFactory(
        group=group,
        state=states.get(situation, Membership.State.ACTIVE),
        role=Membership.Role.LEAD if "lead" in situation else Membership.Role.MEMBER,
        placeholder=situation == "placeholder_lead",
    )
    if situation == "blocked_member":
        membership.user.is_active = False
        membership.user.save(update_fields=["is_active"])
    return membership


@pytest.mark.django_db
@pytest.mark.parametrize("situation", sorted(SITUATIONS))
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_assign_a_new_lead(role, situation):
    group = ActionGroupFactory()
    membership = membership_in(group, situation)
    user = person(role, author=person("resident"))
    expected = SITUATIONS[situation] if MATRIX[role][0] else "may_not_moderate"
    assert outcome(rules.assign_lead_obstacle(user, group, membership)) == expected
