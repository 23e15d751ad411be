"""The participation's transactions: registering for events; submitting, editing, withdrawing,
supporting and answering proposals; writing, editing and deleting comments and marking them
helpful; reports and notices of illegal content; moderation and blocks; ballots. Each in one
transaction that checks the rules again under its locks; ``submissions`` keeps a double submit
from creating twice. Callers use ``from participation import services`` and the names below.
"""

from . import submissions
from .comments import create_comment, delete_comment, edit_comment, mark_helpful
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
    "answer_proposal",
    "applies",
    "assign_lead",
    "block_user",
    "cancel",
    "contributions_of",
    "create_comment",
    "delete_comment",
    "edit_comment",
    "edit_proposal",
    "feature_group",
    "fill_free_places",
    "groups_without_lead",
    "label_of",
    "mark_helpful",
    "moderate",
    "moderate_many",
    "orphan_groups_of",
    "register",
    "report",
    "submit_notice",
    "submit_proposal",
    "submissions",
    "support",
    "unblock_user",
    "vote",
    "withdraw_proposal",
    "withdraw_support",
]
