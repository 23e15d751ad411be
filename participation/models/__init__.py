"""The participation engine's data: event registrations, proposals and their supports."""

from .proposals import Proposal, ProposalQuerySet, ProposalVersion, Support
from .registrations import EventRegistration, EventRegistrationQuerySet

__all__ = [
    "EventRegistration",
    "EventRegistrationQuerySet",
    "Proposal",
    "ProposalQuerySet",
    "ProposalVersion",
    "Support",
]
