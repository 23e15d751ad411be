from django.urls import include, path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import comment_views, poll_views, report_views, views

app_name = "participation"

urlpatterns = [
    path(
        pgettext_lazy("URL path", "illegal-content/"),
        report_views.illegal_content_notice,
        name="illegal_content_notice",
    ),
    path(
        format_lazy("{}<str:target_label>/<int:target_id>/", pgettext_lazy("URL path", "report/")),
        report_views.report,
        name="report",
    ),
    path(
        format_lazy(
            "{}<str:target_label>/<int:target_id>/", pgettext_lazy("URL path", "comments/")
        ),
        include(
            [
                path("", comment_views.create, name="comment_create"),
                path(
                    format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "edit/")),
                    comment_views.edit,
                    name="comment_edit",
                ),
                path(
                    format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "delete/")),
                    comment_views.delete,
                    name="comment_delete",
                ),
                path(
                    format_lazy("<int:pk>/{}", pgettext_lazy("URL path", "helpful/")),
                    comment_views.helpful,
                    name="comment_helpful",
                ),
            ]
        ),
    ),
    path(
        format_lazy("{}<int:pk>/", pgettext_lazy("URL path", "polls/")),
        include(
            [
                path("", poll_views.poll_page, name="poll"),
                path(pgettext_lazy("URL path", "vote/"), poll_views.vote, name="poll_vote"),
            ]
        ),
    ),
    path(
        pgettext_lazy("URL path", "my-registrations/"),
        include(
            [
                path("", views.my_registrations, name="my_registrations"),
                path(
                    "<int:event_id>/cancel/",
                    views.cancel_from_list,
                    name="cancel_registration",
                ),
            ]
        ),
    ),
]
