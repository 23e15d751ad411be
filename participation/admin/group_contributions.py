"""The updates of action groups, the board's needs and offers and the relay's records in the
admin: listings with filters and the moderation bulk actions for moderators, and inspect views.
Nobody edits, adds or deletes them here; a relayed message shows no text but what its
recipient reported."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

import django_filters

from ..models import BoardEntry, GroupUpdate, RelayMessage
from .groups import bulk_texts, permissions_to_register, person_label
from .shared import (
    ContributionPermissionPolicy,
    ModerationIndexMixin,
    ReadableInspectView,
    ReportedFilter,
    moderation_bulk_actions,
)

# --- Updates, needs and offers, relayed messages -------------------------------------------------


class ReadOnlyContributionPolicy(ContributionPermissionPolicy):
    """Moderators see and moderate these; nobody edits, adds or deletes them here."""

    refused = ("add", "change", "delete")


update_permission_policy = ReadOnlyContributionPolicy(GroupUpdate)
entry_permission_policy = ReadOnlyContributionPolicy(BoardEntry)
relay_permission_policy = ReadOnlyContributionPolicy(RelayMessage)


def _moderation_filterset(model, extra=()):
    attrs = {
        "moderation": django_filters.ChoiceFilter(
            label=_("Moderation"), choices=model.Moderation.choices
        ),
        "reported": ReportedFilter(label=_("Open reports")),
        "Meta": type("Meta", (), {"model": model, "fields": ["moderation", *extra, "reported"]}),
    }
    if "kind" in extra:
        attrs["kind"] = django_filters.ChoiceFilter(label=_("Kind"), choices=model.Kind.choices)
    return type(f"{model.__name__}FilterSet", (WagtailFilterSet,), attrs)


def _index_view(model, policy, obj_type, select_all_text, actions, related):
    class View(ModerationIndexMixin, IndexView):
        def moderation_actions(self):
            return actions()

        def get_base_queryset(self):
            return super().get_base_queryset().select_related(*related)

        @cached_property
        def columns(self):
            return self.with_bulk_column(list(super().columns))

    View.policy = policy
    View.obj_type = obj_type
    View.select_all_text = select_all_text
    View.__name__ = f"{model.__name__}IndexView"
    return View


class ContributionInspectView(ReadableInspectView):
    """Names people by their display name and lists the open reports."""

    shown_fields = []

    def get_fields(self):
        return [*self.shown_fields, "reports"]

    def get_field_display_value(self, field_name, field):
        if field_name == "author":
            return person_label(self.object.author)
        return super().get_field_display_value(field_name, field)


class GroupUpdateInspectView(ContributionInspectView):
    shown_fields = ["title", "text", "group", "undertaking", "author", "moderation", "created_at"]


class BoardEntryInspectView(ContributionInspectView):
    shown_fields = [
        "kind",
        "title",
        "description",
        "category",
        "group",
        "author",
        "field_of_action",
        "municipality",
        "closed_at",
        "moderation",
        "created_at",
    ]


class RelayMessageInspectView(ContributionInspectView):
    """Who wrote to whom and when; the text only as the recipient reported it. The sender's
    address is not shown (a moderator who must write to a visitor asks an administrator)."""

    shown_fields = [
        "author",
        "sender_name",
        "group",
        "entry",
        "recipient_count",
        "reply_to_shared",
        "reported_text",
        "moderation",
        "created_at",
    ]


_STATE = Column(
    "moderation", label=_("Moderation"), accessor="get_moderation_display", sort_key="moderation"
)


class GroupUpdateViewSet(ModelViewSet):
    model = GroupUpdate
    name = "groupupdates"
    icon = "doc-full"
    menu_label = _("Group updates")
    menu_order = 220
    permission_policy = update_permission_policy
    index_view_class = _index_view(
        GroupUpdate,
        update_permission_policy,
        "groupupdate",
        _("Select all updates awaiting moderation"),
        lambda: UPDATE_BULK_ACTIONS,
        ["author", "group"],
    )
    inspect_view_class = GroupUpdateInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = _moderation_filterset(GroupUpdate)
    search_fields = ["title", "text"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    form_fields = ["title"]
    list_display = [
        Column("title", label=_("Title"), accessor="title"),
        Column("group", label=_("Group"), accessor="group.name"),
        Column("author", label=_("Author"), accessor="author.display_name"),
        NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        _STATE,
        DateColumn("created_at", label=_("Posted"), sort_key="created_at"),
    ]
    get_permissions_to_register = permissions_to_register(
        GroupUpdate, "view_groupupdate", "moderate_groupupdate"
    )


class BoardEntryViewSet(ModelViewSet):
    model = BoardEntry
    name = "boardentries"
    icon = "list-ul"
    menu_label = _("Needs and offers")
    menu_order = 230
    permission_policy = entry_permission_policy
    index_view_class = _index_view(
        BoardEntry,
        entry_permission_policy,
        "boardentry",
        _("Select all needs and offers awaiting moderation"),
        lambda: ENTRY_BULK_ACTIONS,
        ["author", "group"],
    )
    inspect_view_class = BoardEntryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = _moderation_filterset(BoardEntry, extra=["kind"])
    search_fields = ["title", "description"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    form_fields = ["title"]
    list_display = [
        Column("title", label=_("Title"), accessor="title"),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("group", label=_("Group"), accessor="group.name"),
        Column("author", label=_("Author"), accessor="author.display_name"),
        NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        _STATE,
        DateColumn("created_at", label=_("Posted"), sort_key="created_at"),
    ]
    get_permissions_to_register = permissions_to_register(
        BoardEntry, "view_boardentry", "moderate_boardentry"
    )


class RelayMessageViewSet(ModelViewSet):
    """The relay's records: view-only but for the moderation of reported messages."""

    model = RelayMessage
    name = "relaymessages"
    icon = "mail"
    menu_label = _("Relayed messages")
    menu_order = 240
    permission_policy = relay_permission_policy
    index_view_class = _index_view(
        RelayMessage,
        relay_permission_policy,
        "relaymessage",
        _("Select all relayed messages awaiting review"),
        lambda: RELAY_BULK_ACTIONS,
        ["author", "group", "entry"],
    )
    inspect_view_class = RelayMessageInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = _moderation_filterset(RelayMessage)
    search_fields = ["reported_text"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    form_fields = ["moderation"]
    list_display = [
        Column("recipient", label=_("Message"), accessor="__str__"),
        Column("author", label=_("Sender"), accessor="author.display_name"),
        Column("excerpt", label=_("Reported text"), accessor="excerpt"),
        NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        _STATE,
        DateColumn("created_at", label=_("Sent"), sort_key="created_at"),
    ]
    get_permissions_to_register = permissions_to_register(
        RelayMessage, "view_relaymessage", "moderate_relaymessage"
    )


update_viewset = GroupUpdateViewSet()
entry_viewset = BoardEntryViewSet()
relay_viewset = RelayMessageViewSet()

UPDATE_BULK_ACTIONS = moderation_bulk_actions(
    GroupUpdate,
    viewset=update_viewset,
    policy=update_permission_policy,
    label=lambda update: f"{update.title} ({person_label(update.author)})",
    texts=bulk_texts(_("updates")),
)
ENTRY_BULK_ACTIONS = moderation_bulk_actions(
    BoardEntry,
    viewset=entry_viewset,
    policy=entry_permission_policy,
    label=lambda entry: f"{entry.title} ({person_label(entry.author)})",
    texts=bulk_texts(_("needs and offers")),
)
RELAY_BULK_ACTIONS = moderation_bulk_actions(
    RelayMessage,
    viewset=relay_viewset,
    policy=relay_permission_policy,
    label=lambda message: str(message),
    texts=bulk_texts(_("relayed messages")),
)

BULK_ACTIONS = (
    *UPDATE_BULK_ACTIONS,
    *ENTRY_BULK_ACTIONS,
    *RELAY_BULK_ACTIONS,
)
