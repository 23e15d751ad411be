"""Admin for participation: event registrations to view and download as CSV, and proposals,
which editors answer officially and moderators approve or hide."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import (
    BooleanColumn,
    BulkActionsCheckboxColumn,
    Column,
    DateColumn,
    NumberColumn,
)
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import log
from wagtail.models import Locale, Page, get_page_models
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from . import poll_admin, rules, services
from .admin_common import (
    EventChoiceField,
    ProcessChoiceFilter,
    ViewOnlyPermissionPolicy,
    filter_reported,
    reports_display,
    safe_cell,
)
from .forms import HideForm, NoteForm
from .models import Comment, EventRegistration, IllegalContentNotice, Moderation, Poll, Proposal
from .moderation_admin import (
    DIGITS,
    BlockViewSet,
    ModerationLogViewSet,
    ModerationQueueViewSet,
    ModerationViewSetGroup,
)
from .poll_admin import PollResultsView
from .rules import is_event

registration_permission_policy = ViewOnlyPermissionPolicy(EventRegistration)
register_permission_policy(EventRegistration, registration_permission_policy)


def event_pages():
    """Every page that takes registrations (duck-typed), in any language."""
    event_models = [model for model in get_page_models() if is_event(model)]
    return Page.objects.type(*event_models).select_related("locale").order_by("title", "pk")


class EventChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, queryset=lambda request: event_pages(), **kwargs)


class EventRegistrationFilterSet(WagtailFilterSet):
    event = EventChoiceFilter(label=_("Event"), method="filter_event")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EventRegistration.Status.choices
    )

    class Meta:
        model = EventRegistration
        fields = ["event", "status"]

    def filter_event(self, queryset, name, value):
        """The chosen event's registrations in all its languages, which share the places."""
        return queryset.for_event(value) if value else queryset


class EventRegistrationIndexView(IndexView):
    # Registration times in the site's time zone (Europe/Berlin), as editors read them.
    custom_field_preprocess = {
        "created_at": {
            "csv": lambda value: timezone.localtime(value).strftime("%Y-%m-%d %H:%M"),
            "xlsx": lambda value: timezone.make_naive(value),
        }
    }

    def preprocess_field_value(self, field, value, export_format):
        """Text a spreadsheet would read as a formula is written with a leading apostrophe:
        display names and event titles are typed by residents and editors (CSV injection)."""
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("event", "user")

    def get_filename(self):
        """``registrations-<event slug>`` when one event is chosen."""
        filters = self.filters
        event = filters.form.cleaned_data.get("event") if filters and filters.is_valid() else None
        if event is not None:
            return f"registrations-{slugify(event.slug)}-{event.locale.language_code}"
        return super().get_filename()


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    name = "event_registrations"
    icon = "date"
    menu_label = _("Event registrations")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = EventRegistrationIndexView
    filterset_class = EventRegistrationFilterSet
    ordering = ["event__title", "status", "created_at", "pk"]
    copy_view_enabled = False
    # Wagtail needs a form definition; the permission policy never lets anyone use it.
    form_fields = []
    list_display = [
        Column("event", label=_("Event"), accessor="event.title", sort_key="event__title"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        Column("display_name", label=_("Display name"), accessor="user.display_name"),
        Column("email", label=_("Email"), accessor="user.email"),
        DateColumn("created_at", label=_("Registered at"), sort_key="created_at"),
    ]
    list_export = [
        "event.title",
        "get_status_display",
        "user.display_name",
        "user.email",
        "created_at",
    ]
    export_headings = {
        "event.title": _("Event"),
        "get_status_display": _("Status"),
        "user.display_name": _("Display name"),
        "user.email": _("Email"),
        "created_at": _("Registered at"),
    }
    export_filename = "registrations"


registration_viewset = EventRegistrationViewSet()


@hooks.register("register_admin_viewset")
def register_event_registration_viewset():
    return registration_viewset


class EventRegistrationsButton(PageMenuItem):
    label = _("Registrations")
    icon_name = "group"

    def is_shown(self, user):
        return is_event(self.page.specific_class) and (
            registration_permission_policy.user_has_permission(user, "view")
        )

    @cached_property
    def url(self):
        index = reverse(registration_viewset.get_url_name("index"))
        return f"{index}?{urlencode({'event': self.page.pk})}"


@hooks.register("register_page_header_buttons")
def event_registrations_header_button(page, user, view_name, next_url=None):
    yield EventRegistrationsButton(page=page, priority=40)


@hooks.register("register_page_listing_more_buttons")
def event_registrations_listing_button(page, user, next_url=None):
    yield EventRegistrationsButton(page=page, priority=45)


# --- Proposals ----------------------------------------------------------------------------------

PROPOSAL_LISTING_BUTTONS_HOOK = "register_proposal_listing_buttons"
"""Other apps add buttons to a proposal's row with this hook, e.g. visions' "Turn into a vision".
The hook gets ``(proposal, user, next_url)`` and returns or yields buttons."""


class ProposalPermissionPolicy(ModelPermissionPolicy):
    """Proposals come from residents and change through the services only.

    ``change`` with ``answer`` (editors) opens the answer form; ``change`` with ``moderate``
    (moderators) allows approving and hiding. Nobody adds or deletes proposals in the admin.
    """

    SPECIFIC_CHANGES = ("answer", "moderate")

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        if action in self.SPECIFIC_CHANGES:
            return super().user_has_permission(user, "change") and super().user_has_permission(
                user, action
            )
        if action == "change":
            # The edit view is the answer form.
            return self.user_has_permission(user, "answer")
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ("add", "delete")]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


proposal_permission_policy = ProposalPermissionPolicy(Proposal)
register_permission_policy(Proposal, proposal_permission_policy)


def fields_of_action(request):
    """The fields of action in the default language; the filter matches every translation."""
    FieldOfAction = Proposal._meta.get_field("field_of_action").related_model
    return FieldOfAction.objects.filter(locale=Locale.get_default()).order_by("sort_order", "pk")


class ProposalFilterSet(WagtailFilterSet):
    process = ProcessChoiceFilter(label=_("Process"))
    state = django_filters.ChoiceFilter(label=_("State"), choices=Proposal.State.choices)
    moderation = django_filters.ChoiceFilter(
        label=_("Moderation"), choices=Proposal.Moderation.choices
    )
    qualified = django_filters.BooleanFilter(
        label=_("Qualified"), field_name="qualified_at", lookup_expr="isnull", exclude=True
    )
    field_of_action = django_filters.ModelChoiceFilter(
        label=_("Field of action"), queryset=fields_of_action, method="filter_field_of_action"
    )
    reported = django_filters.BooleanFilter(label=_("Open reports"), method="filter_reported")

    class Meta:
        model = Proposal
        fields = ["process", "state", "moderation", "qualified", "field_of_action", "reported"]

    filter_reported = staticmethod(lambda queryset, name, value: filter_reported(queryset, value))

    def filter_field_of_action(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(field_of_action__translation_key=value.translation_key)


class ModerationIndexMixin:
    """A contribution listing where moderators tick rows for the bulk actions and find Approve
    and Hide in each row's menu. Subclasses name ``policy``, ``moderation_actions`` (the bulk
    action classes, defined further down) and ``obj_type``."""

    template_name = "participation/admin/moderation_index.html"
    policy = None
    obj_type = ""
    select_all_text = ""

    def moderation_actions(self):
        return []

    def get_base_queryset(self):
        # Open reports: the ones no moderator has decided on yet.
        return (
            super()
            .get_base_queryset()
            .annotate(open_reports=Count("reports", filter=Q(reports__reviewed_at=None)))
        )

    @cached_property
    def may_moderate(self):
        return self.policy.user_has_permission(self.request.user, "moderate")

    def with_bulk_column(self, columns):
        if self.may_moderate:
            return [BulkActionsCheckboxColumn("bulk_actions", obj_type=self.obj_type), *columns]
        return columns

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "select_all_text": self.select_all_text,
            "item_type": self.obj_type.upper(),
        }

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.may_moderate:
            return buttons
        next_url = self.request.get_full_path()
        for action in self.moderation_actions():
            if action.applies_to(instance):
                url = reverse("wagtail_bulk_action", args=action.url_args())
                buttons.append(
                    Button(
                        action.display_name,
                        url=f"{url}?{urlencode({'id': instance.pk, 'next': next_url})}",
                        icon_name=action.icon_name,
                        priority=action.action_priority,
                    )
                )
        return buttons


def proposal_title_id(proposal):
    return f"proposal_{proposal.pk}_title"


class ProposalIndexView(ModerationIndexMixin, IndexView):
    policy = proposal_permission_policy
    obj_type = "proposal"
    select_all_text = _("Select all proposals awaiting moderation")

    def moderation_actions(self):
        return PROPOSAL_BULK_ACTIONS

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("process", "author", "field_of_action")

    @cached_property
    def columns(self):
        title = self._get_title_column("title", get_title_id=proposal_title_id)
        return self.with_bulk_column([title, *super().columns[1:]])

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        for hook in hooks.get_hooks(PROPOSAL_LISTING_BUTTONS_HOOK):
            buttons.extend(hook(instance, self.request.user, self.request.get_full_path()) or [])
        return buttons


class ProposalAnswerForm:
    """Validation the answer form adds to the model form (a mixin, see ``get_form_class``)."""

    ANSWER_NEEDED = {
        Proposal.State.ACCEPTED,
        Proposal.State.REJECTED,
        Proposal.State.IMPLEMENTED,
    }

    def clean(self):
        cleaned_data = super().clean()
        state = cleaned_data.get("state")
        answer = strip_tags(cleaned_data.get("answer") or "").strip()
        if state in self.ANSWER_NEEDED and not answer:
            self.add_error(
                "answer", _("Please give the reasons in an official answer for this state.")
            )
        return cleaned_data


class ProposalAnswerView(EditView):
    """Editors set the state with an official answer; the service saves it and emails the
    author. Residents' text is shown read-only (and escaped) above the form."""

    success_message = _("The answer to “%(object)s” was saved; the author is notified by email.")
    error_message = _("The answer could not be saved due to errors.")

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (ProposalAnswerForm, form_class), {})

    def form_valid(self, form):
        self.form = form
        # The form has already written the new values into self.object; the service gets the
        # proposal as it is in the database.
        proposal = Proposal.objects.get(pk=self.object.pk)
        try:
            self.object = services.answer_proposal(
                proposal,
                form.cleaned_data["state"],
                form.cleaned_data["answer"],
                self.request.user,
            )
        except rules.ParticipationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if self.object is None:
            self.object = Proposal.objects.get(pk=proposal.pk)
        self.unchanged = not getattr(self.object, "changed", True)
        if not self.unchanged:
            log(instance=self.object, action="participation.answer", user=self.request.user)
        return self.save_action()

    def get_success_message(self, *args, **kwargs):
        if getattr(self, "unchanged", False):
            return _(
                "Neither the state nor the answer of “%(object)s” changed; no email was sent."
            ) % {"object": self.object}
        return super().get_success_message(*args, **kwargs)


class ProposalInspectView(InspectView):
    def get_fields(self):
        return [
            "title",
            "summary",
            "text",
            "process",
            "author",
            "field_of_action",
            "municipality",
            "latitude",
            "longitude",
            "image_alt",
            "state",
            "moderation",
            "qualified_at",
            "withdrawn_at",
            "support_count",
            "comment_count",
            "answer",
            "answered_at",
            "created_at",
            "updated_at",
            "reports",
        ]

    def get_field_display_value(self, field_name, field):
        if field_name == "author":
            return self.object.author.display_name
        if field_name == "reports":
            return "; ".join(str(line) for line in reports_display(self.object))
        return super().get_field_display_value(field_name, field)


class ProposalViewSet(ModelViewSet):
    model = Proposal
    name = "proposals"
    icon = "comment"
    menu_label = _("Proposals")
    menu_order = 240
    add_to_admin_menu = True
    permission_policy = proposal_permission_policy
    index_view_class = ProposalIndexView
    edit_view_class = ProposalAnswerView
    inspect_view_class = ProposalInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ProposalFilterSet
    search_fields = ["title", "summary", "text"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_display = [
        "title",
        Column("process", label=_("Process"), accessor="process.title", sort_key="process__title"),
        Column("author", label=_("Author"), accessor="author.display_name"),
        Column("state", label=_("State"), accessor="get_state_display", sort_key="state"),
        BooleanColumn(
            "qualified", label=_("Qualified"), accessor="is_qualified", sort_key="qualified_at"
        ),
        NumberColumn("support_count", label=_("Supports"), sort_key="support_count"),
        NumberColumn("open_reports", label=_("Open reports"), sort_key="open_reports"),
        Column(
            "moderation",
            label=_("Moderation"),
            accessor="get_moderation_display",
            sort_key="moderation",
        ),
        DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
    ]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title", read_only=True),
                FieldPanel("summary", read_only=True),
                FieldPanel("text", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("field_of_action", read_only=True),
                        FieldPanel("municipality", read_only=True),
                    ]
                ),
            ],
            heading=_("The proposal"),
        ),
        FieldPanel("state"),
        FieldPanel("answer"),
    ]

    def get_permissions_to_register(self):
        content_type = ContentType.objects.get_for_model(Proposal)
        return Permission.objects.filter(
            content_type=content_type,
            codename__in=[
                "view_proposal",
                "change_proposal",
                "answer_proposal",
                "moderate_proposal",
            ],
        )


proposal_viewset = ProposalViewSet()


@hooks.register("register_admin_viewset")
def register_proposal_viewset():
    return proposal_viewset


class ModerationBulkAction(BulkAction):
    """Approve, hide, restore or review the chosen contributions through the moderation
    service, which keeps the counts right, logs each change and tells the authors of hidden
    ones why. Subclasses name the model, its viewset and permission policy."""

    template_name = "participation/admin/confirm_bulk_moderation.html"
    icon_name = ""
    confirm_label = ""
    viewset = None
    policy = None

    @classmethod
    def url_args(cls):
        opts = cls.models[0]._meta
        return [opts.app_label, opts.model_name, cls.action_type]

    @classmethod
    def applies_to(cls, item):
        return services.applies(cls.action_type, item, getattr(item, "open_reports", 0))

    def check_perm(self, item):
        return self.policy.user_has_permission(self.request.user, "moderate")

    SELECT_ALL = {
        "approve": Q(moderation=Moderation.PENDING),
        "hide": Q(moderation=Moderation.PENDING),
        "restore": Q(moderation=Moderation.HIDDEN),
        "review": Q(reports__reviewed_at=None, reports__isnull=False),
    }

    def get_all_objects_in_listing_query(self, parent_id):
        # "Select all" acts on what the action is for (waiting, hidden or reported items),
        # never on everything there is.
        return (
            self.models[0]
            .objects.filter(self.SELECT_ALL[self.action_type])
            .values_list("pk", flat=True)
            .distinct()
        )

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Wagtail's own raises a 500 on ids that are no numbers.
        ids = [pk for pk in object_ids if DIGITS.fullmatch(str(pk))]
        return super().get_queryset(model, ids)

    def object_context(self, item):
        return {
            "item": item,
            "label": self.label(item),
            "inspect_url": reverse(self.viewset.get_url_name("inspect"), args=[item.pk]),
        }

    @staticmethod
    def label(item):
        return str(item)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "header_icon": self.viewset.icon,
            "action_label": self.display_name,
            "confirm_label": self.confirm_label,
        }

    def get_execution_context(self):
        data = self.cleaned_form.cleaned_data if self.cleaned_form else {}
        return {
            "user": self.request.user,
            "reason": data.get("reason", ""),
            "note": data.get("note", ""),
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.success_message % {"count": num_parent_objects}

    @classmethod
    def execute_action(cls, objects, user=None, reason="", note="", **kwargs):
        changed = 0
        for item in objects:
            if services.moderate(item, cls.action_type, user, reason=reason, note=note):
                changed += 1
        return changed, 0


class ApproveAction:
    display_name = _("Approve")
    action_type = "approve"
    action_priority = 20
    icon_name = "check"
    confirm_label = _("Yes, publish them")


class HideAction:
    display_name = _("Hide")
    action_type = "hide"
    action_priority = 30
    classes = {"serious"}
    icon_name = "hidden"
    confirm_label = _("Yes, hide them")
    form_class = HideForm


class RestoreAction:
    display_name = _("Restore")
    action_type = "restore"
    action_priority = 40
    icon_name = "view"
    confirm_label = _("Yes, restore them")
    form_class = NoteForm


class ReviewAction:
    display_name = _("Mark as reviewed")
    action_type = "review"
    action_priority = 50
    icon_name = "tick"
    confirm_label = _("Yes, the reports are settled")
    form_class = NoteForm


class ProposalModerationBulkAction(ModerationBulkAction):
    models = [Proposal]
    viewset = proposal_viewset
    policy = proposal_permission_policy

    @staticmethod
    def label(proposal):
        return f"{proposal.title} ({proposal.author.display_name})"


class ApproveProposalsBulkAction(ApproveAction, ProposalModerationBulkAction):
    aria_label = _("Approve the selected proposals")
    success_message = ngettext_lazy(
        "%(count)d proposal is published.", "%(count)d proposals are published.", "count"
    )


class HideProposalsBulkAction(HideAction, ProposalModerationBulkAction):
    aria_label = _("Hide the selected proposals")
    success_message = ngettext_lazy(
        "%(count)d proposal is hidden.", "%(count)d proposals are hidden.", "count"
    )


class RestoreProposalsBulkAction(RestoreAction, ProposalModerationBulkAction):
    aria_label = _("Restore the selected proposals")
    success_message = ngettext_lazy(
        "%(count)d proposal is restored.", "%(count)d proposals are restored.", "count"
    )


class ReviewProposalsBulkAction(ReviewAction, ProposalModerationBulkAction):
    aria_label = _("Mark the reports about the selected proposals as reviewed")
    success_message = ngettext_lazy(
        "The reports about %(count)d proposal are settled.",
        "The reports about %(count)d proposals are settled.",
        "count",
    )


PROPOSAL_BULK_ACTIONS = (
    ApproveProposalsBulkAction,
    HideProposalsBulkAction,
    RestoreProposalsBulkAction,
    ReviewProposalsBulkAction,
)
for bulk_action in PROPOSAL_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_log_actions")
def register_proposal_log_actions(actions):
    actions.register_action("participation.answer", _("Answer"), _("Official answer given"))


# --- Comments ------------------------------------------------------------------------------------


class CommentPermissionPolicy(ModelPermissionPolicy):
    """Comments come from residents and change through the services only: moderators (and
    lead editors) see them and approve or hide them; nobody edits, adds or deletes them here."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ("add", "change", "delete")]
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)


comment_permission_policy = CommentPermissionPolicy(Comment)
register_permission_policy(Comment, comment_permission_policy)


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
    reported = django_filters.BooleanFilter(label=_("Open reports"), method="filter_reported")

    class Meta:
        model = Comment
        fields = ["moderation", "process", "target_type", "reported"]

    filter_reported = staticmethod(lambda queryset, name, value: filter_reported(queryset, value))


def comment_title_id(comment):
    return f"comment_{comment.pk}_title"


class CommentIndexView(ModerationIndexMixin, IndexView):
    policy = comment_permission_policy
    obj_type = "comment"
    select_all_text = _("Select all comments awaiting moderation")

    def moderation_actions(self):
        return COMMENT_BULK_ACTIONS

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("author", "process")
        return queryset.prefetch_related("target")

    @cached_property
    def columns(self):
        return self.with_bulk_column(list(super().columns))


class CommentInspectView(InspectView):
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
            return self.object.author.display_name
        if field_name == "target":
            return str(self.object.target)
        if field_name == "reports":
            return "; ".join(str(line) for line in reports_display(self.object))
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

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Comment),
            codename__in=["view_comment", "moderate_comment"],
        )


comment_viewset = CommentViewSet()


class CommentModerationBulkAction(ModerationBulkAction):
    models = [Comment]
    viewset = comment_viewset
    policy = comment_permission_policy

    @staticmethod
    def label(comment):
        return f"{comment.excerpt} ({comment.author.display_name})"


class ApproveCommentsBulkAction(ApproveAction, CommentModerationBulkAction):
    aria_label = _("Approve the selected comments")
    success_message = ngettext_lazy(
        "%(count)d comment is published.", "%(count)d comments are published.", "count"
    )


class HideCommentsBulkAction(HideAction, CommentModerationBulkAction):
    aria_label = _("Hide the selected comments")
    success_message = ngettext_lazy(
        "%(count)d comment is hidden.", "%(count)d comments are hidden.", "count"
    )


class RestoreCommentsBulkAction(RestoreAction, CommentModerationBulkAction):
    aria_label = _("Restore the selected comments")
    success_message = ngettext_lazy(
        "%(count)d comment is restored.", "%(count)d comments are restored.", "count"
    )


class ReviewCommentsBulkAction(ReviewAction, CommentModerationBulkAction):
    aria_label = _("Mark the reports about the selected comments as reviewed")
    success_message = ngettext_lazy(
        "The reports about %(count)d comment are settled.",
        "The reports about %(count)d comments are settled.",
        "count",
    )


COMMENT_BULK_ACTIONS = (
    ApproveCommentsBulkAction,
    HideCommentsBulkAction,
    RestoreCommentsBulkAction,
    ReviewCommentsBulkAction,
)
for bulk_action in COMMENT_BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


# --- Notices of illegal content ------------------------------------------------------------------


class NoticePermissionPolicy(ModelPermissionPolicy):
    """Notices come from the public form; moderators read them and mark them as handled."""

    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        return super().user_has_permission(user, action)


notice_permission_policy = NoticePermissionPolicy(IllegalContentNotice)
register_permission_policy(IllegalContentNotice, notice_permission_policy)


class NoticeFilterSet(WagtailFilterSet):
    handled = django_filters.BooleanFilter(
        label=_("Handled"), field_name="handled_at", lookup_expr="isnull", exclude=True
    )
    reason = django_filters.ChoiceFilter(
        label=_("Reason"), choices=IllegalContentNotice.Reason.choices
    )

    class Meta:
        model = IllegalContentNotice
        fields = ["handled", "reason"]


class NoticeViewSet(ModelViewSet):
    model = IllegalContentNotice
    name = "notices"
    icon = "warning"
    menu_label = _("Illegal content notices")
    menu_order = 250
    permission_policy = notice_permission_policy
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = NoticeFilterSet
    search_fields = ["url", "explanation", "email"]
    ordering = ["-created_at", "-pk"]
    form_fields = ["handled_at"]
    list_display = [
        Column("reason", label=_("Reason"), accessor="get_reason_display", sort_key="reason"),
        Column("url", label=_("Address"), accessor="url"),
        DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        DateColumn("handled_at", label=_("Handled"), sort_key="handled_at"),
    ]
    inspect_view_fields = [
        "reason",
        "url",
        "explanation",
        "name",
        "email",
        "created_at",
        "handled_at",
    ]

    def get_permissions_to_register(self):
        return Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(IllegalContentNotice),
            codename__in=["view_illegalcontentnotice", "change_illegalcontentnotice"],
        )


@hooks.register("register_admin_viewset")
def register_moderation_viewsets():
    """One "Moderation" menu for the moderators' work."""
    return ModerationViewSetGroup(
        ModerationQueueViewSet(),
        comment_viewset,
        NoticeViewSet(),
        BlockViewSet(),
        ModerationLogViewSet(),
    )


# --- Polls ---------------------------------------------------------------------------------------


class PollIndexView(SnippetIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        url = reverse(poll_viewset.get_url_name("results"), args=[instance.pk])
        buttons.append(Button(_("Results"), url=url, icon_name="list-ul", priority=15))
        return buttons


class PollViewSet(SnippetViewSet):
    """Editors write polls here (and translate them with "Translate"); pages show them with the
    poll block. Editors see the results at any time and download them as CSV."""

    model = Poll
    index_view_class = PollIndexView
    icon = "list-ul"
    menu_label = _("Polls")
    menu_order = 242
    add_to_admin_menu = True
    list_display = [
        "question",
        Column("kind", label=_("Answers"), accessor="get_kind_display"),
        DateColumn("opens_at", label=_("Opens"), sort_key="opens_at"),
        DateColumn("closes_at", label=_("Closes"), sort_key="closes_at"),
    ]
    list_filter = ["locale"]
    search_fields = ["question"]
    ordering = ["-opens_at", "-pk"]
    panels = [
        FieldPanel("question"),
        FieldPanel("description"),
        InlinePanel("choices", label=_("Answers"), min_num=2, max_num=20),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("max_choices"),
                FieldRowPanel([FieldPanel("allow_other"), FieldPanel("other_label")]),
            ],
            heading=_("Answers"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("voters"),
                FieldPanel("show_results"),
                PageChooserPanel("process", "visions.ProcessPage"),
            ],
            heading=_("Who votes when"),
        ),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "results/<int:pk>/",
                PollResultsView.as_view(csv_url_name=self.get_url_name("results_csv")),
                name="results",
            ),
            path("results/<int:pk>/csv/", poll_admin.results_csv, name="results_csv"),
        ]


poll_viewset = PollViewSet()
register_snippet(poll_viewset)
