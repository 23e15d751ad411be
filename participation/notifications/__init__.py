"""Notifications: what happened (``events``: activities, fan-out to followers and the people
concerned), which of it a person may still see (``targets``), how it reaches them (``delivery``:
immediately or in digests, with unsubscribe links), and the platform's other e-mails
(``mails``). Every e-mail goes through the outbox (:mod:`participation.mail`)."""

from .mails import compose_moderation, moderation_contact, notice_received, rich_text_as_plain

__all__ = ["compose_moderation", "moderation_contact", "notice_received", "rich_text_as_plain"]
