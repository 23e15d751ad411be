"""Every relation that points at a person has a decided fate when the person is deleted (house
plan): this list is the decision. A new relation to the user model, in our apps or in a library
we add, fails here until its fate is written down (and, where it is not a plain cascade of the
person's own data, tested)."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models

import pytest

from participation.models import Activity, Follow, Notification, NotificationPreference
from tests.cms.factories import UserFactory
from tests.participation.factories import ProposalFactory

CASCADE, SET_NULL, DO_NOTHING = models.CASCADE, models.SET_NULL, models.DO_NOTHING

# The person's own data goes with them (CASCADE); what others need stays without its author
# (SET_NULL). Issue 17 (account deletion) revisits the contributions that still cascade.
FATES = {
    "participation.Report.reporter": CASCADE,
    "participation.Block.user": CASCADE,
    "participation.Block.blocked_by": SET_NULL,
    "participation.Block.lifted_by": SET_NULL,
    "participation.ModerationLogEntry.moderator": SET_NULL,
    "participation.ModerationLogEntry.author": SET_NULL,
    "participation.Comment.author": CASCADE,
    "participation.HelpfulMark.user": CASCADE,
    "participation.Proposal.author": CASCADE,
    "participation.Support.user": CASCADE,
    "participation.ActionGroup.author": SET_NULL,
    "participation.Membership.user": CASCADE,
    "participation.GroupUpdate.author": SET_NULL,
    "participation.BoardEntry.author": SET_NULL,
    "participation.RelayMessage.author": SET_NULL,
    "participation.Ballot.user": CASCADE,
    "participation.EventRegistration.user": CASCADE,
    # Following and notifications: the person's follows, opt-outs, notifications and settings
    # go; an activity they caused stays for the others who were told about it.
    "participation.Follow.user": CASCADE,
    "participation.Unfollow.user": CASCADE,
    "participation.Activity.actor": SET_NULL,
    "participation.Notification.recipient": CASCADE,
    "participation.NotificationPreference.user": CASCADE,
    "account.EmailAddress.user": CASCADE,
    # Wagtail's and wagtail-localize's own records.
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


@pytest.mark.django_db
def test_deleting_a_person_keeps_what_others_were_told_about_their_actions():
    actor, other = UserFactory(), UserFactory()
    proposal = ProposalFactory(author=other)
    activity = Activity.objects.create(
        kind="proposal_answered", actor=actor, target=proposal, data={}
    )
    Notification.objects.create(recipient=other, activity=activity, reason="proposal_answered")
    Notification.objects.create(recipient=actor, activity=activity, reason="proposal_answered")
    Follow.objects.create(user=actor, target=proposal)
    NotificationPreference.objects.create(user=actor, reason="new_comment", delivery="off")

    actor.delete()

    activity.refresh_from_db()
    assert activity.actor is None
    assert list(Notification.objects.values_list("recipient", flat=True)) == [other.pk]
    assert not Follow.objects.exists()
    assert not NotificationPreference.objects.exists()
