"""The people and phases the rule matrices (test_rules_*.py beside this file) walk through."""

import datetime
import uuid

from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone

from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS
from tests.cms.factories import UserFactory

ROLES = (
    "anonymous",
    "unverified",
    "resident",
    "blocked",
    "author",
    "editor",
    "moderator",
    "superuser",
)
# The admin roles (moderate, block) add the lead editors, who moderate too (docs/roles.md).
STAFF_ROLES = (*ROLES, "lead_editor")
NOW = timezone.now()


def person(role, author=None):
    """A person in ``role`` (one of :data:`STAFF_ROLES`); "author" is ``author`` (a verified
    resident)."""
    if role == "anonymous":
        return AnonymousUser()
    if role == "author":
        return author
    user = UserFactory(verified=role != "unverified")
    if role == "blocked":
        user.is_active = False
        user.save(update_fields=["is_active"])
    elif role == "editor":
        user.groups.add(Group.objects.get(name=EDITORS))
    elif role == "moderator":
        user.groups.add(Group.objects.get(name=MODERATORS))
    elif role == "lead_editor":
        user.groups.add(Group.objects.get(name=LEAD_EDITORS))
    elif role == "superuser":
        user.is_superuser = True
        user.save(update_fields=["is_superuser"])
    return user


class Process:
    """A process as the rules see it (duck-typed like ``visions.ProcessPage``) in one phase:
    "before" it starts, the "submit" or "support" phase, "closed" (between phases) or "after"."""

    ALLOWED = {"submit": {"submit", "edit", "comment"}, "support": {"support", "comment"}}

    def __init__(self, phase, support_budget=0, max_proposals=0, edit_window_hours=0):
        self.phase = phase
        self.pk = None
        self.translation_key = uuid.uuid4()
        self.support_budget = support_budget
        self.max_proposals_per_resident = max_proposals
        self.edit_window_hours = edit_window_hours

    def allows(self, action, now=None):
        return action in self.ALLOWED.get(self.phase, set())

    def current_phase(self, now=None):
        return self.phase if self.phase in ("submit", "support", "closed") else None


def outcome(obstacle):
    """ "allowed" or the refusal's code, as the matrices write it."""
    return "allowed" if obstacle is None else obstacle.code


def hours_ago(hours):
    return NOW - datetime.timedelta(hours=hours)
