"""Pages that host participation: vision processes with phases, and the visions (Zielbilder)
that grow out of accepted proposals, with their implementation reports."""

import json
from types import SimpleNamespace
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Sum, prefetch_related_objects
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms import apifields
from cms.listing import (
    ListingFilterForm,
    fields_of_action_for,
    label_fields_of_action,
    listed,
    mark_languages,
    paginate,
)
from cms.localization import translation_group
from cms.maps import allow_map_tiles, map_context
from cms.models import BasePage, CommentableMixin, IndexPageMixin, MainImageMixin, RoutableBasePage
from cms.subpages import translated_path
from participation.blocks import PageBodyBlock
from participation.hosts import ProcessHostMixin, ProposalRoutesMixin
from participation.models import Poll, Proposal
from participation.models.proposals import place_name
from participation.rules import support_states
from participation.rules.follows import follow_button

from .groups import start_group_url, working_groups
from .listing import ProposalFilterForm, filter_proposals, random_seed, sort_proposals


def phase_permissions(phase):
    """What residents may do in ``phase``, as readable labels."""
    labels = []
    if phase.allows_submit:
        labels.append(_("submit proposals"))
    if phase.allows_edit:
        labels.append(_("edit their proposals"))
    if phase.allows_comment:
        labels.append(_("comment on proposals"))
    if phase.allows_support:
        labels.append(_("support proposals"))
    return labels


class ProcessIndexPage(IndexPageMixin, BasePage):
    """All vision processes of one language, running ones first."""

    api_fields = apifields.INDEX

    parent_page_types = ["home.HomePage"]
    subpage_types = ["visions.ProcessPage"]
    template = "pages/process_index_page.html"

    class Meta:
        verbose_name = _("process index")
        verbose_name_plural = _("process indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        processes = list(
            listed(self.items(ProcessPage)).prefetch_related("phases").order_by("title")
        )
        mark_languages(processes, self)
        label_fields_of_action(processes, fields_of_action_for(request))
        counts = {
            row["process__translation_key"]: row
            for row in Proposal.objects.readable()
            .filter(process__translation_key__in=[p.translation_key for p in processes])
            .values("process__translation_key")
            .annotate(proposals=Count("pk"), supports=Sum("support_count"))
            .order_by()
        }
        today = timezone.localdate()
        for process in processes:
            process.timeline = process.phase_timeline(today)
            process.active_phase = next((p for p in process.timeline if p.is_active), None)
            row = counts.get(process.translation_key, {})
            process.proposal_total = row.get("proposals", 0)
            process.support_total = row.get("supports") or 0
            if process.active_phase:
                process.status = "running"
            elif any(phase.start > today for phase in process.timeline):
                process.status = "upcoming"
            else:
                process.status = "finished"
        order = {"running": 0, "upcoming": 1, "finished": 2}
        processes.sort(key=lambda process: order[process.status])
        context["processes"] = processes
        context["running_processes"] = [p for p in processes if p.status == "running"]
        context["other_processes"] = [p for p in processes if p.status != "running"]
        return context


class ProcessPage(ProcessHostMixin, ProposalRoutesMixin, MainImageMixin, RoutableBasePage):
    """A co-creative process: residents submit, discuss and support proposals, phase by phase."""

    question = models.CharField(
        _("question"),
        max_length=250,
        help_text=_(
            "The question or goal residents answer, e.g. “What should our region be like in 2040?”"
        ),
    )
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(PageBodyBlock(), verbose_name=_("description"), blank=True)
    fields_of_action = ParentalManyToManyField(
        "cms.FieldOfAction", verbose_name=_("fields of action"), blank=True, related_name="+"
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("question"),
        FieldPanel("intro"),
        *MainImageMixin.image_panels,
        FieldPanel("body"),
        FieldPanel("fields_of_action"),
        InlinePanel("phases", label=_("Phases"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("moderation"),
                FieldRowPanel([FieldPanel("support_budget"), FieldPanel("qualified_threshold")]),
                FieldRowPanel(
                    [FieldPanel("max_proposals_per_resident"), FieldPanel("edit_window_hours")]
                ),
            ],
            heading=_("Rules"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("question"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    api_fields = [
        *apifields.PAGE,
        APIField("question"),
        APIField("intro"),
        APIField("body"),
        APIField("phases"),
        apifields.fields_of_action(),
    ]

    parent_page_types = ["visions.ProcessIndexPage"]
    subpage_types = []
    template = "pages/process_page.html"

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    per_page = 20

    def phase_timeline(self, today=None):
        """The phases in order, each with ``is_active``, ``is_past`` and ``permissions``."""
        today = today or timezone.localdate()
        phases = sorted(self.phases.all(), key=lambda phase: (phase.start, phase.sort_order or 0))
        for phase in phases:
            phase.is_active = phase.start <= today <= phase.end
            phase.is_past = phase.end < today
            phase.permissions = phase_permissions(phase)
        return phases

    def polls_by_phase(self, timeline):
        """The polls editors assigned to this process (in any of its languages), each in the
        language of this page where translated, as ``[(phase, [polls])]`` in the timeline's
        order: a poll belongs to the phase during which it opens. Polls that open outside every
        phase come last, with the phase ``None``."""
        polls = {}
        # A poll the editors placed in the page's body is shown there, not twice.
        in_body = [
            block["value"].get("poll") for block in self.body.raw_data if block["type"] == "poll"
        ]
        in_body = Poll.objects.filter(pk__in=[pk for pk in in_body if pk])
        assigned = (
            Poll.objects.filter(process_id__in=translation_group(self))
            .exclude(translation_key__in=in_body.values("translation_key"))
            .order_by("opens_at", "pk")
        )
        for poll in assigned:
            if poll.translation_key not in polls or poll.locale_id == self.locale_id:
                polls[poll.translation_key] = poll
        groups = [(phase, []) for phase in timeline]
        rest = []
        for poll in polls.values():
            day = timezone.localdate(poll.opens_at)
            phase_polls = next(
                (found for phase, found in groups if phase.start <= day <= phase.end), rest
            )
            phase_polls.append(poll)
        return [(phase, found) for phase, found in groups if found] + (
            [(None, rest)] if rest else []
        )

    def proposal_filters(self, request):
        form = ProposalFilterForm(request.GET, fields_of_action=fields_of_action_for(request))
        return form, form.values()

    def filter_proposals(self, proposals, filters):
        return filter_proposals(proposals, filters)

    def visible_proposals(self, user):
        """The proposals of this process (in any of its languages) that ``user`` may read."""
        return Proposal.objects.visible_to(user).filter(process_id__in=translation_group(self))

    def listing_context(self, request):
        """The filter form and the requested page of proposals, each ready to show."""
        fields_of_action = fields_of_action_for(request)
        form, filters = self.proposal_filters(request)
        proposals = self.filter_proposals(self.visible_proposals(request.user), filters)
        sort = filters["sort"]
        seed = random_seed(request) if sort == "random" else 0
        # The page's ids first (sorting and counting thousands of proposals by narrow index
        # entries), then only those rows with what the list shows.
        page_obj = paginate(
            request,
            sort_proposals(proposals, sort, seed).values_list("pk", flat=True),
            self.per_page,
        )
        ids = list(page_obj.object_list)
        rows = (
            Proposal.objects.filter(pk__in=ids)
            .select_related("author", "field_of_action")
            .defer("text", "answer", "author__password")
            .in_bulk()
        )
        items = [rows[pk] for pk in ids if pk in rows]
        page_obj.object_list = items
        processes = self.owning_processes(items)
        self.add_support_states(request, items, processes)
        login_url = f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}"
        for proposal in items:
            proposal.process = processes[proposal.process_id]
            proposal.url = proposal.get_url(request)
            proposal.support_url = proposal.get_url(request, "support")
            proposal.login_url = login_url
            proposal.field_labels = [
                fields_of_action.get(proposal.field_of_action.slug, proposal.field_of_action)
            ]
        base_url = self.get_url(request)
        query = {
            name: value
            for name, value in filters.items()
            if value and name not in ("sort",) and name in form.fields
        }
        geojson_url = base_url + self.reverse_subpage("geojson")
        if query:
            geojson_url += "?" + urlencode(query)
        return {
            "filter_form": form,
            "proposals": page_obj,
            "filtered": any(value for name, value in filters.items() if name != "sort"),
            "sort": sort,
            "geojson_url": geojson_url,
        }

    def owning_processes(self, proposals):
        """{page id: process page} for the pages ``proposals`` belong to: this page, and (one
        query, only when needed) translations they were submitted on. Proposal pages and
        supports live below the page a proposal belongs to."""
        processes = {self.pk: self}
        others = {proposal.process_id for proposal in proposals} - {self.pk}
        if others:
            processes.update(
                (process.pk, process)
                for process in ProcessPage.objects.filter(pk__in=others).prefetch_related("phases")
            )
        return processes

    def add_support_states(self, request, proposals, processes):
        """Give each proposal ``support_state`` for the support box: one query per process page
        the proposals belong to."""
        by_process = {}
        for proposal in proposals:
            by_process.setdefault(proposal.process_id, []).append(proposal)
        for process_id, group in by_process.items():
            states = support_states(request.user, processes[process_id], group)
            for proposal in group:
                proposal.support_state = states.get(proposal.pk)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Loaded once: the timeline and every support rule ask for the current phase.
        prefetch_related_objects([self], "phases")
        fields_of_action = fields_of_action_for(request)
        label_fields_of_action([self], fields_of_action)
        timeline = self.phase_timeline()
        active_phase = next((phase for phase in timeline if phase.is_active), None)
        context.update(
            timeline=timeline,
            phase_polls=self.polls_by_phase(timeline),
            active_phase=active_phase,
            submit_open=bool(active_phase and active_phase.allows_submit),
            submit_url=self.submit_url(request),
            follow=follow_button(request, self),
            **map_context(legend=[("proposal", _("Proposal"))]),
            **self.listing_context(request),
        )
        return context

    # The proposal routes come with ProposalRoutesMixin (participation.hosts).

    @path("", name="listing")
    def listing_route(self, request, *args, **kwargs):
        # The map's tiles are the only images from elsewhere (cms.maps).
        return allow_map_tiles(super().index_route(request, *args, **kwargs))

    @translated_path("geojson", de="karte/", en="map/")
    def geojson_route(self, request):
        """Proposals with a location as a GeoJSON FeatureCollection, with the listing's filters."""
        fields_of_action = fields_of_action_for(request)
        _form, filters = self.proposal_filters(request)
        proposals = self.filter_proposals(self.visible_proposals(request.user), filters).filter(
            latitude__isnull=False, longitude__isnull=False
        )
        rows = proposals.order_by("-created_at", "-pk").values(
            "pk",
            "process_id",
            "title",
            "field_of_action__slug",
            "municipality",
            "latitude",
            "longitude",
            "support_count",
            "withdrawn_at",
        )
        rows = list(rows)
        processes = self.owning_processes(
            [SimpleNamespace(process_id=row["process_id"]) for row in rows]
        )
        features = [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(row["longitude"]), float(row["latitude"])],
                },
                "properties": {
                    "title": row["title"],
                    "url": Proposal(pk=row["pk"], process=processes[row["process_id"]]).get_url(
                        request
                    ),
                    # "kind" is what the map's popup shows before the municipality.
                    "kind": str(
                        getattr(fields_of_action.get(row["field_of_action__slug"]), "name", "")
                    ),
                    "municipality": str(
                        place_name(row["latitude"], row["longitude"], row["municipality"])
                    ),
                    "marker": "proposal",
                    "supports": row["support_count"],
                    "withdrawn": row["withdrawn_at"] is not None,
                },
            }
            for row in rows
        ]
        response = HttpResponse(
            json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
            content_type="application/geo+json; charset=utf-8",
        )
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        return response


class ProcessPhase(Orderable):
    """A stretch of a process, e.g. collecting ideas, discussing, supporting, selecting."""

    process = ParentalKey(ProcessPage, on_delete=models.CASCADE, related_name="phases")
    title = models.CharField(_("title"), max_length=80)
    description = models.TextField(_("description"), max_length=400, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    allows_submit = models.BooleanField(_("residents may submit proposals"), default=False)
    allows_edit = models.BooleanField(_("authors may edit their proposals"), default=False)
    allows_comment = models.BooleanField(_("residents may comment"), default=False)
    allows_support = models.BooleanField(_("residents may support proposals"), default=False)

    api_fields = [
        APIField("title"),
        APIField("description"),
        APIField("start"),
        APIField("end"),
        APIField("allows_submit"),
        APIField("allows_edit"),
        APIField("allows_comment"),
        APIField("allows_support"),
    ]
    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel(
            [
                FieldPanel("allows_submit"),
                FieldPanel("allows_edit"),
                FieldPanel("allows_comment"),
                FieldPanel("allows_support"),
            ]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A phase cannot end before it starts.")})


class VisionIndexPage(IndexPageMixin, BasePage):
    """The visions of one language, by field of action and implementation status."""

    api_fields = apifields.INDEX

    parent_page_types = ["home.HomePage"]
    subpage_types = ["visions.VisionPage"]
    template = "pages/vision_index_page.html"

    class Meta:
        verbose_name = _("vision index")
        verbose_name_plural = _("vision indexes")

    per_page = 24

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fields_of_action = fields_of_action_for(request)
        form = VisionFilterForm(request.GET, fields_of_action=fields_of_action)
        filters = form.values()
        visions = listed(self.items(VisionPage, other_languages=form.other_languages())).order_by(
            "title"
        )
        if filters["field"]:
            visions = visions.filter(fields_of_action__slug=filters["field"])
        if filters["status"]:
            visions = visions.filter(status=filters["status"])
        page_obj = paginate(request, visions, self.per_page)
        label_fields_of_action(page_obj.object_list, fields_of_action)
        mark_languages(page_obj.object_list, self)
        context.update(filter_form=form, visions=page_obj, filtered=any(filters.values()))
        return context


class VisionFilterForm(ListingFilterForm):
    status = forms.ChoiceField(label=_("Implementation status"), required=False)

    def __init__(self, data, *, fields_of_action):
        super().__init__(data, fields_of_action=fields_of_action)
        self.fields["status"].choices = [("", _("All statuses")), *VisionPage.Status.choices]


class VisionPage(CommentableMixin, MainImageMixin, BasePage):
    """An adopted vision (Zielbild): where it came from and how its implementation goes."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        PAUSED = "paused", _("Paused")

    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(PageBodyBlock(), verbose_name=_("the vision"), blank=True)
    status = models.CharField(
        _("implementation status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    fields_of_action = ParentalManyToManyField(
        "cms.FieldOfAction", verbose_name=_("fields of action"), blank=True, related_name="+"
    )
    origin = models.ForeignKey(
        "participation.Proposal",
        verbose_name=_("origin proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visions",
        help_text=_("The resident's proposal this vision grew out of."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        *MainImageMixin.image_panels,
        FieldPanel("body"),
        FieldPanel("status"),
        FieldPanel("fields_of_action"),
        FieldPanel("origin", read_only=True),
        InlinePanel("updates", label=_("Implementation updates")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    api_fields = [
        *apifields.PAGE,
        APIField("intro"),
        APIField("status"),
        APIField("body"),
        APIField("updates"),
        apifields.fields_of_action(),
    ]

    parent_page_types = ["visions.VisionIndexPage"]
    subpage_types = []
    template = "pages/vision_page.html"
    # What residents follow it as (participation.rules.follows).
    follow_kind = "vision"

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("visions")

    @property
    def teaser_meta(self):
        return self.get_status_display()

    def origin_for(self, request):
        """The proposal this vision grew out of, if the reader may see it, with ``url`` on its
        process page in the reader's language."""
        if self.origin_id is None:
            return None
        origin = (
            Proposal.objects.visible_to(request.user)
            .filter(pk=self.origin_id)
            .select_related("author")
            .defer("text", "answer")
            .first()
        )
        if origin is None:
            return None
        process = ProcessPage.objects.filter(pk=origin.process_id).first()
        if process is None:
            return None
        origin.process = origin.process_page = process
        origin.url = origin.get_url(request) if process.live else None
        return origin

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        label_fields_of_action([self], fields_of_action_for(request))
        context["origin"] = self.origin_for(request)
        context["updates"] = sorted(
            self.updates.all(),
            key=lambda update: (update.date, -(update.sort_order or 0)),
            reverse=True,
        )
        context["working_groups"] = working_groups(self)
        context["start_group_url"] = start_group_url(self)
        context["follow"] = follow_button(request, self)
        return context


class VisionUpdate(Orderable):
    """A dated report on the implementation of a vision."""

    vision = ParentalKey(VisionPage, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=120)
    text = RichTextField(_("text"), features=["bold", "italic", "link", "ol", "ul"])

    api_fields = [APIField("date"), APIField("title"), APIField("text")]
    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("implementation update")
        verbose_name_plural = _("implementation updates")
        ordering = ["-date", "sort_order"]

    def __str__(self):
        return self.title
