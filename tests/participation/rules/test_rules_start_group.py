"""Who may start an action group, by role: any verified resident who is not blocked, staff
included (they take part like everybody)."""

import pytest

from participation import rules, services
from participation.models import ActionGroup, Membership
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.participation.rules.roles import ROLES, outcome, person

START = {
    "anonymous": "sign_in",
    "unverified": "unverified",
    "blocked": "blocked",
    **dict.fromkeys(("resident", "author", "editor", "moderator", "superuser"), "allowed"),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "expected"), [(role, START[role]) for role in ROLES])
def test_start_group(role, expected):
    user = person(role, author=UserFactory())
    assert outcome(rules.start_group_obstacle(user)) == expected
    data = {
        "name": "Reparaturcafé",
        "purpose": "Wir reparieren.",
        "fields_of_action": [FieldOfActionFactory()],
        "joining": "open",
        "seeks_members": True,
    }
    if expected == "allowed":
        group = services.start_group(user, data)
        assert Membership.objects.get(group=group).user == user
        assert group.member_count == 1
    else:
        with pytest.raises(rules.ParticipationError) as error:
            services.start_group(user, data)
        assert error.value.code == expected
        assert str(error.value.message)
        assert ActionGroup.objects.count() == 0
