"""Every relation that points at a person has a decided fate when the person is deleted (house
plan): ``FATES`` is the decision, and for every relation of our own apps and of the account
libraries ``SCENARIOS`` shows it through the real deletion service (``cms.accounts.
delete_person``, which self-service and the admin both use). A new relation to the user model,
in our apps or in a library we add, fails here until its fate is written down and, outside
Wagtail's own records, shown by a scenario.

On PostgreSQL (CI) the scenarios also prove that counters and seats are right after a deletion.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import models
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from cms.accounts import delete_person
from cms.roles import MODERATORS
from home.models import AccessibilityFeedback
from participation import services
from participation.models import (
    Activity,
    Ballot,
    Comment,
    DataExport,
    EventRegistration,
    Follow,
    GroupUpdate,
    HelpfulMark,
    Membership,
    ModerationLogEntry,
    Notification,
    NotificationPreference,
    NotificationReason,
    Report,
    Unfollow,
)
from participation.models.accounts import hash_token
from participation.notifications import events
from participation.polls import results
from participation.services.accounts import pseudonym_of
from participation.services.moderation import groups_without_lead
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german
from tests.home.factories import EventIndexPageFactory
from tests.home.test_events import event_at, next_summer
from tests.participation.factories import (
    ActionGroupFactory,
    ActivityFactory,
    BoardEntryFactory,
    GroupUpdateFactory,
    MembershipFactory,
    ProposalFactory,
    RelayMessageFactory,
    group_led_by,
)
from tests.participation.test_polls import keys, make_poll
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

CASCADE, SET_NULL, DO_NOTHING = models.CASCADE, models.SET_NULL, models.DO_NOTHING

# The person's own data goes with them (CASCADE); what others need stays without its author
# (SET_NULL), shown under "Deleted account". The deletion service acts before the database's
# rule where a plain cascade would be wrong: supports, helpful marks and memberships leave their
# counters right, registrations move the waiting list up, ballots stay counted.
FATES = {
    "participation.Report.reporter": CASCADE,
    "participation.Block.user": SET_NULL,
    "participation.Block.blocked_by": SET_NULL,
    "participation.Block.lifted_by": SET_NULL,
    "participation.ModerationLogEntry.moderator": SET_NULL,
    "participation.ModerationLogEntry.author": SET_NULL,
    "participation.Comment.author": SET_NULL,
    "participation.HelpfulMark.user": CASCADE,
    "participation.Proposal.author": SET_NULL,
    "participation.Support.user": CASCADE,
    "participation.ActionGroup.author": SET_NULL,
    "participation.Membership.user": CASCADE,
    "participation.GroupUpdate.author": SET_NULL,
    "participation.BoardEntry.author": SET_NULL,
    "participation.RelayMessage.author": SET_NULL,
    # The service detaches ballots first (they stay counted); the cascade finds none left.
    "participation.Ballot.user": CASCADE,
    "participation.EventRegistration.user": CASCADE,
    "participation.Follow.user": CASCADE,
    "participation.Unfollow.user": CASCADE,
    "participation.Activity.actor": SET_NULL,
    "participation.Notification.recipient": CASCADE,
    "participation.NotificationPreference.user": CASCADE,
    "participation.DataExport.user": CASCADE,
    # Staff's record of who answered a barrier report: the report stays for the others.
    "home.AccessibilityFeedback.handled_by": SET_NULL,
    "account.EmailAddress.user": CASCADE,
    "mfa.Authenticator.user": CASCADE,
    # Wagtail's and wagtail-localize's own records (staff only): the library's decisions.
    "wagtail_localize.StringTranslation.last_translated_by": SET_NULL,
    "wagtail_localize.SegmentOverride.last_translated_by": SET_NULL,
    "wagtailusers.UserProfile.user": CASCADE,
    "wagtaildocs.Document.uploaded_by_user": SET_NULL,
    "wagtailimages.Image.uploaded_by_user": SET_NULL,
    "wagtailadmin.EditingSession.user": CASCADE,
    "wagtailadmin.FormState.user": CASCADE,
    "wagtailcore.APIToken.user": CASCADE,
    "wagtailcore.ModelLogEntry.user": DO_NOTHING,
    "wagtailcore.Revision.user": SET_NULL,
    "wagtailcore.UploadedFile.uploaded_by_user": SET_NULL,
    "wagtailcore.WorkflowState.requested_by": SET_NULL,
    "wagtailcore.TaskState.finished_by": SET_NULL,
    "wagtailcore.Page.locked_by": SET_NULL,
    "wagtailcore.Page.owner": SET_NULL,
    "wagtailcore.PageLogEntry.user": DO_NOTHING,
    "wagtailcore.Comment.user": CASCADE,
    "wagtailcore.Comment.resolved_by": SET_NULL,
    "wagtailcore.CommentReply.user": CASCADE,
    "wagtailcore.PageSubscription.user": CASCADE,
}

# Relations that need a scenario: everything outside Wagtail's own apps.
LIBRARY_RECORDS = ("wagtail",)


def relations_to_people():
    """``{"app.Model.field": on_delete}`` of every foreign key to the user model, page types
    counted once (their owner and lock live on Wagtail's Page)."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model is user_model):
                continue
            if field.many_to_many or field.model is not model:
                continue
            found[f"{model._meta.label}.{field.name}"] = field.remote_field.on_delete
    return found


def test_every_relation_to_a_person_has_a_decided_fate():
    found = relations_to_people()
    undecided = sorted(set(found) - set(FATES))
    assert not undecided, f"Decide what happens when the person is deleted: {undecided}"
    changed = {name: fate.__name__ for name, fate in found.items() if FATES[name] is not fate}
    assert not changed, f"The fate differs from the decision: {changed}"
    assert not set(FATES) - set(found), "Remove relations that no longer exist from FATES."


def test_every_relation_of_ours_has_a_scenario():
    ours = {name for name in FATES if not name.startswith(LIBRARY_RECORDS)}
    missing = sorted(ours - set(SCENARIOS))
    assert not missing, f"Show what deleting a person does to: {missing}"


# --- Scenarios -----------------------------------------------------------------------------------
#
# Each builds what the relation holds for ``person`` (and others' data around it) and returns a
# check that runs after the person's account is deleted.


def _process(home):
    index = ProcessIndexPageFactory(parent=home)
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    return type(process).objects.get(pk=process.pk)


def _proposal(home, author, **fields):
    return ProposalFactory(
        process=_process(home), author=author, field_of_action=FieldOfActionFactory(), **fields
    )


def _moderator():
    return UserFactory(group=MODERATORS)


def report_reporter(person, other, home):
    proposal = _proposal(home, other)
    comment = services.create_comment(other, proposal, "Gute Idee", process=proposal.process)
    services.report(person, comment, Report.Reason.SPAM)

    def check():
        assert not Report.objects.exists()
        assert Comment.objects.filter(pk=comment.pk).exists()

    return check


def block_user(person, other, home):
    block = services.block_user(person, _moderator(), "spam", note="Werbung")

    def check():
        block.refresh_from_db()
        assert block.user_id is None
        assert block.pseudonym == pseudonym_of(person)
        entry = ModerationLogEntry.objects.get(action="block")
        assert entry.target_label == block.pseudonym
        assert person.display_name not in entry.target_label
        assert entry.author_pseudonym == block.pseudonym

    return check


def block_blocked_by(person, other, home):
    person.groups.add(*_moderator().groups.all())
    block = services.block_user(other, person, "spam")

    def check():
        block.refresh_from_db()
        assert block.blocked_by_id is None
        assert block.user_id == other.pk

    return check


def block_lifted_by(person, other, home):
    person.groups.add(*_moderator().groups.all())
    block = services.block_user(other, person, "spam")
    services.unblock_user(other, person)

    def check():
        block.refresh_from_db()
        assert block.lifted_by_id is None
        assert block.lifted_at is not None

    return check


def log_moderator(person, other, home):
    person.groups.add(*_moderator().groups.all())
    proposal = _proposal(home, other)
    services.moderate(proposal, "hide", person, reason="spam", notify=False)

    def check():
        entry = ModerationLogEntry.objects.get()
        assert entry.moderator_id is None
        assert entry.target_label == proposal.title

    return check


def log_author(person, other, home):
    proposal = _proposal(home, person)
    services.moderate(proposal, "hide", _moderator(), reason="spam", notify=False)

    def check():
        entry = ModerationLogEntry.objects.get()
        assert entry.author_id is None
        assert entry.author_pseudonym == pseudonym_of(person)

    return check


def comment_author(person, other, home):
    """Her comment and the reply to it stay: the thread keeps its shape and its numbers."""
    proposal = _proposal(home, other)
    process = proposal.process
    comment = services.create_comment(person, proposal, "Mein Kommentar", process=process)
    reply = services.create_comment(other, proposal, "Antwort", process=process, parent=comment)
    services.create_comment(person, proposal, "Noch einer", process=process)

    def check():
        comment.refresh_from_db()
        assert comment.author_id is None and comment.text == "Mein Kommentar"
        assert comment.reply_count == 1
        assert Comment.objects.get(pk=reply.pk).parent_id == comment.pk
        proposal.refresh_from_db()
        assert proposal.comment_count == 3 == Comment.objects.on(proposal).count()

    return check


def helpful_mark_user(person, other, home):
    proposal = _proposal(home, other)
    comment = services.create_comment(other, proposal, "Hilfreich", process=proposal.process)
    services.mark_helpful(person, comment, target=proposal, process=proposal.process)
    services.mark_helpful(UserFactory(), comment, target=proposal, process=proposal.process)

    def check():
        comment.refresh_from_db()
        assert comment.helpful_count == 1 == HelpfulMark.objects.filter(comment=comment).count()

    return check


def proposal_author(person, other, home):
    proposal = _proposal(home, person, title="Dorfbus")
    services.create_comment(other, proposal, "Dafür", process=proposal.process)
    services.support(other, proposal)

    def check():
        proposal.refresh_from_db()
        assert proposal.author_id is None and proposal.title == "Dorfbus"
        assert proposal.comment_count == 1
        assert proposal.support_count == 1 == proposal.supports.count()

    return check


def support_user(person, other, home):
    proposal = _proposal(home, other)
    process = proposal.process.specific
    process.support_budget = 1
    process.save()
    services.support(person, proposal)
    services.support(UserFactory(), proposal)

    def check():
        proposal.refresh_from_db()
        assert proposal.support_count == 1 == proposal.supports.count()

    return check


def group_author(person, other, home):
    group = ActionGroupFactory(author=person)
    MembershipFactory(group=group, user=other, role=Membership.Role.LEAD)

    def check():
        group.refresh_from_db()
        assert group.author_id is None
        assert group not in groups_without_lead()

    return check


def membership_user(person, other, home):
    """She led a group alone: it goes to the moderators' queue; the counts follow."""
    group = group_led_by(person)
    services.join_group(other, group)
    shared = group_led_by(other)
    services.join_group(person, shared)

    def check():
        group.refresh_from_db()
        shared.refresh_from_db()
        assert not Membership.objects.filter(user_id=person.pk).exists()
        assert group.member_count == 1 == group.memberships.filter(state="active").count()
        assert shared.member_count == 1 == shared.memberships.filter(state="active").count()
        assert list(groups_without_lead()) == [group]

    return check


def _kept_without_author(factory, model):
    def scenario(person, other, home):
        item = factory(author=person)

        def check():
            kept = model.objects.get(pk=item.pk)
            assert kept.author_id is None
            assert kept.author_name == in_german("Deleted account")

        return check

    return scenario


def relay_author(person, other, home):
    message = RelayMessageFactory(author=person, group=ActionGroupFactory(author=other))

    def check():
        message.refresh_from_db()
        assert message.author_id is None

    return check


def ballot_user(person, other, home):
    poll = make_poll()
    services.vote(poll, keys(poll, "Bus"), user=person)
    services.vote(poll, keys(poll, "Rad"), user=other)
    before = results(poll)

    def check():
        assert results(poll) == before
        ballot = Ballot.objects.get(session_key__startswith="deleted:")
        assert ballot.user_id is None
        assert Ballot.objects.filter(user=other).count() == 1

    return check


def registration_user(person, other, home):
    """Her confirmed place goes to the first person waiting, who is told by e-mail."""
    event = event_at(EventIndexPageFactory(parent=home), next_summer(), capacity=1)
    services.register(person, event)
    services.register(other, event)
    mail.outbox.clear()

    def check():
        registration = EventRegistration.objects.get()
        assert registration.user_id == other.pk
        assert registration.status == EventRegistration.Status.CONFIRMED
        assert Notification.objects.filter(
            recipient=other, reason=NotificationReason.SEAT_FREED
        ).exists()
        assert [message.to for message in mail.outbox] == [[other.email]]

    return check


def follow_user(person, other, home):
    proposal = _proposal(home, other)
    Follow.objects.create(user=person, target=proposal)
    Follow.objects.create(user=other, target=proposal)

    def check():
        assert list(Follow.objects.values_list("user", flat=True)) == [other.pk]

    return check


def unfollow_user(person, other, home):
    events.unfollow(person, _proposal(home, other))

    def check():
        assert not Unfollow.objects.exists()

    return check


def activity_actor(person, other, home):
    proposal = _proposal(home, other)
    activity = Activity.objects.create(
        kind="proposal_answered", actor=person, target=proposal, data={}
    )
    Notification.objects.create(recipient=other, activity=activity, reason="proposal_answered")

    def check():
        activity.refresh_from_db()
        assert activity.actor is None
        assert Notification.objects.filter(recipient=other).count() == 1

    return check


def notification_recipient(person, other, home):
    activity = ActivityFactory(target=_proposal(home, other))
    Notification.objects.create(recipient=person, activity=activity, reason="new_comment")
    Notification.objects.create(recipient=other, activity=activity, reason="new_comment")

    def check():
        assert list(Notification.objects.values_list("recipient", flat=True)) == [other.pk]

    return check


def preference_user(person, other, home):
    NotificationPreference.objects.create(user=person, reason="new_comment", delivery="off")

    def check():
        assert not NotificationPreference.objects.exists()

    return check


def data_export_user(person, other, home):
    DataExport.objects.create(
        user=person, token_hash=hash_token("x"), expires_at=timezone.now() + datetime.timedelta(1)
    )

    def check():
        assert not DataExport.objects.exists()

    return check


def feedback_handled_by(person, other, home):
    feedback = AccessibilityFeedback.objects.create(
        barrier="Kontrast zu schwach", handled_at=timezone.now(), handled_by=person
    )

    def check():
        feedback.refresh_from_db()
        assert feedback.handled_by_id is None
        assert feedback.handled_at is not None

    return check


def email_address_user(person, other, home):
    def check():
        assert not EmailAddress.objects.filter(email=person.email).exists()
        # The address may be used for a new account.
        again = UserFactory(email=person.email)
        assert EmailAddress.objects.get(email=person.email).user_id == again.pk

    return check


def authenticator_user(person, other, home):
    Authenticator.objects.create(user=person, type=Authenticator.Type.RECOVERY_CODES, data={})
    Authenticator.objects.create(user=other, type=Authenticator.Type.RECOVERY_CODES, data={})

    def check():
        assert list(Authenticator.objects.values_list("user", flat=True)) == [other.pk]

    return check


SCENARIOS = {
    "home.AccessibilityFeedback.handled_by": feedback_handled_by,
    "participation.Report.reporter": report_reporter,
    "participation.Block.user": block_user,
    "participation.Block.blocked_by": block_blocked_by,
    "participation.Block.lifted_by": block_lifted_by,
    "participation.ModerationLogEntry.moderator": log_moderator,
    "participation.ModerationLogEntry.author": log_author,
    "participation.Comment.author": comment_author,
    "participation.HelpfulMark.user": helpful_mark_user,
    "participation.Proposal.author": proposal_author,
    "participation.Support.user": support_user,
    "participation.ActionGroup.author": group_author,
    "participation.Membership.user": membership_user,
    "participation.GroupUpdate.author": _kept_without_author(GroupUpdateFactory, GroupUpdate),
    "participation.BoardEntry.author": _kept_without_author(
        BoardEntryFactory, BoardEntryFactory._meta.model
    ),
    "participation.RelayMessage.author": relay_author,
    "participation.Ballot.user": ballot_user,
    "participation.EventRegistration.user": registration_user,
    "participation.Follow.user": follow_user,
    "participation.Unfollow.user": unfollow_user,
    "participation.Activity.actor": activity_actor,
    "participation.Notification.recipient": notification_recipient,
    "participation.NotificationPreference.user": preference_user,
    "participation.DataExport.user": data_export_user,
    "account.EmailAddress.user": email_address_user,
    "mfa.Authenticator.user": authenticator_user,
}


@pytest.mark.django_db
@pytest.mark.parametrize("relation", sorted(SCENARIOS))
def test_deleting_a_person(relation, site_homes):
    person = UserFactory(display_name="Hanna Beispiel")
    other = UserFactory(display_name="Jonas")
    check = SCENARIOS[relation](person, other, site_homes[0])

    assert delete_person(person, by=person) == pseudonym_of(person)

    assert not get_user_model().objects.filter(pk=person.pk).exists()
    check()
