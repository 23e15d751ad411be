"""Participation's admin, one module per concern: registrations, proposals, comments, notices,
polls, the moderation queue, blocks and the moderation log, and what several of them share.
Importing these modules registers nothing; ``participation/wagtail_hooks.py`` does that."""
