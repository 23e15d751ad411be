"""Who hears about an activity (participation.notifications.events): the people concerned and
the followers, never the actor, nobody twice, nobody inactive, nobody who may not see the thing;
each with their delivery preference; announcing or fanning out twice creates nothing twice; a
process with 5,000 followers takes a bounded number of queries. And following: what one may
follow, automatic following, and unfollowing that sticks."""

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

import pytest

from cms.roles import EDITORS
from participation import services
from participation.models import (
    ActionGroup,
    Activity,
    Comment,
    Delivery,
    Follow,
    Notification,
    NotificationPreference,
    Proposal,
    Unfollow,
)
from participation.models import NotificationReason as Reason
from participation.models.moderation import target_type_of
from participation.notifications import events
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.participation.factories import ActionGroupFactory, ProposalFactory
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def process(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    return ProcessPageFactory(parent=index)


@pytest.fixture
def author():
    return UserFactory(display_name="Ida Autorin")


@pytest.fixture
def proposal(process, author):
    return ProposalFactory(process=process, author=author, moderation="published")


@pytest.fixture
def editor():
    return UserFactory(group=EDITORS)


def heard(activity=None):
    """``{person: reason}`` of the notifications (of ``activity``)."""
    notifications = Notification.objects.select_related("recipient")
    if activity is not None:
        notifications = notifications.filter(activity=activity)
    found = {}
    for notification in notifications:
        assert notification.recipient not in found, "somebody heard twice"
        found[notification.recipient] = notification.reason
    return found


def followers(target, count):
    people = [UserFactory() for _ in range(count)]
    for person in people:
        events.follow(person, target)
    return people


def answer(proposal, by, **kwargs):
    return events.notify(
        Reason.PROPOSAL_ANSWERED,
        proposal,
        actor=by,
        recipients=[proposal.author],
        followers_of=[proposal],
        **kwargs,
    )


# --- Who hears ----------------------------------------------------------------------------------


def test_the_people_concerned_and_the_followers_hear_once_and_the_actor_never(
    proposal, author, editor
):
    first, second = followers(proposal, 2)
    events.follow(author, proposal)  # the author follows too: they still hear once
    events.follow(editor, proposal)  # the actor follows: they do not hear about their own act
    activity = answer(proposal, editor, key="answer-1")
    assert heard(activity) == {
        author: Reason.PROPOSAL_ANSWERED,
        first: Reason.PROPOSAL_ANSWERED,
        second: Reason.PROPOSAL_ANSWERED,
    }
    activity.refresh_from_db()
    assert activity.fanned_out_at is not None
    assert (activity.kind, activity.target, activity.actor) == (
        Reason.PROPOSAL_ANSWERED,
        proposal,
        editor,
    )


def test_the_most_direct_reason_wins(proposal, author):
    replied_to, follower = UserFactory(), UserFactory()
    for person in (replied_to, follower, author):
        events.follow(person, proposal)
    comment = Comment.objects.create(target=proposal, author=UserFactory(), text="Gute Idee")
    activity = events.notify(
        Reason.COMMENT_REPLY,
        comment,
        actor=comment.author,
        recipients=[(replied_to, Reason.COMMENT_REPLY), (author, Reason.NEW_COMMENT)],
        followers_of=[proposal],
        follower_reason=Reason.NEW_COMMENT,
    )
    assert heard(activity) == {
        replied_to: Reason.COMMENT_REPLY,
        author: Reason.NEW_COMMENT,
        follower: Reason.NEW_COMMENT,
    }


def test_inactive_people_hear_nothing(proposal, author, editor):
    (follower,) = followers(proposal, 1)
    get_user_model().objects.filter(pk__in=[author.pk, follower.pk]).update(is_active=False)
    activity = answer(proposal, editor)
    assert heard(activity) == {}


def test_followers_who_may_not_see_the_thing_hear_nothing(proposal, author, editor):
    (follower,) = followers(proposal, 1)
    # The proposal waits for a moderator again (an edit under pre-moderation): only its author
    # may see it.
    Proposal.objects.filter(pk=proposal.pk).update(moderation="pending")
    activity = answer(proposal, editor)
    assert heard(activity) == {author: Reason.PROPOSAL_ANSWERED}
    assert follower not in heard()


def test_nothing_about_a_hidden_group_reaches_its_followers(author):
    group = ActionGroupFactory(author=author, lead=True)
    (follower,) = followers(group, 1)
    ActionGroup.objects.filter(pk=group.pk).update(moderation="hidden")
    events.notify(Reason.GROUP_UPDATE, group, followers_of=[group], recipients=[author])
    # The founder still sees their hidden group; the follower does not.
    assert heard() == {author: Reason.GROUP_UPDATE}


def test_a_statement_of_reasons_reaches_a_blocked_author_about_a_hidden_comment_on_a_hidden_thread(
    proposal, editor
):
    """What the law requires is not filtered by what the person may see now."""
    commenter = UserFactory()
    comment = Comment.objects.create(
        target=proposal, author=commenter, text="Beleidigend", moderation="hidden"
    )
    Proposal.objects.filter(pk=proposal.pk).update(moderation="hidden")
    get_user_model().objects.filter(pk=commenter.pk).update(is_active=False)
    events.notify(Reason.MODERATION, comment, actor=editor, recipients=[commenter])
    [notification] = Notification.objects.all()
    assert (notification.recipient, notification.reason, notification.delivery) == (
        commenter,
        Reason.MODERATION,
        Delivery.IMMEDIATELY,
    )


# --- Delivery preferences -----------------------------------------------------------------------


def test_each_person_gets_their_delivery_and_the_defaults_otherwise(proposal, author, editor):
    weekly, off, default = followers(proposal, 3)
    NotificationPreference.objects.create(
        user=weekly, reason=Reason.PROPOSAL_ANSWERED, delivery=Delivery.WEEKLY
    )
    NotificationPreference.objects.create(
        user=off, reason=Reason.PROPOSAL_ANSWERED, delivery=Delivery.OFF
    )
    # A preference for another reason does not count for this one.
    NotificationPreference.objects.create(
        user=default, reason=Reason.PHASE_STARTED, delivery=Delivery.OFF
    )
    activity = answer(proposal, editor)
    deliveries = dict(
        Notification.objects.filter(activity=activity).values_list("recipient", "delivery")
    )
    assert deliveries == {
        author.pk: Delivery.IMMEDIATELY,
        weekly.pk: Delivery.WEEKLY,
        off.pk: Delivery.OFF,
        default.pk: Delivery.IMMEDIATELY,
    }


def test_a_statement_of_reasons_is_always_delivered_at_once(proposal, author, editor):
    NotificationPreference.objects.create(
        user=author, reason=Reason.MODERATION, delivery=Delivery.OFF
    )
    events.notify(Reason.MODERATION, proposal, actor=editor, recipients=[author])
    assert Notification.objects.get().delivery == Delivery.IMMEDIATELY


# --- Once ---------------------------------------------------------------------------------------


def test_the_same_key_announces_once(proposal, author, editor):
    followers(proposal, 2)
    first = answer(proposal, editor, key="answer:1")
    assert answer(proposal, editor, key="answer:1") is None
    with transaction.atomic():
        # Inside a transaction too (a savepoint keeps it usable after the conflict).
        assert answer(proposal, editor, key="answer:1") is None
        assert Activity.objects.count() == 1
    assert Notification.objects.filter(activity=first).count() == 3
    assert Notification.objects.count() == 3


def test_a_retried_fan_out_creates_nothing_twice(proposal, author, editor):
    followers(proposal, 3)
    activity = answer(proposal, editor)
    assert Notification.objects.count() == 4
    assert events.fan_out.call(activity.pk) == 0  # fanned out already
    # A worker that died after creating the notifications but before marking the activity.
    Activity.objects.filter(pk=activity.pk).update(fanned_out_at=None)
    events.fan_out.call(activity.pk)
    assert Notification.objects.count() == 4
    assert len(heard()) == 4


def test_a_rolled_back_action_announces_nothing(proposal, editor):
    followers(proposal, 2)
    with pytest.raises(RuntimeError), transaction.atomic():
        answer(proposal, editor)
        raise RuntimeError("the action failed after announcing")
    assert not Activity.objects.exists()
    assert not Notification.objects.exists()


def test_five_thousand_followers_take_a_bounded_number_of_queries(process, editor):
    User = get_user_model()
    User.objects.bulk_create(
        User(email=f"follower{n}@example.org", display_name=f"Follower {n}") for n in range(5000)
    )
    people = list(User.objects.filter(email__startswith="follower").values_list("pk", flat=True))
    type_id = target_type_of(process).pk
    Follow.objects.bulk_create(
        Follow(user_id=pk, target_type_id=type_id, target_id=process.pk) for pk in people
    )
    NotificationPreference.objects.bulk_create(
        NotificationPreference(user_id=pk, reason=Reason.PHASE_STARTED, delivery=Delivery.WEEKLY)
        for pk in people[:2500]
    )
    with CaptureQueriesContext(connection) as queries:
        events.notify(Reason.PHASE_STARTED, process, actor=editor, followers_of=[process])
    assert Notification.objects.count() == 5000
    assert Notification.objects.filter(delivery=Delivery.WEEKLY).count() == 2500
    assert Notification.objects.filter(delivery=Delivery.DAILY).count() == 2500
    inserts = [
        q for q in queries.captured_queries if 'INTO "participation_notification"' in q["sql"]
    ]
    others = [q["sql"][:150] for q in queries.captured_queries if q not in inserts]
    # Notifications are written in batches (1,000 rows, or as many as SQLite's 999 parameters
    # allow); everything else does not grow with the number of followers.
    assert len(inserts) <= 50
    assert len(others) <= 20, "\n".join(others)


# --- Following ----------------------------------------------------------------------------------


def test_follow_and_unfollow(proposal):
    person = UserFactory()
    assert not events.follows(person, proposal)
    follow = events.follow(person, proposal)
    assert follow.automatic is False
    assert events.follow(person, proposal) == follow  # once
    assert events.follows(person, proposal)
    assert list(events.followers_of(proposal)) == [person]
    events.unfollow(person, proposal)
    assert not events.follows(person, proposal)
    assert list(events.followers_of(proposal)) == []
    assert Unfollow.objects.filter(user=person).count() == 1


@pytest.mark.parametrize(
    "thing", ["pending proposal", "hidden group", "draft page", "comment", "home page"]
)
def test_following_what_one_may_not_see_is_refused(process, author, thing):
    person = UserFactory()
    if thing == "pending proposal":
        target = ProposalFactory(process=process, author=author, moderation="pending")
    elif thing == "hidden group":
        target = ActionGroupFactory(author=author, moderation="hidden")
    elif thing == "draft page":
        target = ProcessPageFactory(parent=process.get_parent(), live=False)
    elif thing == "comment":
        proposal = ProposalFactory(process=process, author=author)
        target = Comment.objects.create(target=proposal, author=author, text="Hallo")
    else:
        # Visible, but nothing one follows.
        target = process.get_parent().get_parent()
    with pytest.raises(Http404) as refused:
        events.follow(person, target)
    assert isinstance(refused.value, events.NotFollowable)
    assert not Follow.objects.exists()


def test_what_one_may_follow(process, proposal, site_homes):
    person = UserFactory()
    group = ActionGroupFactory()
    field = FieldOfActionFactory()
    vision = VisionPageFactory(parent=VisionIndexPageFactory(parent=site_homes[0]))
    for target in (process, proposal, group, field, vision):
        events.follow(person, target)
        assert events.follows(person, target)
    assert Follow.objects.filter(user=person).count() == 5
    # A page is followed as what it is, however it was loaded.
    assert events.follows(person, Page.objects.get(pk=vision.pk))


def test_authors_and_commenters_follow_automatically(process, author):
    field = FieldOfActionFactory()
    proposal = services.submit_proposal(
        author,
        process,
        {"title": "Radweg", "summary": "Kurz", "text": "Lang", "field_of_action": field},
    )
    follow = Follow.objects.get(user=author)
    assert (follow.target, follow.automatic) == (proposal, True)

    commenter = UserFactory()
    services.create_comment(commenter, proposal, "Dafür!", process=process)
    assert events.follows(commenter, proposal)
    assert Follow.objects.get(user=commenter).automatic

    founder = UserFactory()
    group = services.start_group(
        founder,
        {
            "name": "Repair-Café",
            "purpose": "Reparieren statt wegwerfen.",
            "fields_of_action": [field],
        },
    )
    assert events.follows(founder, group)
    # A chosen follow of what one follows automatically makes it a choice.
    assert not events.follow(founder, group, automatic=False).automatic


def test_unfollowing_sticks_against_automatic_following(process, proposal, author):
    events.unfollow(author, proposal)
    commenter = UserFactory()
    services.create_comment(commenter, proposal, "Erste Meinung", process=process)
    events.unfollow(commenter, proposal)
    services.create_comment(commenter, proposal, "Zweite Meinung", process=process)
    services.create_comment(author, proposal, "Antwort der Autorin", process=process)
    assert not events.follows(commenter, proposal)
    assert not events.follows(author, proposal)
    # Nor does the author hear about new comments on the proposal they unfollowed.
    assert author not in heard()
    # Following again by choice lifts the unfollow.
    events.follow(commenter, proposal)
    assert not Unfollow.objects.filter(user=commenter).exists()


def test_a_person_gone_before_the_fan_out_is_left_out(proposal, editor):
    """The worker fans out later: an account deleted meanwhile breaks nothing (a notification
    for it would fail the worker's transaction at its commit)."""
    gone = UserFactory()
    gone_id = gone.pk
    gone.delete()
    events.notify(Reason.MODERATION, proposal, actor=editor, recipients=[gone_id])
    events.notify(Reason.PROPOSAL_ANSWERED, proposal, actor=editor, recipients=[gone_id])
    assert Activity.objects.count() == 2
    assert not Notification.objects.exists()
    assert Activity.objects.filter(fanned_out_at=None).count() == 0


def test_who_follows_when_it_happened_hears_about_it_not_who_follows_before_the_worker_runs(
    proposal, author, settings
):
    """The worker fans out later than the request: someone who starts following in between
    (a commenter joins the thread) is not told about what happened before."""
    from tests.participation.worker import run_queue, use_database_queue

    use_database_queue(settings)
    early = UserFactory()
    events.follow(early, proposal)
    services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=None)
    late = UserFactory()
    events.follow(late, proposal)
    run_queue()
    told = set(
        Notification.objects.filter(reason=Reason.PROPOSAL_ANSWERED).values_list(
            "recipient__email", flat=True
        )
    )
    assert told == {author.email, early.email}
