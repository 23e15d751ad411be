from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "participation"
    verbose_name = _("Participation")

    def ready(self):
        from cms import pagecache

        from . import (
            models,
            signals,  # noqa: F401 - connects the receivers
        )

        # Rows no public page shows, or only as a count that may lag (cms/pagecache.py).
        pagecache.quiet(
            models.Support,
            models.HelpfulMark,
            models.Ballot,
            models.BallotChoice,
            models.EventRegistration,
            models.Follow,
            models.Unfollow,
            models.Activity,
            models.Notification,
            models.NotificationPreference,
            models.OutgoingMail,
            models.PeriodicRun,
            models.DataExport,
            models.Report,
            models.IllegalContentNotice,
            models.RelayMessage,
        )
