"""The page-based resources of the read API: Wagtail's pages API v2 at /api/v1/pages/ (every
published, public page with the fields its type declares in ``api_fields``)."""

import datetime

from django.conf import settings
from django.core.exceptions import FieldError, ValidationError
from django.db.models import Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

import django_filters
from drf_spectacular.utils import extend_schema_field
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from cms.taxonomy import FieldOfAction
from home.models import EventPage, PlacePage
from home.models.places import PlaceKind
from participation.models import Proposal
from participation.rules.registrations import seat_summaries
from visions.models import ProcessPage, ProcessPhase, VisionPage

from .base import (
    AddressRateThrottle,
    ChangedSinceFilter,
    IdFilter,
    JSONOnly,
    ReadOnlyResource,
    StrictFilterSet,
    conditional,
    error_body,
    public_pages,
)
from .schema import MAX_PAGE_OFFSET
from .serializers import (
    EventSerializer,
    PlaceSerializer,
    ProcessSerializer,
    VisionSerializer,
    absolute_html,
)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Published pages without a view restriction on them or an ancestor, for everybody alike:
    a session that entered a page's password sees no more here than anybody else."""

    renderer_classes = [JSONRenderer]
    content_negotiation_class = JSONOnly
    throttle_classes = [AddressRateThrottle]
    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"format", "_"}

    def get_base_queryset(self):
        return super().get_base_queryset().public()

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["indent"] = None
        return context

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        for name, value in self.request.GET.items():
            if not value.strip():
                raise BadRequestError(
                    _("%(name)s: give a value, or leave this parameter out.") % {"name": name}
                )
            if "\x00" in value:
                # No database takes it (SQLite would not even end the string).
                raise BadRequestError(
                    _("%(name)s: null characters are not allowed.") % {"name": name}
                )
        offset = self.request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_PAGE_OFFSET:
            raise BadRequestError(
                _("offset cannot be higher than %(max)s") % {"max": MAX_PAGE_OFFSET}
            )
        language = self.request.GET.get("locale")
        if language is not None and language not in dict(settings.LANGUAGES):
            raise BadRequestError(
                _("locale must be one of: %(choices)s")
                % {"choices": ", ".join(code for code, _name in settings.LANGUAGES)}
            )

    def listing_view(self, request):
        # Wagtail passes the values of field filters (?title=…, ?first_published_at=…) to the
        # database as they come: a value of the wrong type is the reader's mistake, not ours.
        try:
            return super().listing_view(request)
        except (ValidationError, ValueError, FieldError) as error:
            raise BadRequestError(_("A query parameter has a value of the wrong type.")) from error

    def detail_view(self, request, pk):
        self.check_query_parameters(self.get_queryset())
        return super().detail_view(request, pk)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response(error_body("not_found", _("Not found.")), status=404)
        if isinstance(exc, BadRequestError):
            return Response(error_body("invalid", str(exc), {"query": [str(exc)]}), status=400)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return conditional(request, response)

    @classmethod
    def get_urlpatterns(cls):
        # Only the listing and the detail: "find" answers with redirects into the site's routing.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "find"]


pages_router = WagtailAPIRouter("api")
pages_router.register_endpoint("pages", PublicPagesAPIViewSet)


# --- Page-based resources: processes, visions, events, places -------------------------------------


NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

LANGUAGE_CHOICES = [(code, code) for code, _name in settings.LANGUAGES]


class PageFilter(StrictFilterSet):
    language = django_filters.ChoiceFilter(
        field_name="locale__language_code",
        choices=LANGUAGE_CHOICES,
        help_text=_lazy("Only pages in this language (de or en); default: all languages."),
    )
    field_of_action = extend_schema_field({"type": "string", "maxLength": 80})(
        django_filters.CharFilter(
            method="filter_field_of_action",
            max_length=80,
            help_text=_lazy("Only pages in this field of action (its slug)."),
        )
    )
    changed_since = ChangedSinceFilter(field_name="last_published_at")

    def filter_field_of_action(self, queryset, name, value):
        # A subquery rather than a join: a page may hold a field in two languages (same slug).
        tagged = queryset.model.objects.filter(fields_of_action__slug=value).values("pk")
        return queryset.filter(pk__in=tagged)


class PageResource(ReadOnlyResource):
    """What the page-based resources share: published, public pages, each language version an
    item of its own, with its address, summary and fields of action (named in the request's
    language) read for the whole page of results at once."""

    model = None
    filterset_class = PageFilter
    ordering = "-first_published_at"
    # Keyset pagination needs values that are never null: a page put online without being
    # published (imports) has no publishing dates, and sorts as the oldest.
    ordering_fields = {
        "first_published_at": "api_first_published",
        "last_published_at": "api_last_published",
        "title": "title",
    }
    last_modified_field = "last_published_at"
    prefetch = ("fields_of_action",)

    def get_queryset(self):
        return (
            public_pages(self.model)
            .annotate(
                api_first_published=Coalesce("first_published_at", Value(NEVER)),
                api_last_published=Coalesce("last_published_at", Value(NEVER)),
            )
            .defer_streamfields()
            .select_related("locale")
            .prefetch_related(*self.prefetch)
        )

    def prepare(self, items):
        fields = FieldOfAction.for_language() if items else {}
        for item in items:
            item.api_url = item.get_full_url(self.request)
            item.api_summary = item.listing_summary or getattr(item, "intro", "")
            tagged = {}
            for field in item.fields_of_action.all():
                tagged.setdefault(field.slug, fields.get(field.slug, field))
            item.api_fields_of_action = [
                {"slug": slug, "name": field.name} for slug, field in tagged.items()
            ]
        self.prepare_type(items)

    def prepare_type(self, items):
        """Read what the serializer needs for these items of one type at once (subclasses)."""


# Processes


def process_state_filter(today):
    running = ProcessPhase.objects.filter(process=OuterRef("pk"), start__lte=today, end__gte=today)
    coming = ProcessPhase.objects.filter(process=OuterRef("pk"), start__gt=today)
    return {
        "open": Q(Exists(running)),
        "upcoming": ~Q(Exists(running)) & Q(Exists(coming)),
        "closed": ~Q(Exists(running)) & ~Q(Exists(coming)),
    }


class ProcessFilter(PageFilter):
    state = django_filters.ChoiceFilter(
        method="filter_state",
        choices=[(state, state) for state in ("upcoming", "open", "closed")],
        help_text=_lazy("Only processes in this state: upcoming, open or closed."),
    )

    class Meta:
        model = ProcessPage
        fields = []

    def filter_state(self, queryset, name, value):
        return queryset.filter(process_state_filter(timezone.localdate())[value])


class ProcessResource(PageResource):
    """Vision processes: their phases, their state today and how many proposals they have."""

    model = ProcessPage
    serializer_class = ProcessSerializer
    filterset_class = ProcessFilter
    prefetch = ("fields_of_action", "phases")

    def prepare_type(self, items):
        today = timezone.localdate()
        counts = (
            dict(
                Proposal.objects.readable()
                .filter(
                    process__translation_key__in={item.translation_key for item in items},
                    process__in=public_pages(ProcessPage).values("pk"),
                )
                .order_by()
                .values("process__translation_key")
                .annotate(count=Count("pk"))
                .values_list("process__translation_key", "count")
            )
            if items
            else {}
        )
        for item in items:
            item.api_phases = item.phase_timeline(today)
            if any(phase.is_active for phase in item.api_phases):
                item.api_state = "open"
            elif any(phase.start > today for phase in item.api_phases):
                item.api_state = "upcoming"
            else:
                item.api_state = "closed"
            item.api_proposal_count = counts.get(item.translation_key, 0)


# Visions


class VisionFilter(PageFilter):
    status = django_filters.ChoiceFilter(
        choices=VisionPage.Status.choices,
        help_text=_lazy("Only visions with this implementation status."),
    )
    process = IdFilter(
        field_name="origin__process_id",
        help_text=_lazy("Only visions that grew out of a proposal of this process (id)."),
    )

    class Meta:
        model = VisionPage
        fields = []


class VisionResource(PageResource):
    """Adopted visions (Zielbilder) with their implementation reports."""

    model = VisionPage
    serializer_class = VisionSerializer
    filterset_class = VisionFilter
    prefetch = ("fields_of_action", "updates")

    def prepare_type(self, items):
        origins = {item.origin_id for item in items if item.origin_id}
        visible = (
            set(
                Proposal.objects.readable()
                .filter(pk__in=origins, process__in=public_pages(ProcessPage).values("pk"))
                .values_list("pk", flat=True)
            )
            if origins
            else set()
        )
        for item in items:
            item.api_origin_proposal = item.origin_id if item.origin_id in visible else None
            item.api_updates = sorted(
                item.updates.all(),
                key=lambda update: (update.date, -(update.sort_order or 0)),
                reverse=True,
            )
            for update in item.api_updates:
                update.api_text = absolute_html(update.text, self.request)


def find_vision(pk):
    return public_pages(VisionPage).filter(pk=pk).first()


# Events


class EventFilter(PageFilter):
    state = django_filters.ChoiceFilter(
        method="filter_state",
        choices=[("upcoming", "upcoming"), ("past", "past")],
        help_text=_lazy("upcoming: not yet over; past: over."),
    )
    municipality = extend_schema_field({"type": "string", "maxLength": 120})(
        django_filters.CharFilter(
            field_name="place__municipality",
            max_length=120,
            help_text=_lazy("Only events at a place in this municipality (its name as stored)."),
        )
    )
    place = IdFilter(field_name="place_id", help_text=_lazy("Only events at this place (id)."))

    class Meta:
        model = EventPage
        fields = []

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        return (
            queryset.filter(end__gte=now) if value == "upcoming" else queryset.filter(end__lt=now)
        )


class EventResource(PageResource):
    """Events with their place and, where people register on the site, their seats."""

    model = EventPage
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering = "start"
    ordering_fields = {**PageResource.ordering_fields, "start": "start"}

    def get_queryset(self):
        return super().get_queryset().select_related("place")

    def prepare_type(self, items):
        seats = seat_summaries(items)
        places = {item.place_id for item in items if item.place_id}
        public = (
            set(public_pages(PlacePage).filter(pk__in=places).values_list("pk", flat=True))
            if places
            else set()
        )
        for item in items:
            item.api_seats = seats[item.pk]
            place = item.place if item.place_id in public else None
            item.api_place = place and {
                "id": place.pk,
                "title": place.title,
                "url": place.get_full_url(self.request),
            }


# Places


class PlaceFilter(PageFilter):
    municipality = extend_schema_field({"type": "string", "maxLength": 120})(
        django_filters.CharFilter(
            max_length=120,
            help_text=_lazy("Only places in this municipality (its name as stored)."),
        )
    )
    kind = django_filters.ChoiceFilter(
        choices=PlaceKind.choices, help_text=_lazy("Only places of this kind.")
    )

    class Meta:
        model = PlacePage
        fields = []


class PlaceResource(PageResource):
    """Coworking spaces, makerspaces and other places of the region, with their location."""

    model = PlacePage
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilter
    ordering = "title"

    def prepare_type(self, items):
        for item in items:
            town = " ".join(part for part in (item.postcode, item.municipality) if part)
            item.api_address = ", ".join(part for part in (item.street, town) if part)
