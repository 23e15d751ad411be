"""The signed-in person's own area ("Mein Bereich") below the account pages."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from .views import account, area, data_export

app_name = "area"

urlpatterns = [
    path(pgettext_lazy("URL path", "my-area/"), area.overview, name="overview"),
    path(pgettext_lazy("URL path", "my-area/proposals/"), area.proposals, name="proposals"),
    path(pgettext_lazy("URL path", "my-area/supports/"), area.supports, name="supports"),
    path(pgettext_lazy("URL path", "my-area/comments/"), area.comments, name="comments"),
    path(pgettext_lazy("URL path", "my-area/groups/"), area.groups, name="groups"),
    path(pgettext_lazy("URL path", "my-area/ballots/"), area.ballots, name="ballots"),
    path(pgettext_lazy("URL path", "my-area/following/"), area.following, name="following"),
    path(
        pgettext_lazy("URL path", "my-area/notifications/"),
        area.notifications,
        name="notifications",
    ),
    path(
        pgettext_lazy("URL path", "my-area/notifications/read/"),
        area.mark_read,
        name="mark_read",
    ),
    path(
        pgettext_lazy("URL path", "my-area/notification-settings/"),
        area.notification_settings,
        name="notification_settings",
    ),
    path(pgettext_lazy("URL path", "my-area/profile/"), area.profile, name="profile"),
    path(pgettext_lazy("URL path", "my-area/account/"), account.account, name="account"),
    path(
        pgettext_lazy("URL path", "my-area/account/delete/"),
        account.delete_account,
        name="delete_account",
    ),
    path(
        pgettext_lazy("URL path", "my-area/account/delete-blocked/"),
        account.delete_blocked_account,
        name="delete_blocked_account",
    ),
    path(
        pgettext_lazy("URL path", "my-area/account/data/"),
        data_export.request_export,
        name="request_export",
    ),
    path(
        pgettext_lazy("URL path", "my-area/account/data/<str:token>/"),
        data_export.download_export,
        name="download_export",
    ),
]
