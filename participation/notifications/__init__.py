"""Notifications: what happened (``events``: activities, fan-out to followers and the people
concerned), which of it a person may still see (``targets``), how it reaches them (``delivery``:
immediately or in digests, with unsubscribe links), and the platform's other e-mails
(``mails``). Every e-mail goes through the outbox (:mod:`participation.mail`)."""

from .mails import (
    moderation_contact,
    notice_received,
    rich_text_as_plain,
    send_after_commit,
    send_block_notice,
    send_moved_up,
    send_proposal_answer,
    send_statement_of_reasons,
)

__all__ = [
    "moderation_contact",
    "notice_received",
    "rich_text_as_plain",
    "send_after_commit",
    "send_block_notice",
    "send_moved_up",
    "send_proposal_answer",
    "send_statement_of_reasons",
]
