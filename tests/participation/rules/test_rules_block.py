"""Who may block and unblock whom: the role of the person who blocks (``by``) × the role of the
person blocked. Only people with the block permission block, only residents are blocked, and
nobody blocks themselves."""

import pytest

from participation import rules
from participation.models import Block, Reason
from tests.participation.rules.roles import NOW, STAFF_ROLES, outcome, person

# Who is blocked (the columns); "self" is ``by`` themselves.
PEOPLE = (
    "unverified",
    "resident",
    "blocked",
    "editor",
    "moderator",
    "lead_editor",
    "superuser",
    "self",
)
MAY_BLOCK = (
    "allowed",
    "allowed",
    "already_blocked",
    "block_staff",
    "block_staff",
    "block_staff",
    "block_staff",
    "block_self",
)
# role of ``by``: expected outcome of block_obstacle for each of PEOPLE
MATRIX = {
    **dict.fromkeys(
        ("anonymous", "unverified", "resident", "blocked", "author", "editor"),
        ("may_not_block",) * len(PEOPLE),
    ),
    **dict.fromkeys(("moderator", "lead_editor", "superuser"), MAY_BLOCK),
}
BY_ROLES = STAFF_ROLES
CASES = [
    (by_role, role, expected)
    for by_role in BY_ROLES
    for role, expected in zip(PEOPLE, MATRIX[by_role], strict=True)
]


def people(by_role, role):
    by = person(by_role, author=person("resident"))
    if role == "self":
        return by, by
    return by, person(role)


@pytest.mark.django_db
@pytest.mark.parametrize(("by_role", "role", "expected"), CASES)
def test_block(by_role, role, expected):
    by, blocked = people(by_role, role)
    if role == "self" and not by.is_authenticated:
        blocked = person("resident")
    assert outcome(rules.block_obstacle(by, blocked)) == expected
    assert rules.may_block(by) == (MATRIX[by_role] == MAY_BLOCK)


# Lifting a block: ``by`` must be allowed to block, and the person must have a block in force.
UNBLOCK = {
    **dict.fromkeys(
        ("anonymous", "unverified", "resident", "blocked", "author", "editor"), "may_not_block"
    ),
    **dict.fromkeys(("moderator", "lead_editor", "superuser"), "allowed"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["blocked", "resident"])
@pytest.mark.parametrize("by_role", BY_ROLES)
def test_unblock(by_role, role):
    by, blocked = people(by_role, role)
    Block.objects.create(user=blocked, reason=Reason.SPAM)
    assert outcome(rules.unblock_obstacle(by, blocked)) == UNBLOCK[by_role]


@pytest.mark.django_db
@pytest.mark.parametrize("lifted", [False, True])
@pytest.mark.parametrize("by_role", ["moderator", "lead_editor", "superuser"])
def test_unblocking_needs_a_block_in_force(by_role, lifted):
    by, someone = people(by_role, "resident")
    if lifted:
        Block.objects.create(user=someone, reason=Reason.SPAM, lifted_at=NOW)
    assert outcome(rules.unblock_obstacle(by, someone)) == "not_blocked"


@pytest.mark.django_db
@pytest.mark.parametrize("by_role", ["moderator", "lead_editor"])
def test_a_blocked_moderator_blocks_nobody(by_role):
    by = person(by_role)
    by.is_active = False
    by.save(update_fields=["is_active"])
    assert not rules.may_block(by)
    assert outcome(rules.block_obstacle(by, person("resident"))) == "may_not_block"
    assert outcome(rules.unblock_obstacle(by, person("blocked"))) == "may_not_block"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("flag", "expected"), [("is_staff", "block_staff"), ("is_superuser", "block_staff")]
)
def test_people_with_staff_flags_are_not_blocked_here(flag, expected):
    someone = person("resident")
    setattr(someone, flag, True)
    assert outcome(rules.block_obstacle(person("moderator"), someone)) == expected


@pytest.mark.django_db
def test_a_blocked_member_of_staff_counts_as_blocked():
    editor = person("editor")
    editor.is_active = False
    assert outcome(rules.block_obstacle(person("moderator"), editor)) == "already_blocked"
