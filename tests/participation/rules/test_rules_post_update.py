"""Who may post a progress update (and keep undertakings) of an action group, by role and the
group's situation: published, waiting for moderation, hidden. Only its leads."""

import pytest

from participation import rules, services
from participation.models import GroupUpdate
from tests.participation.rules.membership_roles import GROUP_ROLES, group_in, person_in
from tests.participation.rules.roles import outcome

SITUATIONS = ("open", "pending", "hidden")
MATRIX = {
    "anonymous": ("sign_in",) * 3,
    "unverified": ("unverified",) * 3,
    "blocked": ("blocked",) * 3,
    "resident": ("not_a_lead",) * 3,
    "member": ("not_a_lead",) * 3,
    "lead": ("allowed",) * 3,
    "moderator": ("not_a_lead",) * 3,
    "editor": ("not_a_lead",) * 3,
}
CASES = [
    (role, situation, expected)
    for role in GROUP_ROLES
    for situation, expected in zip(SITUATIONS, MATRIX[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "situation", "expected"), CASES)
def test_post_update(role, situation, expected):
    group = group_in(situation)
    user = person_in(role, group)
    assert outcome(rules.post_update_obstacle(user, group)) == expected
    assert outcome(rules.undertaking_obstacle(user, group)) == expected
    data = {"title": "Neu", "text": "Es geht voran."}
    if expected == "allowed":
        update = services.post_update(user, group, data)
        assert update.is_published and update.author == user
    else:
        with pytest.raises(rules.ParticipationError) as error:
            services.post_update(user, group, data)
        assert error.value.code == expected
        assert not GroupUpdate.objects.exists()
