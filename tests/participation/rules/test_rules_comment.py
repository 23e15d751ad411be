"""Who may write (or reply), edit, delete and mark comments as helpful, by role and phase of the
process on a proposal's comments; then the place commented on, the comment's state, the helpful
marks, the thread's buttons (``comment_states``) and official replies."""

import datetime
from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType

import pytest

from participation import rules
from participation.models import Comment, HelpfulMark, Moderation, Proposal
from tests.participation.rules.roles import (
    NOW,
    ROLES,
    STAFF_ROLES,
    Process,
    hours_ago,
    outcome,
    person,
)

PHASES = ("before", "submit", "support", "closed", "after")
OPEN = ("phase_closed", "allowed", "allowed", "phase_closed", "phase_closed")
SIGN_IN = {
    "anonymous": ("sign_in",) * 5,
    "unverified": ("unverified",) * 5,
    "blocked": ("blocked",) * 5,
}
OTHERS = ("resident", "editor", "moderator", "superuser")
# role: expected outcome in each of PHASES; "author" wrote the comment (and the proposal).
MATRICES = {
    # Writing a comment or a reply (the same rule; the service checks the parent).
    "comment": {**SIGN_IN, **dict.fromkeys((*OTHERS, "author"), OPEN)},
    "edit": {
        **SIGN_IN,
        "author": OPEN,
        **dict.fromkeys(
            OTHERS, ("phase_closed", "not_author", "not_author", "phase_closed", "phase_closed")
        ),
    },
    # Deleting one's own comment is possible in every phase.
    "delete": {
        **SIGN_IN,
        "author": ("allowed",) * 5,
        **dict.fromkeys(OTHERS, ("not_author",) * 5),
    },
    "helpful": {
        **SIGN_IN,
        "author": ("phase_closed", "own_comment", "own_comment", "phase_closed", "phase_closed"),
        **dict.fromkeys(OTHERS, OPEN),
    },
}
CASES = [
    (action, role, phase, expected)
    for action, matrix in MATRICES.items()
    for role in ROLES
    for phase, expected in zip(PHASES, matrix[role], strict=True)
]


def comment_of(author, minutes=5, **fields):
    fields.setdefault("moderation", Moderation.PUBLISHED)
    created_at = NOW - datetime.timedelta(minutes=minutes)
    return Comment(pk=10**9, author=author, text="Gute Idee.", created_at=created_at, **fields)


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "role", "phase", "expected"), CASES)
def test_comments_on_a_proposal(action, role, phase, expected):
    author = person("resident")
    user = person(role, author=author)
    target = Proposal(pk=10**9, author=author, moderation=Moderation.PUBLISHED)
    kwargs = {"target": target, "process": Process(phase), "now": NOW}
    if action != "comment":
        kwargs["comment"] = comment_of(author)
    assert outcome(rules.comment_obstacle(user, action, **kwargs)) == expected
    if expected != "allowed":
        with pytest.raises(rules.ParticipationError) as error:
            rules.check_comment_action(user, action, **kwargs)
        assert error.value.code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_the_thread_buttons_follow_the_rules(role, phase):
    author = person("resident")
    user = person(role, author=author)
    target = Proposal(pk=10**9, author=author, moderation=Moderation.PUBLISHED)
    comment = comment_of(author)
    state = rules.comment_states(user, [comment], target=target, process=Process(phase), now=NOW)
    expected = {
        action: MATRICES[action][role][PHASES.index(phase)] == "allowed"
        for action in ("edit", "delete", "helpful")
    }
    shown = state[comment.pk]
    assert (shown.may_edit, shown.may_delete, shown.may_mark) == (
        expected["edit"],
        expected["delete"],
        expected["helpful"],
    )


# A resident writes on a place without a process (a page) or on a proposal in an open phase.
PAGE = SimpleNamespace(comments_enabled=True, comments_open=True)
TARGETS = [
    # (target, in a process, expected)
    (PAGE, False, "allowed"),
    (SimpleNamespace(comments_enabled=True, comments_open=False), False, "comments_closed"),
    (SimpleNamespace(comments_enabled=False, comments_open=True), False, "comments_closed"),
    (SimpleNamespace(), False, "comments_closed"),
    (SimpleNamespace(comments_enabled=False), True, "comments_closed"),
    # In a process its phases decide, not the page's switch.
    (SimpleNamespace(comments_enabled=True, comments_open=False), True, "allowed"),
    (Proposal(pk=1, moderation=Moderation.PUBLISHED), True, "allowed"),
    (Proposal(pk=1, moderation=Moderation.PENDING), True, "target_pending"),
    (Proposal(pk=1, moderation=Moderation.HIDDEN), True, "target_hidden"),
    (
        Proposal(pk=1, moderation=Moderation.PUBLISHED, withdrawn_at=hours_ago(1)),
        True,
        "target_withdrawn",
    ),
    (
        Proposal(pk=1, moderation=Moderation.HIDDEN, withdrawn_at=hours_ago(1)),
        True,
        "target_hidden",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("target", "in_process", "expected"), TARGETS)
def test_the_place_commented_on(target, in_process, expected):
    resident = person("resident")
    process = Process("submit") if in_process else None
    assert (
        outcome(
            rules.comment_obstacle(resident, "comment", target=target, process=process, now=NOW)
        )
        == expected
    )
    # Editing and marking need the place open too; deleting one's own comment does not.
    own = comment_of(resident)
    other = comment_of(person("resident"))
    for action, comment in (("edit", own), ("helpful", other)):
        assert (
            outcome(
                rules.comment_obstacle(
                    resident, action, target=target, process=process, comment=comment, now=NOW
                )
            )
            == expected
        )
    assert (
        rules.comment_obstacle(
            resident, "delete", target=target, process=process, comment=own, now=NOW
        )
        is None
    )


# On an open page: what the comment's state leaves its author (edit, delete) and another
# resident (mark as helpful). The edit window is 60 minutes.
STATES = [
    # (fields, minutes since writing, edit, delete, helpful)
    ({}, 5, "allowed", "allowed", "allowed"),
    ({}, 59, "allowed", "allowed", "allowed"),
    ({}, 61, "edit_window_over", "allowed", "allowed"),
    ({"moderation": Moderation.PENDING}, 5, "allowed", "allowed", "pending"),
    ({"moderation": Moderation.HIDDEN}, 5, "hidden", "allowed", "hidden"),
    ({"deleted_at": NOW}, 5, "deleted", "deleted", "deleted"),
    ({"deleted_at": NOW, "moderation": Moderation.HIDDEN}, 5, "deleted", "deleted", "deleted"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("fields", "minutes", "edit", "delete", "helpful"), STATES)
def test_by_state_of_the_comment(fields, minutes, edit, delete, helpful, settings):
    settings.PARTICIPATION_COMMENT_EDIT_MINUTES = 60
    author, reader = person("resident"), person("resident")
    comment = comment_of(author, minutes, **fields)

    def ask(user, action):
        return outcome(rules.comment_obstacle(user, action, target=PAGE, comment=comment, now=NOW))

    assert (ask(author, "edit"), ask(author, "delete"), ask(reader, "helpful")) == (
        edit,
        delete,
        helpful,
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("minutes", "age", "expected"),
    [(0, 60 * 24 * 30, "allowed"), (10, 9, "allowed"), (10, 11, "edit_window_over")],
)
def test_the_edit_window_comes_from_the_settings(minutes, age, expected, settings):
    settings.PARTICIPATION_COMMENT_EDIT_MINUTES = minutes
    author = person("resident")
    obstacle = rules.comment_obstacle(
        author, "edit", target=PAGE, comment=comment_of(author, age), now=NOW
    )
    assert outcome(obstacle) == expected
    if obstacle:
        assert str(minutes) in str(obstacle)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("marked", "helpful", "unhelpful"),
    [(False, "allowed", "not_helpful"), (True, "already_helpful", "allowed")],
)
def test_marking_as_helpful_once(marked, helpful, unhelpful):
    author, reader = person("resident"), person("resident")
    comment = Comment.objects.create(
        target_type=ContentType.objects.get_for_model(Proposal),
        target_id=10**9,
        author=author,
        text="Gute Idee.",
    )
    if marked:
        HelpfulMark.objects.create(comment=comment, user=reader)

    def ask(user, action):
        return outcome(rules.comment_obstacle(user, action, target=PAGE, comment=comment))

    assert (ask(reader, "helpful"), ask(reader, "unhelpful")) == (helpful, unhelpful)
    # Somebody else's mark is not theirs; the author never marks their own comment.
    assert (ask(person("resident"), "helpful"), ask(author, "unhelpful")) == (
        "allowed",
        "own_comment",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["comment", "edit", "delete", "helpful", "unhelpful"])
def test_a_blocked_author_may_not_touch_their_comment(action):
    author = person("resident")
    author.is_active = False
    comment = None if action == "comment" else comment_of(author)
    obstacle = rules.comment_obstacle(author, action, target=PAGE, comment=comment, now=NOW)
    assert outcome(obstacle) == "blocked"
    assert all(
        not allowed
        for allowed in vars(
            rules.comment_states(author, [comment_of(author)], target=PAGE, now=NOW)[10**9]
        ).values()
    )


OFFICIAL = {
    **dict.fromkeys(STAFF_ROLES, False),
    **dict.fromkeys(("moderator", "lead_editor", "superuser"), True),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES)
def test_official_replies(role):
    user = person(role, author=person("resident"))
    assert rules.may_reply_officially(user) is OFFICIAL[role]


def test_unknown_actions_and_missing_comments_are_errors(db):
    resident = person("resident")
    with pytest.raises(ValueError, match="Unknown action"):
        rules.comment_obstacle(resident, "like", target=PAGE)
    with pytest.raises(ValueError, match="needs a comment"):
        rules.comment_obstacle(resident, "edit", target=PAGE)
