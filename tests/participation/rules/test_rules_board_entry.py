"""Who may add a need (a group's leads), offer something (verified residents), and change or
close an entry (its author and the leads of its group), by role and the entry's state; and what
the board offers (``may_change_entry``) without a query per entry."""

import pytest

from participation import rules
from participation.models import BoardEntry, Moderation
from tests.cms.factories import UserFactory
from tests.participation.factories import ActionGroupFactory, MembershipFactory
from tests.participation.rules.roles import NOW, outcome, person

ROLES = (
    "anonymous",
    "unverified",
    "blocked",
    "resident",
    "member",
    "lead",
    "author",
    "moderator",
    "editor",
)
ACTIONS = ("add_need", "offer", "change_need", "change_offer", "change_closed", "change_hidden")
OUTSIDER = ("not_lead", "allowed", "not_author", "not_author", "closed", "hidden")
MATRIX = {
    "anonymous": ("sign_in",) * 6,
    "unverified": ("unverified",) * 6,
    "blocked": ("blocked",) * 6,
    "resident": OUTSIDER,
    "member": OUTSIDER,
    "lead": ("allowed", "allowed", "allowed", "not_author", "closed", "hidden"),
    "author": ("not_lead", "allowed", "not_author", "allowed", "closed", "hidden"),
    "moderator": OUTSIDER,
    "editor": OUTSIDER,
}
CASES = [
    (role, action, expected)
    for role in ROLES
    for action, expected in zip(ACTIONS, MATRIX[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "action", "expected"), CASES)
def test_board_entry(role, action, expected, django_assert_max_num_queries):
    group = ActionGroupFactory()
    offer_author = UserFactory()
    if role in ("member", "lead"):
        user = UserFactory()
        MembershipFactory(group=group, user=user, role="lead" if role == "lead" else "member")
    else:
        user = person(role, author=offer_author)
    need = BoardEntry(pk=10**9, kind="need", group=group, author=None)
    offer = BoardEntry(pk=10**9 + 1, kind="offer", group=None, author=offer_author)
    if action == "add_need":
        obstacle = rules.need_obstacle(user, group)
    elif action == "offer":
        obstacle = rules.offer_obstacle(user)
    else:
        entry = offer if action == "change_offer" else need
        if action == "change_closed":
            entry.closed_at = NOW
        elif action == "change_hidden":
            entry.moderation = Moderation.HIDDEN
        obstacle = rules.entry_obstacle(user, entry)
        # The board asks after one query for the person's groups, none per entry.
        rules.lead_group_ids(user)
        with django_assert_max_num_queries(0):
            offered = rules.may_change_entry(user, entry)
        assert offered == (expected == "allowed")
    assert outcome(obstacle) == expected


@pytest.mark.django_db
def test_offers_on_behalf_of_a_group_need_its_lead():
    group = ActionGroupFactory()
    lead, member = UserFactory(), UserFactory()
    MembershipFactory(group=group, user=lead, role="lead")
    MembershipFactory(group=group, user=member)
    assert rules.offer_obstacle(lead, group) is None
    assert outcome(rules.offer_obstacle(member, group)) == "not_lead"
    group.moderation = Moderation.HIDDEN
    assert outcome(rules.offer_obstacle(lead, group)) == "group_hidden"
