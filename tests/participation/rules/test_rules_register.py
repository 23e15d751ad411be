"""Who may register for an event, by role and the event's phase; blocked people never may."""

import datetime
from types import SimpleNamespace

import pytest

from participation import rules
from tests.participation.rules.roles import NOW, ROLES, outcome, person

DAY = datetime.timedelta(days=1)
EVENTS = {
    "before": {"start": NOW + 3 * DAY, "end": NOW + 4 * DAY, "registration_closes": NOW + 2 * DAY},
    "closed": {"start": NOW + 3 * DAY, "end": NOW + 4 * DAY, "registration_closes": NOW - DAY},
    "after": {"start": NOW - 4 * DAY, "end": NOW - 3 * DAY, "registration_closes": NOW - 5 * DAY},
}
PHASES = tuple(EVENTS)
MATRIX = {
    "anonymous": ("sign_in", "closed", "past"),
    "unverified": ("unverified", "closed", "past"),
    "blocked": ("blocked", "closed", "past"),
    **dict.fromkeys(
        ("resident", "author", "editor", "moderator", "superuser"), ("allowed", "closed", "past")
    ),
}
CASES = [
    (role, phase, expected)
    for role in ROLES
    for phase, expected in zip(PHASES, MATRIX[role], strict=True)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "phase", "expected"), CASES)
def test_register(role, phase, expected):
    event = SimpleNamespace(registration_enabled=True, **EVENTS[phase])
    user = person(role, author=person("resident"))
    assert outcome(rules.register_obstacle(user, event, None, NOW)) == expected
    if expected != "allowed":
        with pytest.raises(rules.ParticipationError) as error:
            rules.check_may_register(user, event, None, NOW)
        assert error.value.code == expected
        assert str(error.value.message)


@pytest.mark.django_db
def test_a_blocked_person_is_told_so_on_the_event_page():
    event = SimpleNamespace(registration_enabled=True, **EVENTS["before"])
    blocked = person("blocked")
    assert rules.register_obstacle(blocked, event, None, NOW) == rules.BLOCKED
    assert rules.MESSAGES[rules.BLOCKED_CODE] == rules.BLOCKED
