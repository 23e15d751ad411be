"""The participation engine's data: event registrations, proposals and their supports,
comments, and what all contributions share (moderation)."""

from .comments import Comment, CommentQuerySet, HelpfulMark
from .moderation import ContributionQuerySet, IllegalContentNotice, Moderation, Report
from .proposals import Proposal, ProposalQuerySet, ProposalVersion, Support
from .registrations import EventRegistration, EventRegistrationQuerySet

__all__ = [
    "Comment",
    "CommentQuerySet",
    "ContributionQuerySet",
    "EventRegistration",
    "EventRegistrationQuerySet",
    "HelpfulMark",
    "IllegalContentNotice",
    "Moderation",
    "Proposal",
    "ProposalQuerySet",
    "ProposalVersion",
    "Report",
    "Support",
]
