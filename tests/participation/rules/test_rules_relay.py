"""Who may write through the contact relay, by role and recipient: an open group, a hidden group,
a forged id (nobody found) and a sender over the limit."""

import pytest

from participation import rules
from participation.models import Moderation
from tests.cms.factories import UserFactory
from tests.participation.factories import (
    ActionGroupFactory,
    MembershipFactory,
    RelayMessageFactory,
)
from tests.participation.rules.roles import outcome, person

ROLES = ("anonymous", "unverified", "resident", "member", "lead", "moderator", "editor")
SITUATIONS = ("open", "hidden", "forged", "over_limit")
VISITOR_EMAIL = "visitor@example.net"
MATRIX = {
    "anonymous": ("allowed", "group_gone", "unknown", "too_many"),
    "unverified": ("unverified",) * 4,
    "resident": ("allowed", "group_gone", "unknown", "too_many"),
    "member": ("allowed", "group_gone", "unknown", "too_many"),
    # Leads would write to themselves.
    "lead": ("self", "group_gone", "unknown", "self"),
    "moderator": ("allowed", "group_gone", "unknown", "too_many"),
    "editor": ("allowed", "group_gone", "unknown", "too_many"),
}
CASES = [
    (role, situation, expected)
    for role in ROLES
    for situation, expected in zip(SITUATIONS, MATRIX[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "situation", "expected"), CASES)
def test_relay(role, situation, expected, settings):
    settings.PARTICIPATION_RELAY_LIMITS = {"hour": 1, "day": 10}
    group = ActionGroupFactory(
        moderation=Moderation.HIDDEN if situation == "hidden" else Moderation.PUBLISHED
    )
    MembershipFactory(group=group, user=UserFactory(), role="lead")
    if role in ("member", "lead"):
        user = UserFactory()
        MembershipFactory(group=group, user=user, role="lead" if role == "lead" else "member")
    else:
        user = person(role)
    sender_email = VISITOR_EMAIL if role == "anonymous" else ""
    if situation == "over_limit":
        if role == "anonymous":
            RelayMessageFactory(group=group, sender_email=VISITOR_EMAIL)
        else:
            RelayMessageFactory(group=group, author=user, sender_email="")
    target = None if situation == "forged" else group
    obstacle = rules.relay_obstacle(user, group=target, sender_email=sender_email)
    assert outcome(obstacle) == expected
