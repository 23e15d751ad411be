"""The participation engine's data: event registrations, proposals and their supports,
comments, polls, action groups with their undertakings, board and relay, what all contributions
share (moderation), and what host pages must have."""

from .accounts import DataExport, DataExportQuerySet
from .comments import Comment, CommentQuerySet, HelpfulMark
from .groups import (
    ActionGroup,
    ActionGroupQuerySet,
    BoardEntry,
    GroupUpdate,
    Membership,
    RelayMessage,
    Stage,
    Undertaking,
)
from .hosts import CompetenceFormatHost, ProcessHostMixin, RegistrationHost
from .moderation import (
    Block,
    ContributionQuerySet,
    IllegalContentNotice,
    Moderation,
    ModerationLogEntry,
    Reason,
    Report,
)
from .notifications import (
    DEFAULT_DELIVERY,
    FIXED_DELIVERY,
    Activity,
    Delivery,
    Follow,
    Notification,
    NotificationPreference,
    OutgoingMail,
    PeriodicRun,
    Unfollow,
)
from .notifications import Reason as NotificationReason
from .polls import Ballot, BallotChoice, Poll, PollChoice
from .proposals import Proposal, ProposalQuerySet, ProposalVersion, Support
from .registrations import EventRegistration, EventRegistrationQuerySet
from .statistics import DailyCount, StatisticsState

__all__ = [
    "DailyCount",
    "StatisticsState",
    "DEFAULT_DELIVERY",
    "FIXED_DELIVERY",
    "Activity",
    "Delivery",
    "Follow",
    "Notification",
    "NotificationPreference",
    "OutgoingMail",
    "PeriodicRun",
    "Unfollow",
    "NotificationReason",
    "ActionGroup",
    "ActionGroupQuerySet",
    "Ballot",
    "BallotChoice",
    "DataExport",
    "DataExportQuerySet",
    "Block",
    "BoardEntry",
    "Comment",
    "CommentQuerySet",
    "CompetenceFormatHost",
    "ContributionQuerySet",
    "EventRegistration",
    "EventRegistrationQuerySet",
    "GroupUpdate",
    "HelpfulMark",
    "IllegalContentNotice",
    "Membership",
    "Moderation",
    "ModerationLogEntry",
    "Poll",
    "PollChoice",
    "ProcessHostMixin",
    "Proposal",
    "ProposalQuerySet",
    "ProposalVersion",
    "Reason",
    "RegistrationHost",
    "RelayMessage",
    "Report",
    "Stage",
    "Support",
    "Undertaking",
]
