"""Tell the followers of a vision about its new implementation updates when it is published."""

import hashlib

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from wagtail.signals import page_published

from participation.models import NotificationReason
from participation.notifications import events

from .models import VisionPage


def _previously_published(revision):
    """When the page was published before this revision (a revision keeps the page as it was
    when saved, with the last publication's moment); ``None`` for a first publication."""
    value = (revision.content or {}).get("last_published_at") if revision else None
    moment = parse_datetime(value) if isinstance(value, str) else value
    return timezone.localdate(moment) if moment else None


def announce_vision_updates(sender, instance, revision=None, **kwargs):
    """Announce each update dated since the last publication to the vision's followers, once.
    The key names the update by its date and title, not its row: a publication may write an
    unchanged update anew. Nobody follows a vision before its first publication."""
    since = _previously_published(revision)
    if since is None:
        return
    actor = getattr(revision, "user_id", None)
    for update in instance.updates.filter(date__gte=since).order_by("date", "pk"):
        events.notify(
            NotificationReason.VISION_UPDATE,
            instance,
            actor=actor,
            followers_of=[instance],
            key=f"vision-update:{instance.pk}:{update.date.isoformat()}:{_digest(update.title)}",
            data={
                "title": instance.title,
                "update": update.pk,
                "date": update.date.isoformat(),
                "update_title": update.title,
                "text": update.text,
            },
        )


def _digest(text):
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def connect():
    page_published.connect(
        announce_vision_updates,
        sender=VisionPage,
        dispatch_uid="visions.announce_vision_updates",
    )
