"""Who may register an action group for an event, by role and by their place in the group:
only an active lead of a published group, whatever their role on the platform."""

import datetime
from types import SimpleNamespace

import pytest

from participation import rules
from tests.participation.factories import ActionGroupFactory, MembershipFactory
from tests.participation.rules.roles import NOW, ROLES, outcome, person

DAY = datetime.timedelta(days=1)
EVENT = {"start": NOW + 3 * DAY, "end": NOW + 4 * DAY, "registration_closes": NOW + 2 * DAY}
PLACES = ("lead", "member", "requested", "none", "lead_of_hidden_group")
PERSON_OBSTACLE = {"anonymous": "sign_in", "unverified": "unverified", "blocked": "blocked"}
MATRIX = {
    role: (
        (PERSON_OBSTACLE[role],) * len(PLACES)
        if role in PERSON_OBSTACLE
        else ("allowed", "not_group_lead", "not_group_lead", "not_group_lead", "not_group_lead")
    )
    for role in ROLES
}
CASES = [
    (role, place, expected)
    for role in ROLES
    for place, expected in zip(PLACES, MATRIX[role], strict=True)
]


def membership_of(user, place):
    group = ActionGroupFactory(
        moderation="hidden" if place == "lead_of_hidden_group" else "published"
    )
    if not user.is_authenticated or place == "none":
        return group, None
    role = "lead" if place in ("lead", "lead_of_hidden_group") else "member"
    state = "requested" if place == "requested" else "active"
    return group, MembershipFactory(group=group, user=user, role=role, state=state)


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "place", "expected"), CASES)
def test_register_group(role, place, expected):
    event = SimpleNamespace(registration_enabled=True, **EVENT)
    user = person(role, author=person("resident"))
    group, membership = membership_of(user, place)
    found = rules.register_obstacle(
        user, event, None, NOW, group=group, membership=membership, places=3
    )
    assert outcome(found) == expected
    if expected != "allowed":
        with pytest.raises(rules.ParticipationError) as error:
            rules.check_may_register(
                user, event, None, NOW, group=group, membership=membership, places=3
            )
        assert error.value.code == expected
        assert str(error.value.message)


@pytest.mark.django_db
def test_someone_elses_lead_membership_does_not_count():
    event = SimpleNamespace(registration_enabled=True, **EVENT)
    lead, other = person("resident"), person("resident")
    group, membership = membership_of(lead, "lead")
    found = rules.register_obstacle(other, event, None, NOW, group=group, membership=membership)
    assert outcome(found) == rules.REGISTER_NOT_GROUP_LEAD


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("places", "expected"),
    [(0, "group_places"), (1, "allowed"), (10, "allowed"), (11, "group_places")],
)
def test_a_group_takes_one_to_ten_places(places, expected):
    event = SimpleNamespace(registration_enabled=True, **EVENT)
    lead = person("resident")
    group, membership = membership_of(lead, "lead")
    found = rules.register_obstacle(
        lead, event, None, NOW, group=group, membership=membership, places=places
    )
    assert outcome(found) == expected


@pytest.mark.django_db
def test_without_a_group_one_registration_is_one_place():
    event = SimpleNamespace(registration_enabled=True, **EVENT)
    resident = person("resident")
    assert rules.register_obstacle(resident, event, None, NOW) is None
    assert outcome(rules.register_obstacle(resident, event, None, NOW, places=4)) == "group_places"
