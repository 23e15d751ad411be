"""The participation's transactions: registering for events; submitting, editing, withdrawing,
supporting and answering proposals; writing, editing and deleting comments and marking them
helpful; reports and notices of illegal content; moderation and blocks; ballots. Each in one
transaction that checks the rules again under its locks; ``submissions`` keeps a double submit
from creating twice. Callers use ``from participation import services`` and the names below.
"""

from . import submissions
from .board import (
    add_need,
    add_offer,
    close_entry,
    edit_entry,
    read_report_token,
    report_relay,
    report_token,
    send_relay,
    send_relay_message,
)
from .comments import create_comment, delete_comment, edit_comment, mark_helpful
from .groups import edit_group, groups_pre_moderated, start_group
from .memberships import (
    accept_request,
    decline_request,
    drop_lead,
    edit_update,
    join_group,
    leave_group,
    make_lead,
    post_update,
    remove_member,
    request_membership,
    save_undertaking,
)
from .moderation import (
    CONTRIBUTION_MODELS,
    OUTCOME,
    Action,
    applies,
    assign_lead,
    block_user,
    contributions_of,
    feature_group,
    groups_without_lead,
    label_of,
    moderate,
    moderate_many,
    orphan_groups_of,
    unblock_user,
)
from .polls import vote
from .proposals import (
    answer_proposal,
    edit_proposal,
    submit_proposal,
    support,
    withdraw_proposal,
    withdraw_support,
)
from .registrations import cancel, fill_free_places, register
from .reports import report, submit_notice

__all__ = [
    "CONTRIBUTION_MODELS",
    "OUTCOME",
    "Action",
    "accept_request",
    "add_need",
    "add_offer",
    "answer_proposal",
    "applies",
    "assign_lead",
    "block_user",
    "cancel",
    "close_entry",
    "contributions_of",
    "create_comment",
    "decline_request",
    "delete_comment",
    "drop_lead",
    "edit_comment",
    "edit_entry",
    "edit_group",
    "edit_proposal",
    "edit_update",
    "feature_group",
    "fill_free_places",
    "groups_pre_moderated",
    "groups_without_lead",
    "join_group",
    "label_of",
    "leave_group",
    "make_lead",
    "mark_helpful",
    "moderate",
    "moderate_many",
    "orphan_groups_of",
    "post_update",
    "read_report_token",
    "register",
    "remove_member",
    "report",
    "report_relay",
    "report_token",
    "request_membership",
    "save_undertaking",
    "send_relay",
    "send_relay_message",
    "start_group",
    "submissions",
    "submit_notice",
    "submit_proposal",
    "support",
    "unblock_user",
    "vote",
    "withdraw_proposal",
    "withdraw_support",
]
