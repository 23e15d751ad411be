"""What every contribution (proposal, comment …) shares: one moderation state, and one rule for
who may read it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Moderation(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Awaiting moderation")
    HIDDEN = "hidden", _("Hidden by moderation")


class ContributionQuerySet(models.QuerySet):
    """Every public read of a contribution (pages, listings, counts, maps, search, feeds,
    exports, notifications) goes through :meth:`visible_to`."""

    def published(self):
        return self.filter(moderation=Moderation.PUBLISHED)

    def visible_to(self, user):
        """What ``user`` may read: published contributions, and their own ones unless a
        moderator hid them. Moderators see everything through the admin, not through this."""
        visible = Q(moderation=Moderation.PUBLISHED)
        if user is not None and user.is_authenticated:
            visible |= Q(author=user) & ~Q(moderation=Moderation.HIDDEN)
        return self.filter(visible)
