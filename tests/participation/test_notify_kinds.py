"""Each kind of event, caused through the real services, reaches exactly the right people for
the right reason, and never the person who caused it; what waits for a moderator is announced
when it is published, once."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from cms.roles import EDITORS, MODERATORS
from participation import services
from participation.models import (
    ActionGroup,
    Activity,
    Delivery,
    EventRegistration,
    Notification,
    Proposal,
)
from participation.models import NotificationReason as Reason
from participation.notifications import compose_moderation, events
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import event_at
from tests.participation.factories import (
    MembershipFactory,
    ProposalFactory,
    group_led_by,
)
from tests.visions.factories import (
    ProcessIndexPageFactory,
    ProcessPageFactory,
    VisionIndexPageFactory,
    VisionPageFactory,
)
from visions.models import VisionPage, VisionUpdate

pytestmark = pytest.mark.django_db

Action = services.Action


@pytest.fixture
def index(site_homes):
    return ProcessIndexPageFactory(parent=site_homes[0])


@pytest.fixture
def process(index):
    return ProcessPageFactory(parent=index)


@pytest.fixture
def field():
    return FieldOfActionFactory()


@pytest.fixture
def author():
    return UserFactory(display_name="Ida Autorin")


@pytest.fixture
def proposal(process, author, field):
    return ProposalFactory(process=process, author=author, field_of_action=field)


@pytest.fixture
def moderator():
    return UserFactory(group=MODERATORS)


def heard(**filters):
    """``{person: reason}`` of the notifications; nobody twice about one activity."""
    found = {}
    for notification in Notification.objects.filter(**filters).select_related("recipient"):
        key = (notification.recipient, notification.activity_id)
        assert key not in found, "somebody heard twice about one activity"
        found[key] = notification.reason
    return {person: reason for (person, _activity), reason in found.items()}


def following(target, count=1):
    people = [UserFactory() for _ in range(count)]
    for person in people:
        events.follow(person, target)
    return people


# --- A new phase --------------------------------------------------------------------------------


def test_a_new_phase_reaches_the_process_followers_once(index):
    today = timezone.localdate()
    process = ProcessPageFactory(
        parent=index,
        phases=[
            {"start": today - datetime.timedelta(days=20), "end": today - datetime.timedelta(1)},
            {"title": "Abstimmen", "start": today, "end": today + datetime.timedelta(days=9)},
        ],
    )
    old = ProcessPageFactory(
        parent=index, phases=[{"start": today - datetime.timedelta(days=10), "end": today}]
    )
    draft = ProcessPageFactory(parent=index, phases=[{"start": today}])
    first, second, gone = following(process, 3)
    following(old)
    events.follow(first, old)
    draft_follower = UserFactory()
    events.follow(draft_follower, draft)
    draft.unpublish()
    get_user_model().objects.filter(pk=gone.pk).update(is_active=False)

    assert events.announce_phase_starts(timezone.now()) == 1
    assert heard() == {first: Reason.PHASE_STARTED, second: Reason.PHASE_STARTED}
    activity = Activity.objects.get()
    assert activity.target == process
    assert activity.data["phase"] == "Abstimmen"
    assert activity.data["start"] == today.isoformat()
    assert Notification.objects.filter(delivery=Delivery.DAILY).count() == 2
    # The next hourly run, or a second worker, announces nothing again.
    assert events.announce_phase_starts(timezone.now()) == 0
    assert Notification.objects.count() == 2


# --- Answers ------------------------------------------------------------------------------------


def test_an_answer_reaches_the_author_and_the_followers_not_the_editor(proposal, author):
    editor = UserFactory(group=EDITORS)
    (follower,) = following(proposal)
    events.follow(editor, proposal)
    services.answer_proposal(proposal, Proposal.State.ACCEPTED, "<p>Ja.</p>", by=editor)
    assert heard() == {
        author: Reason.PROPOSAL_ANSWERED,
        follower: Reason.PROPOSAL_ANSWERED,
    }
    notification = Notification.objects.get(recipient=author)
    assert notification.delivery == Delivery.IMMEDIATELY
    assert notification.activity.target == proposal


def test_an_answer_to_a_pending_proposal_reaches_its_author_only(proposal, author):
    (follower,) = following(proposal)
    Proposal.objects.filter(pk=proposal.pk).update(moderation="pending")
    services.answer_proposal(proposal, Proposal.State.REJECTED, "<p>Nein.</p>", by=None)
    assert heard() == {author: Reason.PROPOSAL_ANSWERED}


# --- Comments -----------------------------------------------------------------------------------


def test_comments_and_replies(process, proposal, author):
    (follower,) = following(proposal)
    commenter, replier = UserFactory(), UserFactory()
    comment = services.create_comment(commenter, proposal, "Gute Idee", process=process)
    assert heard(activity__target_id=comment.pk) == {
        author: Reason.NEW_COMMENT,
        follower: Reason.NEW_COMMENT,
    }
    reply = services.create_comment(
        replier, proposal, "Finde ich auch", process=process, parent=comment
    )
    # The commenter follows the thread now, but hears as the one replied to.
    assert heard(activity__target_id=reply.pk) == {
        commenter: Reason.COMMENT_REPLY,
        author: Reason.NEW_COMMENT,
        follower: Reason.NEW_COMMENT,
    }
    assert Activity.objects.get(target_id=reply.pk).kind == Reason.COMMENT_REPLY
    # The author answering in their own thread does not hear about it.
    own = services.create_comment(author, proposal, "Danke!", process=process, parent=comment)
    assert heard(activity__target_id=own.pk) == {
        commenter: Reason.COMMENT_REPLY,
        replier: Reason.NEW_COMMENT,
        follower: Reason.NEW_COMMENT,
    }


def test_a_pre_moderated_comment_is_announced_when_a_moderator_publishes_it(
    index, author, field, moderator
):
    process = ProcessPageFactory(parent=index, moderation="pre")
    proposal = ProposalFactory(process=process, author=author, field_of_action=field)
    commenter = UserFactory()
    comment = services.create_comment(commenter, proposal, "Wartet", process=process)
    assert comment.is_pending
    assert not Notification.objects.exists()
    services.moderate(comment, Action.APPROVE, moderator)
    assert heard() == {author: Reason.NEW_COMMENT}
    # Hidden and restored: no news again.
    services.moderate(comment, Action.HIDE, moderator, reason="spam")
    services.moderate(comment, Action.RESTORE, moderator)
    assert heard(reason=Reason.NEW_COMMENT) == {author: Reason.NEW_COMMENT}
    assert Notification.objects.filter(reason=Reason.NEW_COMMENT).count() == 1


# --- Moderation ---------------------------------------------------------------------------------


def test_the_author_of_a_hidden_contribution_learns_why(proposal, author, moderator):
    (follower,) = following(proposal)
    services.moderate(proposal, Action.HIDE, moderator, reason="spam", note="Werbung")
    assert heard() == {author: Reason.MODERATION}
    notification = Notification.objects.select_related("activity").get()
    assert notification.delivery == Delivery.IMMEDIATELY
    message = compose_moderation(notification.activity)
    assert message.to == [author.email]
    assert proposal.title in message.body and "Werbung" in message.body


def test_a_blocked_person_learns_why(proposal, author, moderator):
    services.block_user(author, moderator, "insult", note="Wiederholt", hide_contributions=True)
    # One block notice; hiding their contributions with the block tells nothing more.
    assert heard() == {author: Reason.MODERATION}
    notification = Notification.objects.select_related("activity").get()
    message = compose_moderation(notification.activity)
    assert message.to == [author.email] and "Wiederholt" in message.body


# --- Visions ------------------------------------------------------------------------------------


def test_a_new_implementation_update_reaches_the_vision_followers(site_homes):
    long_ago = timezone.localdate() - datetime.timedelta(days=60)
    vision = VisionPageFactory(
        parent=VisionIndexPageFactory(parent=site_homes[0]),
        updates=[{"title": "Beschlossen", "date": long_ago}],
    )
    vision.save_revision().publish()
    (follower,) = following(vision)
    editor = UserFactory(group=EDITORS)
    events.follow(editor, vision)
    assert not Notification.objects.exists()

    vision.refresh_from_db()
    vision.updates.add(VisionUpdate(title="Erste Bänke stehen", text="<p>Zwölf Stück.</p>"))
    vision.save_revision(user=editor).publish()
    assert heard() == {follower: Reason.VISION_UPDATE}
    activity = Activity.objects.get()
    assert activity.target == vision
    assert activity.data["update_title"] == "Erste Bänke stehen"
    # Published again (another change, the update written anew): the same update is no news.
    vision = VisionPage.objects.get(pk=vision.pk)
    vision.updates.add(VisionUpdate(title="Erste Bänke stehen", text="<p>Zwölf Stück.</p>"))
    vision.updates.remove(*[u for u in vision.updates.all() if u.pk])
    vision.intro = "Neu formuliert."
    vision.save_revision().publish()
    assert Notification.objects.count() == 1


# --- Action groups ------------------------------------------------------------------------------


@pytest.fixture
def lead():
    return UserFactory(display_name="Lea Leitung")


@pytest.fixture
def group(lead):
    return group_led_by(lead, name="Reparaturcafé")


def test_an_update_reaches_the_active_members_and_the_followers(group, lead):
    member = MembershipFactory(group=group).user
    MembershipFactory(group=group, state="requested")
    MembershipFactory(group=group, state="removed")
    (follower,) = following(group)
    events.follow(member, group)  # a member who follows too hears once
    services.post_update(lead, group, {"title": "Erster Abend", "text": "Es lief gut."})
    assert heard() == {member: Reason.GROUP_UPDATE, follower: Reason.GROUP_UPDATE}


def test_a_pre_moderated_update_is_announced_when_published(group, lead, moderator, settings):
    settings.PARTICIPATION_GROUP_UPDATE_MODERATION = "pre"
    (follower,) = following(group)
    update = services.post_update(lead, group, {"title": "Wartet", "text": "Noch nicht."})
    assert not Notification.objects.exists()
    services.moderate(update, Action.APPROVE, moderator)
    assert heard() == {follower: Reason.GROUP_UPDATE}


def test_a_new_need_reaches_the_members_and_the_followers(group, lead, field):
    member = MembershipFactory(group=group).user
    (follower,) = following(group)
    entry = services.add_need(
        lead,
        group,
        {
            "title": "Werkbank",
            "description": "Für den Keller.",
            "category": "room",
            "field_of_action": field,
        },
    )
    assert heard() == {member: Reason.GROUP_NEED, follower: Reason.GROUP_NEED}
    assert Activity.objects.get().target == entry
    # An offer is no need of the group.
    services.add_offer(
        UserFactory(),
        {
            "title": "Biete Raum",
            "description": "Im Dorf.",
            "category": "room",
            "field_of_action": field,
        },
    )
    assert Activity.objects.count() == 1


def test_join_requests_reach_the_leads_and_the_outcome_the_person(lead):
    group = group_led_by(lead, joining=ActionGroup.Joining.REQUEST)
    other_lead = MembershipFactory(group=group, role="lead").user
    member = MembershipFactory(group=group).user
    person = UserFactory()
    membership = services.request_membership(person, group, "Ich helfe gern.")
    assert heard() == {lead: Reason.JOIN_REQUEST, other_lead: Reason.JOIN_REQUEST}
    assert member not in heard()
    services.accept_request(other_lead, membership)
    assert heard(reason=Reason.MEMBERSHIP) == {person: Reason.MEMBERSHIP}


# --- Events -------------------------------------------------------------------------------------


def test_a_reminder_the_day_before_for_confirmed_places(site_homes):
    index = EventIndexPageFactory(parent=site_homes[0])
    now = timezone.now()
    tomorrow = timezone.make_aware(
        datetime.datetime.combine(
            timezone.localdate(now) + datetime.timedelta(days=1), datetime.time(18)
        )
    )
    event = event_at(index, tomorrow, capacity=1)
    later = event_at(index, tomorrow + datetime.timedelta(days=1))
    confirmed, waiting, other = UserFactory(), UserFactory(), UserFactory()
    services.register(confirmed, event)
    assert services.register(waiting, event).status == EventRegistration.Status.WAITING
    services.register(other, later)

    assert events.remind_events(now) == 1
    assert heard() == {confirmed: Reason.EVENT_REMINDER}
    assert Activity.objects.get().target == event
    assert events.remind_events(now + datetime.timedelta(hours=1)) == 0
    assert Notification.objects.count() == 1


# --- Fields of action ---------------------------------------------------------------------------


def test_new_proposals_and_groups_reach_the_followers_of_their_field(process, field, locale_en):
    english = field.copy_for_translation(locale_en)
    english.save()
    german_follower, english_follower = UserFactory(), UserFactory()
    events.follow(german_follower, field)
    events.follow(english_follower, english)
    other_field_follower = UserFactory()
    events.follow(other_field_follower, FieldOfActionFactory())
    author = UserFactory()
    events.follow(author, field)
    proposal = services.submit_proposal(
        author,
        process,
        {"title": "Radweg", "summary": "Kurz", "text": "Lang", "field_of_action": field},
    )
    assert heard() == {german_follower: Reason.NEW_IN_FIELD, english_follower: Reason.NEW_IN_FIELD}
    assert Activity.objects.get().target == proposal
    assert Notification.objects.filter(delivery=Delivery.WEEKLY).count() == 2


def test_pre_moderated_proposals_and_groups_are_announced_when_approved(
    index, field, moderator, settings
):
    settings.PARTICIPATION_GROUPS_PRE_MODERATED = True
    process = ProcessPageFactory(parent=index, moderation="pre")
    (follower,) = following(field)
    proposal = services.submit_proposal(
        UserFactory(),
        process,
        {"title": "Radweg", "summary": "Kurz", "text": "Lang", "field_of_action": field},
    )
    group = services.start_group(
        UserFactory(),
        {"name": "Radler", "purpose": "Gemeinsam radeln.", "fields_of_action": [field]},
    )
    assert not Notification.objects.exists()
    services.moderate(proposal, Action.APPROVE, moderator)
    services.moderate(group, Action.APPROVE, moderator)
    assert {n.activity.target for n in Notification.objects.filter(recipient=follower)} == {
        proposal,
        group,
    }
    assert set(Notification.objects.values_list("reason", flat=True)) == {Reason.NEW_IN_FIELD}
