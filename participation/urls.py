"""The participation's own addresses: action groups and the board of needs and offers, reports
and notices, comments, polls and the signed-in person's registrations (proposals and event
registrations are routed by their host pages)."""

from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from .views import (
    board,
    comments,
    follows,
    groups,
    memberships,
    polls,
    profiles,
    registrations,
    reports,
    unsubscribe,
)

app_name = "participation"

urlpatterns = [
    path(
        pgettext_lazy("URL path", "action-groups/"),
        include(
            [
                *groups.urlpatterns,
                path("<int:pk>/", include(memberships.urlpatterns)),
            ]
        ),
    ),
    path(pgettext_lazy("URL path", "needs-and-offers/"), board.board, name="board"),
    path(pgettext_lazy("URL path", "needs-and-offers/"), include(board.urlpatterns)),
    path(
        pgettext_lazy("URL path", "illegal-content/"),
        reports.illegal_content_notice,
        name="illegal_content_notice",
    ),
    path(
        format_lazy("{}<str:target_label>/<int:target_id>/", pgettext_lazy("URL path", "report/")),
        reports.report,
        name="report",
    ),
    path(
        format_lazy(
            "{}<str:target_label>/<int:target_id>/", pgettext_lazy("URL path", "comments/")
        ),
        include(
            [
                path("", comments.create, name="comment_create"),
                path(
                    format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "edit/")),
                    comments.edit,
                    name="comment_edit",
                ),
                path(
                    format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "delete/")),
                    comments.delete,
                    name="comment_delete",
                ),
                path(
                    format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "helpful/")),
                    comments.helpful,
                    name="comment_helpful",
                ),
            ]
        ),
    ),
    path(
        format_lazy("{}<int:pk>/", pgettext_lazy("URL path", "polls/")),
        include(
            [
                path("", polls.poll_page, name="poll"),
                path(pgettext_lazy("URL path", "vote/"), polls.vote, name="poll_vote"),
            ]
        ),
    ),
    path(
        pgettext_lazy("URL path", "my-registrations/"),
        include(
            [
                path("", registrations.my_registrations, name="my_registrations"),
                path(
                    "<int:event_id>/cancel/",
                    registrations.cancel_from_list,
                    name="cancel_registration",
                ),
            ]
        ),
    ),
    path(
        format_lazy("{}<str:token>/", pgettext_lazy("URL path", "reservation/confirm/")),
        registrations.guest_confirm,
        name="guest_confirm",
    ),
    path(
        format_lazy("{}<str:token>/", pgettext_lazy("URL path", "reservation/cancel/")),
        registrations.guest_cancel,
        name="guest_cancel",
    ),
    path(
        format_lazy("{}<str:kind>/<int:pk>/", pgettext_lazy("URL path", "follow/")),
        follows.follow,
        name="follow",
    ),
    path(
        format_lazy("{}<int:pk>/", pgettext_lazy("URL path", "people/")),
        profiles.profile,
        name="profile",
    ),
    path(
        format_lazy("{}<str:token>/", pgettext_lazy("URL path", "unsubscribe/")),
        unsubscribe.unsubscribe,
        name="unsubscribe",
    ),
]
