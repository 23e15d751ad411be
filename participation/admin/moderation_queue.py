"""The moderators' queue: one list over every kind of contribution (reported, waiting, hidden)
with actions one by one and in bulk, and the "Moderation" menu it heads.

The queue lists contributions of several models on one page; Wagtail's bulk actions work on one
model at a time, so the queue has its own form, which ends in the same service
(:func:`participation.services.moderate_many`) as the listings' bulk actions.
"""

from collections import defaultdict

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Q, Subquery, Value
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.models import Page

from cms.accounts import with_account_facts

from .. import rules, services
from ..forms import HideForm
from ..models import (
    ActionGroup,
    BoardEntry,
    Comment,
    GroupUpdate,
    Moderation,
    ModerationLogEntry,
    Reason,
    RelayMessage,
    Report,
)
from .blocks import BlockView, UnblockView
from .shared import DIGITS, EventChoiceField, process_pages

Action = ModerationLogEntry.Action
PER_PAGE = 50
HIDING = (Action.HIDE, Action.AUTO_HIDE)


def contribution_models():
    """{"proposal": Proposal, "comment": Comment, …}: every kind of contribution."""
    return {model._meta.model_name: model for model in services.CONTRIBUTION_MODELS}


# The admin viewset of each kind, where it is not the model name with an "s".
VIEWSET_NAMES = {"boardentry": "boardentries"}


def inspect_url_name(model):
    name = model._meta.model_name
    return f"{VIEWSET_NAMES.get(name, name + 's')}:inspect"


def has_field(model, name):
    return any(field.name == name for field in model._meta.get_fields())


class Tab:
    REPORTED = "reported"
    PENDING = "pending"
    HIDDEN = "hidden"
    NO_LEAD = "no_lead"
    LABELS = {
        REPORTED: _("Reported"),
        PENDING: _("Awaiting moderation"),
        HIDDEN: _("Hidden"),
        NO_LEAD: _("Groups without a lead"),
    }


class QueueFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), required=False)
    process = EventChoiceField(
        label=_("Process"),
        required=False,
        queryset=Page.objects.none(),
        empty_label=_("All processes"),
    )
    reason = forms.ChoiceField(
        label=_("Reason"),
        help_text=_("Of the reports; in the hidden tab, of the hiding."),
        required=False,
        choices=[("", _("All reasons")), *Reason.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All types"))] + [
            (name, capfirst(model._meta.verbose_name_plural))
            for name, model in contribution_models().items()
        ]
        self.fields["process"].queryset = process_pages()


class ItemsField(forms.MultipleChoiceField):
    """The ticked contributions as ``kind:pk``; :meth:`QueueActionForm.clean_items` checks
    them (the choices depend on the page the moderator saw)."""

    def valid_value(self, value):
        return True


class QueueActionForm(HideForm):
    """What the moderator does with the contributions they ticked."""

    ACTIONS = [
        (Action.APPROVE, _("Approve (publish)")),
        (Action.HIDE, _("Hide")),
        (Action.RESTORE, _("Restore (publish again)")),
        (Action.REVIEW, _("Mark the reports as reviewed")),
    ]

    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    items = ItemsField(
        label=_("Contributions"),
        error_messages={"required": _("Please tick at least one contribution.")},
    )
    field_order = ["action", "reason", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = False
        self.fields["reason"].help_text = _("Needed for hiding; the authors get it by email.")

    def clean_items(self):
        """``["comment:12", "proposal:5"]`` → ``[(Comment, 12), (Proposal, 5)]``."""
        models = contribution_models()
        parsed = []
        for value in self.cleaned_data["items"]:
            name, _sep, pk = value.partition(":")
            if name not in models or not DIGITS.fullmatch(pk):
                raise forms.ValidationError(
                    _("Unknown contribution: %(value)s"), params={"value": value}
                )
            parsed.append((models[name], int(pk)))
        return parsed

    def clean(self):
        data = super().clean()
        if data.get("action") == Action.HIDE and not data.get("reason"):
            self.add_error("reason", _("Please choose why the contributions are hidden."))
        return data


def _content_type_ids():
    return {
        model: ContentType.objects.get_for_model(model).pk for model in services.CONTRIBUTION_MODELS
    }


def queue_rows(tab, *, kind=None, process=None, reason=None):
    """The queue as rows ``(content type id, object id)`` in the order moderators work through
    them: most reported first; waiting ones oldest first; hidden ones newest first. One query
    (a UNION over the kinds of contribution, or the open reports grouped by contribution), so
    that a page costs the same however long the queue is."""
    content_types = _content_type_ids()
    models = [model for model in content_types if not kind or model._meta.model_name == kind]
    if process is not None:
        # Only some kinds belong to a process (updates, board entries … do not).
        models = [model for model in models if has_field(model, "process")]
    open_reports = Report.objects.open()
    if tab == Tab.NO_LEAD:
        if ActionGroup not in models:
            return []
        groups = services.groups_without_lead()
        if process is not None:
            groups = groups.filter(process=process)
        if reason:
            reported = open_reports.filter(target_type_id=content_types[ActionGroup], reason=reason)
            groups = groups.filter(pk__in=reported.values("target_id"))
        return groups.order_by("created_at", "pk").values_list(
            Value(content_types[ActionGroup]), "pk", "created_at"
        )
    if tab == Tab.REPORTED:
        in_scope = Q()
        for model in models:
            items = Q(target_type_id=content_types[model])
            if process is not None:
                items &= Q(target_id__in=model.objects.filter(process=process).values("pk"))
            in_scope |= items
        rows = (
            open_reports.filter(in_scope)
            .values("target_type_id", "target_id")
            .annotate(count=Count("pk"), latest=Max("created_at"))
        )
        if reason:
            rows = rows.annotate(with_reason=Count("pk", filter=Q(reason=reason))).filter(
                with_reason__gt=0
            )
        return rows.order_by("-count", "-latest", "target_id").values_list(
            "target_type_id", "target_id"
        )
    state = Moderation.PENDING if tab == Tab.PENDING else Moderation.HIDDEN
    parts = []
    for model in models:
        items = model.objects.filter(moderation=state)
        if process is not None:
            items = items.filter(process=process)
        if reason and tab == Tab.PENDING:
            reported = open_reports.filter(target_type_id=content_types[model], reason=reason)
            items = items.filter(pk__in=reported.values("target_id"))
        elif reason:
            # Hidden items: why they were hidden last (the reports are settled by then).
            latest = ModerationLogEntry.objects.filter(
                target_type_id=content_types[model], target_id=OuterRef("pk"), action__in=HIDING
            ).order_by("-created_at", "-pk")
            items = items.annotate(hidden_for=Subquery(latest.values("reason")[:1])).filter(
                hidden_for=reason
            )
        parts.append(items.order_by().values_list(Value(content_types[model]), "pk", "created_at"))
    if not parts:
        return []
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return rows.order_by("created_at" if tab == Tab.PENDING else "-created_at")


def load_items(rows):
    """The contributions for one page of rows, in the rows' order, each with ``kind``,
    ``key`` (for the form), ``open_report_list`` and the URLs the queue links to: one query
    per kind of contribution and one for all their open reports."""
    by_type = defaultdict(list)
    for content_type_id, pk, *_rest in rows:
        by_type[content_type_id].append(pk)
    loaded = {}
    reports_of = Q(pk__in=[])
    for content_type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        related = [name for name in ("author", "process", "group") if has_field(model, name)]
        items = model.objects.filter(pk__in=pks).select_related(*related)
        if hasattr(model, "parent"):
            items = items.prefetch_related("target")
        if model is RelayMessage:
            items = items.select_related("entry")
        for item in items:
            loaded[content_type_id, item.pk] = item
        reports_of |= Q(target_type_id=content_type_id, target_id__in=pks)
    reports = defaultdict(list)
    for report in Report.objects.open().filter(reports_of).select_related("reporter"):
        reports[report.target_type_id, report.target_id].append(report)
    hidings = {}
    hidden = defaultdict(list)
    for (content_type_id, pk), item in loaded.items():
        if item.moderation == Moderation.HIDDEN:
            hidden[content_type_id].append(pk)
    if hidden:
        of_hidden = Q(pk__in=[])
        for content_type_id, pks in hidden.items():
            of_hidden |= Q(target_type_id=content_type_id, target_id__in=pks)
        entries = ModerationLogEntry.objects.filter(of_hidden, action__in=HIDING)
        for entry in entries.select_related("moderator").order_by("created_at", "pk"):
            hidings[entry.target_type_id, entry.target_id] = entry  # the latest wins
    group_type = ContentType.objects.get_for_model(ActionGroup).pk
    if group_type in by_type:
        # One query for all groups on the page: which of them lost their lead.
        without_lead = set(
            services.groups_without_lead()
            .filter(pk__in=by_type[group_type])
            .values_list("pk", flat=True)
        )
        for pk in without_lead:
            if (group_type, pk) in loaded:
                loaded[group_type, pk].needs_lead = True
    result = []
    for content_type_id, pk, *_rest in rows:
        item = loaded.get((content_type_id, pk))
        if item is None:
            continue
        name = item._meta.model_name
        item.kind = item._meta.verbose_name
        item.key = f"{name}:{pk}"
        item.open_report_list = sorted(reports[content_type_id, pk], key=lambda r: r.created_at)
        item.hiding = hidings.get((content_type_id, pk))
        item.inspect_url = reverse(inspect_url_name(type(item)), args=[pk])
        describe(item)
        result.append(item)
    return result


def describe(item):
    """What the queue shows of ``item`` (escaped by the template): ``queue_title``,
    ``queue_text``, ``public_url`` (the item where residents read it, if it has an address)
    and ``queue_context`` (the group an update belongs to …)."""
    item.queue_context = ""
    item.public_url = None
    if isinstance(item, ActionGroup):
        item.queue_title, item.queue_text = item.name, item.purpose
        item.public_url = item.get_url()
    elif isinstance(item, GroupUpdate | BoardEntry):
        item.queue_title = item.title
        item.queue_text = item.text if isinstance(item, GroupUpdate) else item.description
        item.public_url = item.get_url()
        if item.group_id:
            item.queue_context = item.group.name
    elif isinstance(item, RelayMessage):
        # Never the message itself: only what the recipient reported.
        item.queue_title = str(item)
        item.queue_text = item.reported_text
        target = item.entry or item.group
        item.public_url = target.get_url() if target is not None else None
    elif isinstance(item, Comment):
        item.queue_title = ""
        item.queue_text = item.text
        if isinstance(item.target, ActionGroup):
            # A group's address needs no query (a proposal's would, per row).
            item.public_url = item.get_url()
    else:
        item.queue_title = getattr(item, "title", "")
        item.queue_text = getattr(item, "summary", "") or getattr(item, "text", "")


def staff_ids(user_ids):
    """Which of these people may use the admin (they are not blocked here): one query, with
    the same "may use the admin" fact the signed-in person is loaded with."""
    people = with_account_facts(get_user_model().objects.filter(pk__in=user_ids))
    return set(people.filter(admin_access=True).values_list("pk", flat=True))


class ModerationQueueView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/admin/moderation_queue.html"
    page_title = _("Moderation queue")
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        if not rules.may_use_moderation_queue(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def tab(self):
        tab = self.request.GET.get("tab")
        return tab if tab in Tab.LABELS else Tab.REPORTED

    @cached_property
    def filters(self):
        form = QueueFilterForm(self.request.GET, auto_id="filter_%s")
        form.is_valid()
        return form

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def rows(self, tab):
        data = getattr(self.filters, "cleaned_data", {})
        return queue_rows(
            tab,
            kind=data.get("kind") or None,
            process=data.get("process"),
            reason=data.get("reason") or None,
        )

    def get_context_data(self, action_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.rows(self.tab), PER_PAGE).get_page(self.request.GET.get("p"))
        items = load_items(list(page.object_list))
        user = self.request.user
        staff = staff_ids({item.author_id for item in items})
        may_moderate = {
            model: rules.may_moderate(user, model) for model in contribution_models().values()
        }
        for item in items:
            item.may_moderate = may_moderate[type(item)]
            item.block_url = None
            item.author_label = item.author_name
            if item.author is not None:
                item.author.admin_access = item.author_id in staff
                item.block_url = self.block_url(item.author)
            if isinstance(item, ActionGroup) and item.may_moderate:
                item.assign_lead_url = reverse("actiongroups:assign_lead", args=[item.pk])
        query = self.request.GET.copy()
        query.pop("p", None)
        tabs = []
        for tab, label in Tab.LABELS.items():
            query["tab"] = tab
            tabs.append(
                {"label": label, "url": f"?{query.urlencode()}", "current": tab == self.tab}
            )
        action_form = action_form or QueueActionForm()
        selected = set(self.request.POST.getlist("items")) if action_form.is_bound else set()
        context.update(
            tabs=tabs,
            tab_label=Tab.LABELS[self.tab],
            filters=self.filters,
            page_obj=page,
            elided_page_range=page.paginator.get_elided_page_range(page.number),
            items=items,
            selected=selected,
            action_form=action_form,
            page_query=self.request.GET.urlencode(),
        )
        return context

    @cached_property
    def block_url_pattern(self):
        """The block form's address with ``{pk}`` for the person, or ``None`` when the
        moderator may not block people: built once per page, not once per row."""
        if not rules.may_block(self.request.user):
            return None
        url = reverse("moderation:block", args=[0]).replace("/0/", "/{pk}/")
        return f"{url}?{urlencode({'next': self.request.get_full_path()})}"

    def block_url(self, person):
        pattern = self.block_url_pattern
        if pattern is None or rules.block_obstacle(self.request.user, person):
            return None
        return pattern.replace("{pk}", str(person.pk))

    def post(self, request, *args, **kwargs):
        form = QueueActionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was changed: please correct the errors below."))
            return self.render_to_response(self.get_context_data(action_form=form))
        data = form.cleaned_data
        items = []
        refused = 0
        for model, pk in data["items"]:
            item = model.objects.filter(pk=pk).first()
            if item is None or not rules.may_moderate(request.user, model):
                refused += 1
            else:
                items.append(item)
        entries = services.moderate_many(
            items, data["action"], request.user, reason=data["reason"], note=data["note"]
        )
        changed = len(entries)
        unchanged = len(items) - changed
        messages.success(
            request,
            ngettext("%(count)d contribution changed.", "%(count)d contributions changed.", changed)
            % {"count": changed},
        )
        if unchanged:
            messages.warning(
                request,
                ngettext(
                    "%(count)d contribution was left as it was: the action does not apply to it.",
                    "%(count)d contributions were left as they were: the action does not apply "
                    "to them.",
                    unchanged,
                )
                % {"count": unchanged},
            )
        if refused:
            messages.error(
                request,
                ngettext(
                    "%(count)d contribution was not changed: it is gone or you may not "
                    "moderate it.",
                    "%(count)d contributions were not changed: they are gone or you may not "
                    "moderate them.",
                    refused,
                )
                % {"count": refused},
            )
        return redirect(request.get_full_path())


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.may_use_moderation_queue(request.user)


class ModerationQueueViewSet(ViewSet):
    """The queue and the block and unblock forms, under ``/admin/moderation/``."""

    name = "moderation"
    url_prefix = "moderation"
    icon = "warning"
    menu_label = _("Moderation queue")
    menu_order = 100

    def get_urlpatterns(self):
        return [
            path("", ModerationQueueView.as_view(), name="queue"),
            path("block/<int:user_id>/", BlockView.as_view(), name="block"),
            path("unblock/<int:user_id>/", UnblockView.as_view(), name="unblock"),
        ]

    menu_item_class = QueueMenuItem


class ModerationViewSetGroup(ViewSetGroup):
    """The "Moderation" menu: the queue first, then the lists moderators work with."""

    menu_label = _("Moderation")
    menu_icon = "warning"
    menu_order = 245

    def __init__(self, *items):
        self.items = items
        super().__init__()
