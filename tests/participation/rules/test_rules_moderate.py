"""Who may moderate which contributions, see the moderation queue and answer proposals, by role
(no phases: moderation is no part of a process). Lead editors moderate too (docs/roles.md)."""

from django.contrib.auth.models import Permission

import pytest

from participation import rules
from participation.models import Comment, Proposal
from tests.participation.rules.roles import STAFF_ROLES, outcome, person

# role: (moderate proposals, moderate comments, moderation queue, answer proposals)
MATRIX = {
    **dict.fromkeys(
        ("anonymous", "unverified", "resident", "blocked", "author"), (False, False, False, False)
    ),
    "editor": (False, False, False, True),
    "moderator": (True, True, True, False),
    "lead_editor": (True, True, True, True),
    "superuser": (True, True, True, True),
}
CASES = [(role, *MATRIX[role]) for role in STAFF_ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "proposals", "comments", "queue", "answer"), CASES)
def test_moderate(role, proposals, comments, queue, answer):
    user = person(role, author=person("resident"))
    assert (
        rules.may_moderate(user, Proposal),
        rules.may_moderate(user, Comment),
        rules.may_use_moderation_queue(user),
        rules.may_answer_proposals(user),
    ) == (proposals, comments, queue, answer)
    for model, allowed in ((Proposal, proposals), (Comment, comments)):
        expected = "allowed" if allowed else "may_not_moderate"
        assert outcome(rules.moderate_obstacle(user, model)) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["moderator", "lead_editor", "editor"])
def test_a_blocked_member_of_staff_may_do_nothing(role):
    user = person(role)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not rules.may_use_moderation_queue(user)
    assert not rules.may_answer_proposals(user)
    assert outcome(rules.moderate_obstacle(user, Proposal)) == "may_not_moderate"


@pytest.mark.django_db
def test_nobody_at_all_may_moderate():
    assert not rules.may_moderate(None, Proposal)
    assert not rules.may_use_moderation_queue(None)
    assert not rules.may_answer_proposals(None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("permissions", "proposals", "comments"),
    [
        (["moderate_proposal"], True, False),
        (["moderate_comment"], False, True),
    ],
)
def test_each_kind_of_contribution_has_its_own_permission(permissions, proposals, comments):
    user = person("resident")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="participation", codename__in=permissions
        )
    )
    assert (rules.may_moderate(user, Proposal), rules.may_moderate(user, Comment)) == (
        proposals,
        comments,
    )
    # Either permission opens the queue.
    assert rules.may_use_moderation_queue(user)
