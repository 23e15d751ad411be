"""The participation engine's data: event registrations, proposals and their supports,
comments, polls, what all contributions share (moderation), and what host pages must have."""

from .comments import Comment, CommentQuerySet, HelpfulMark
from .hosts import ProcessHostMixin, RegistrationHost
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
    "ProcessHostMixin",
    "PollChoice",
    "ModerationLogEntry",
    "Proposal",
    "ProposalQuerySet",
    "ProposalVersion",
    "Reason",
    "RegistrationHost",
    "Report",
    "Support",
]
