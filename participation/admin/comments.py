"""Comments in the admin, for moderators: the listing with filters and the moderation bulk
actions, and the inspect view; nobody edits, adds or deletes comments here."""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from ..models import Comment
from .shared import (
    ContributionExportMixin,
    ContributionPermissionPolicy,
    ModerationIndexMixin,
    ProcessChoiceFilter,
    ReadableInspectView,
    ReportedFilter,
    moderation_bulk_actions,
)


class CommentPermissionPolicy(ContributionPermissionPolicy):
    """Moderators (and lead editors) see comments and approve or hide them; nobody edits, adds
    or deletes them here."""

    refused = ("add", "change", "delete")


comment_permission_policy = CommentPermissionPolicy(Comment)


def commented_types(request):
    """The kinds of things that have comments, for the filter."""
    return ContentType.objects.filter(
        pk__in=Comment.objects.order_by().values("target_type").distinct()
    ).order_by("model")


class CommentFilterSet(WagtailFilterSet):
    moderation = django_filters.ChoiceFilter(
        label=_("Moderation"), choices=Comment.Moderation.choices
    )
    process = ProcessChoiceFilter(label=_("Process"))
    target_type = django_filters.ModelChoiceFilter(
        label=_("Commented type"), queryset=commented_types
    )
    reported = ReportedFilter(label=_("Open reports"))

    class Meta:
        model = Comment
        fields = ["moderation", "process", "target_type", "reported"]


class CommentIndexView(ContributionExportMixin, ModerationIndexMixin, IndexView):
    policy = comment_permission_policy
    obj_type = "comment"
    select_all_text = _("Select all comments awaiting moderation")

    def moderation_actions(self):
        return COMMENT_BULK_ACTIONS

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("author", "process")
        # For the downloads: comments in action groups belong to no process.
        queryset = queryset.annotate(process_title=F("process__title"))
        return queryset.prefetch_related("target")

    @cached_property
    def columns(self):
        return self.with_bulk_column(list(super().columns))


class CommentInspectView(ReadableInspectView):
    def get_fields(self):
        return [
            "text",
            "author",
            "target",
            "process",
            "parent",
            "moderation",
            "is_official",
            "helpful_count",
            "created_at",
            "edited_at",
            "deleted_at",
            "reports",
        ]

    def get_field_label(self, field_name, field):
        if field_name == "target":
            return _("Comment on")
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        if field_name == "author":
            return self.object.author_name
        if field_name == "target":
            return str(self.object.target)
        return super().get_field_display_value(field_name, field)


class CommentViewSet(ModelViewSet):
    model = Comment
    name = "comments"
    icon = "openquote"
    menu_label = _("Comments")
    menu_order = 200
    permission_policy = comment_permission_policy
    index_view_class = CommentIndexView
    inspect_view_class = CommentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = CommentFilterSet
    search_fields = ["text"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    # Required by ModelViewSet; the policy lets nobody add or edit comments here.
    form_fields = ["is_official"]
    list_display = [
        Column("excerpt", label=_("Comment"), accessor="excerpt"),
        Column("author", label=_("Author"), accessor="author.display_name"),
        Column("target", label=_("Comment on"), accessor="target"),
        NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        Column(
            "moderation",
            label=_("Moderation"),
            accessor="get_moderation_display",
            sort_key="moderation",
        ),
        DateColumn("created_at", label=_("Written"), sort_key="created_at"),
    ]

    # No e-mail address or other personal data: the author by their public display name.
    list_export = [
        "text",
        "target",
        "process_title",
        "author_name",
        "get_moderation_display",
        "created_at",
    ]
    export_headings = {
        "text": _("Comment"),
        "target": _("Comment on"),
        "process_title": _("Process"),
        "author_name": _("Author"),
        "get_moderation_display": _("Moderation"),
        "created_at": _("Written"),
    }
    export_filename = "comments"

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Comment),
            codename__in=["view_comment", "moderate_comment"],
        )


comment_viewset = CommentViewSet()


COMMENT_BULK_ACTIONS = moderation_bulk_actions(
    Comment,
    viewset=comment_viewset,
    policy=comment_permission_policy,
    label=lambda comment: f"{comment.excerpt} ({comment.author_name})",
    texts={
        "approve": (
            _("Approve the selected comments"),
            ngettext_lazy(
                "%(count)d comment is published.", "%(count)d comments are published.", "count"
            ),
        ),
        "hide": (
            _("Hide the selected comments"),
            ngettext_lazy(
                "%(count)d comment is hidden.", "%(count)d comments are hidden.", "count"
            ),
        ),
        "restore": (
            _("Restore the selected comments"),
            ngettext_lazy(
                "%(count)d comment is restored.", "%(count)d comments are restored.", "count"
            ),
        ),
        "review": (
            _("Mark the reports about the selected comments as reviewed"),
            ngettext_lazy(
                "The reports about %(count)d comment are settled.",
                "The reports about %(count)d comments are settled.",
                "count",
            ),
        ),
    },
)
