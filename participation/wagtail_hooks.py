"""Registers participation's admin with Wagtail: the permission policies, viewsets, buttons and
bulk actions defined in ``participation/admin/`` (one module per concern)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .admin import (
    blocks,
    comments,
    group_contributions,
    groups,
    notices,
    proposals,
    registrations,
)
from .admin.dashboard import construct_homepage_panels
from .admin.moderation_queue import ModerationQueueViewSet, ModerationViewSetGroup
from .admin.outbox import outbox_permission_policy, outbox_viewset
from .admin.polls import poll_viewset
from .admin.statistics import StatisticsViewSet
from .models import (
    ActionGroup,
    Block,
    BoardEntry,
    Comment,
    EventRegistration,
    GroupUpdate,
    IllegalContentNotice,
    ModerationLogEntry,
    OutgoingMail,
    Proposal,
    RelayMessage,
)
from .services.accounts import delete_account

hooks.register("construct_homepage_panels", construct_homepage_panels)

# Deleting a person, from their account page or the admin's user list (cms.accounts).
hooks.register("delete_person", delete_account)

register_permission_policy(EventRegistration, registrations.registration_permission_policy)
register_permission_policy(Proposal, proposals.proposal_permission_policy)
register_permission_policy(Comment, comments.comment_permission_policy)
register_permission_policy(IllegalContentNotice, notices.notice_permission_policy)
register_permission_policy(Block, blocks.block_permission_policy)
register_permission_policy(ModerationLogEntry, blocks.log_permission_policy)
register_permission_policy(ActionGroup, groups.group_permission_policy)
register_permission_policy(GroupUpdate, group_contributions.update_permission_policy)
register_permission_policy(BoardEntry, group_contributions.entry_permission_policy)
register_permission_policy(RelayMessage, group_contributions.relay_permission_policy)
register_permission_policy(OutgoingMail, outbox_permission_policy)


@hooks.register("register_admin_viewset")
def register_event_registration_viewset():
    return registrations.registration_viewset


@hooks.register("register_page_header_buttons")
def event_registrations_header_button(page, user, view_name, next_url=None):
    yield registrations.EventRegistrationsButton(page=page, priority=40)


@hooks.register("register_page_listing_more_buttons")
def event_registrations_listing_button(page, user, next_url=None):
    yield registrations.EventRegistrationsButton(page=page, priority=45)


@hooks.register("register_admin_viewset")
def register_proposal_viewset():
    return proposals.proposal_viewset


for bulk_action in (
    *proposals.PROPOSAL_BULK_ACTIONS,
    *comments.COMMENT_BULK_ACTIONS,
    *groups.GROUP_BULK_ACTIONS,
    *group_contributions.BULK_ACTIONS,
):
    hooks.register("register_bulk_action", bulk_action)

hooks.register("register_log_actions", proposals.register_log_actions)


@hooks.register("register_admin_viewset")
def register_moderation_viewsets():
    """One "Moderation" menu for the moderators' work."""
    return ModerationViewSetGroup(
        ModerationQueueViewSet(),
        comments.comment_viewset,
        groups.group_viewset,
        group_contributions.update_viewset,
        group_contributions.entry_viewset,
        group_contributions.relay_viewset,
        notices.NoticeViewSet(),
        blocks.BlockViewSet(),
        blocks.ModerationLogViewSet(),
    )


register_snippet(poll_viewset)


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    return outbox_viewset


@hooks.register("register_admin_viewset")
def register_statistics_viewset():
    return StatisticsViewSet()
