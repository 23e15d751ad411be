"""The people and groups the membership rule matrices (test_rules_join.py … beside this file)
walk through: the roles of tests/participation/rules/roles.py plus a group's own people."""

from participation.models import ActionGroup, Membership
from tests.cms.factories import UserFactory
from tests.participation.factories import ActionGroupFactory, MembershipFactory

from .roles import person

GROUP_ROLES = (
    "anonymous",
    "unverified",
    "blocked",
    "resident",
    "member",
    "lead",
    "moderator",
    "editor",
)
# People with a row that is not (or no longer) active.
STANDING_ROLES = ("requester", "declined", "removed")
STATE_OF = {"requester": "requested", "declined": "declined", "removed": "removed"}

SITUATIONS = {
    "open": {"joining": ActionGroup.Joining.OPEN, "moderation": "published"},
    "request": {"joining": ActionGroup.Joining.REQUEST, "moderation": "published"},
    "pending": {"joining": ActionGroup.Joining.OPEN, "moderation": "pending"},
    "hidden": {"joining": ActionGroup.Joining.OPEN, "moderation": "hidden"},
}


def group_in(situation, leads=1):
    """A group in ``situation`` (a key of :data:`SITUATIONS`) with ``leads`` leads."""
    lead = UserFactory()
    group = ActionGroupFactory(author=lead, **SITUATIONS[situation])
    Membership.objects.update_or_create(
        group=group, user=lead, defaults={"role": "lead", "state": "active"}
    )
    for _ in range(leads - 1):
        MembershipFactory(group=group, role="lead")
    return recount(ActionGroup.objects.get(pk=group.pk))


def recount(group):
    """``member_count`` as the services keep it (the factories do not touch it)."""
    group.member_count = Membership.objects.filter(group=group, state="active").count()
    ActionGroup.objects.filter(pk=group.pk).update(member_count=group.member_count)
    return group


def the_lead(group):
    return Membership.objects.filter(group=group, role="lead").first().user


def person_in(role, group):
    """Somebody in ``role`` towards ``group``: a member, one of its leads, a requester … or a
    person of :func:`roles.person` without a row."""
    if role == "lead":
        return the_lead(group)
    if role == "member":
        user = MembershipFactory(group=group).user
    elif role in STATE_OF:
        user = MembershipFactory(group=group, state=STATE_OF[role]).user
    else:
        return person(role)
    recount(group)
    return user
