"""The participation engine's data: event registrations, proposals and their supports,
comments, polls, and what all contributions share (moderation)."""

from .comments import Comment, CommentQuerySet, HelpfulMark
from .moderation import (
    Block,
    ContributionQuerySet,
    IllegalContentNotice,
    Moderation,
    ModerationLogEntry,
    Reason,
    Report,
)
from .polls import Ballot, BallotChoice, Poll, PollChoice
from .proposals import Proposal, ProposalQuerySet, ProposalVersion, Support
from .registrations import EventRegistration, EventRegistrationQuerySet

__all__ = [
    "Ballot",
    "BallotChoice",
    "Block",
    "Comment",
    "CommentQuerySet",
    "ContributionQuerySet",
    "EventRegistration",
    "EventRegistrationQuerySet",
    "HelpfulMark",
    "IllegalContentNotice",
    "Moderation",
    "Poll",
    "PollChoice",
    "ModerationLogEntry",
    "Proposal",
    "ProposalQuerySet",
    "ProposalVersion",
    "Reason",
    "Report",
    "Support",
]
