"""Who may edit an action group, by role and the group's moderation state: its active leads
(the founder among them while they lead), never while the group is hidden."""

import pytest

from participation import rules, services
from participation.models import ActionGroup, Membership, Moderation
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.participation.rules.roles import ROLES, outcome, person

STATES = (Moderation.PUBLISHED, Moderation.PENDING, Moderation.HIDDEN)
# Who the person is to the group, besides the roles of roles.ROLES ("author": the founder, who
# leads it).
RELATIONS = ("co_lead", "member", "requester", "declined", "removed", "founder_stepped_down")
NOT_LEAD = ("not_group_lead",) * 3
EDIT = {
    "anonymous": ("sign_in",) * 3,
    "unverified": ("unverified",) * 3,
    "blocked": ("blocked",) * 3,
    "author": ("allowed", "allowed", "group_hidden"),
    "co_lead": ("allowed", "allowed", "group_hidden"),
    **dict.fromkeys(("resident", "editor", "moderator", "superuser"), NOT_LEAD),
    **dict.fromkeys(("member", "requester", "declined", "removed"), NOT_LEAD),
    "founder_stepped_down": NOT_LEAD,
}
CASES = [
    (role, state, expected)
    for role in (*ROLES, *RELATIONS)
    for state, expected in zip(STATES, EDIT[role], strict=True)
]
MEMBERSHIP = {
    "co_lead": ("lead", "active"),
    "member": ("member", "active"),
    "requester": ("member", "requested"),
    "declined": ("member", "declined"),
    "removed": ("member", "removed"),
}


def group_with(founder, moderation):
    group = ActionGroup.objects.create(
        name="Gruppe", purpose="Zweck", author=founder, moderation=moderation, member_count=1
    )
    group.fields_of_action.set([FieldOfActionFactory()])
    Membership.objects.create(group=group, user=founder, role="lead", state="active")
    return group


def someone(role, founder, group):
    if role in MEMBERSHIP:
        user = UserFactory()
        member_role, state = MEMBERSHIP[role]
        Membership.objects.create(group=group, user=user, role=member_role, state=state)
        return user
    if role == "founder_stepped_down":
        Membership.objects.filter(group=group, user=founder).update(role="member")
        return founder
    return person(role, author=founder)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "state", "expected"), CASES)
def test_edit_group(role, state, expected):
    founder = UserFactory()
    group = group_with(founder, state)
    user = someone(role, founder, group)
    assert outcome(rules.edit_group_obstacle(user, group)) == expected
    assert rules.is_lead(user, group) is (role in ("author", "co_lead"))
    data = {"name": "Geändert"}
    if expected == "allowed":
        changed = services.edit_group(user, group, data)
        assert changed.changed and changed.name == "Geändert"
    else:
        with pytest.raises(rules.ParticipationError) as error:
            services.edit_group(user, group, data)
        assert error.value.code == expected
        group.refresh_from_db()
        assert group.name == "Gruppe"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("pre_moderated", "before", "after"),
    [
        (True, Moderation.PUBLISHED, Moderation.PENDING),
        (True, Moderation.PENDING, Moderation.PENDING),
        (False, Moderation.PUBLISHED, Moderation.PUBLISHED),
    ],
)
def test_a_changed_group_waits_again_under_pre_moderation(settings, pre_moderated, before, after):
    settings.PARTICIPATION_GROUPS_PRE_MODERATED = pre_moderated
    founder = UserFactory()
    group = group_with(founder, before)
    assert services.edit_group(founder, group, {"purpose": "Neu"}).moderation == after
    unchanged = services.edit_group(founder, group, {"purpose": "Neu"})
    assert not unchanged.changed
