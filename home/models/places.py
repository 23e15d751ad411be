"""Places: coworking spaces, makerspaces and third places of the region (Kreativ- und
Innovationsorte), with a map that loads nothing from a tile server until the reader asks."""

import json
import re
from decimal import Decimal
from urllib.parse import urlencode

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.search import index

from cms import apifields
from cms.listing import (
    ListingFilterForm,
    fields_of_action_field,
    fields_of_action_for,
    filtered_page,
    label_fields_of_action,
    listed,
    mark_languages,
    not_in_private_section,
)
from cms.maps import allow_map_tiles, map_context
from cms.models import BasePage, IndexPageMixin, MainImageMixin, RoutableBasePage
from participation.blocks import PageBodyBlock


def listed_places(queryset):
    return listed(queryset).order_by("municipality", "title")


class PlaceKind(models.TextChoices):
    COWORKING = "coworking", _("Coworking space")
    MAKERSPACE = "makerspace", _("Makerspace")
    THIRD_PLACE = "third_place", _("Third place")
    LAB = "lab", _("Innovation lab")
    OTHER = "other", _("Other place")


class PlaceIndexPage(IndexPageMixin, RoutableBasePage):
    """All places of one language: always as a list, as a map on request, and as GeoJSON."""

    api_fields = apifields.INDEX

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PlacePage"]
    template = "pages/place_index_page.html"
    per_page = 24

    class Meta:
        verbose_name = _("place index")
        verbose_name_plural = _("place indexes")

    def places(self, form):
        return listed_places(self.items(PlacePage, other_languages=form.other_languages()))

    def filters(self, request):
        """The filter form and its valid values."""
        form = ListingFilterForm(request.GET, fields_of_action=fields_of_action_for(request))
        return form, form.values()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fields_of_action = fields_of_action_for(request)
        form, filters = self.filters(request)
        page_obj = filtered_page(
            request, self.places(form), filters, self.per_page, fields_of_action
        )
        mark_languages(page_obj.object_list, self)
        geojson_url = self.get_url(request) + self.reverse_subpage("geojson")
        # The map shows what the list shows.
        query = {name: filters.get(name) for name in ("field", "languages") if filters.get(name)}
        if query:
            geojson_url += "?" + urlencode(query)
        context.update(
            filter_form=form,
            places=page_obj,
            filtered=any(filters.values()),
            **map_context(legend=PlaceKind.choices),
            geojson_url=geojson_url,
        )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        # The map's tiles are the only images from elsewhere, and only map pages show them.
        return allow_map_tiles(super().index_route(request, *args, **kwargs))

    # Wagtail serves page routes only at paths of letters, digits, "-" and "_" ending in "/", so
    # the feed cannot be called "places.geojson"; the media type says what it is.
    @path("geojson/", name="geojson")
    def geojson(self, request):
        """The places as a GeoJSON FeatureCollection for the map, with the list's filter."""
        form, filters = self.filters(request)
        places = (
            self.items(PlacePage, other_languages=form.other_languages())
            .live()
            .public()
            .defer_streamfields()
            .select_related("locale")
            .order_by("municipality", "title")
        )
        if filters["field"]:
            places = places.filter(fields_of_action__slug=filters["field"])
        collection = {
            "type": "FeatureCollection",
            "features": [place.geojson_feature(request) for place in places],
        }
        return HttpResponse(
            json.dumps(collection, ensure_ascii=False),
            content_type="application/geo+json; charset=utf-8",
        )


class PlacePage(MainImageMixin, BasePage):
    """A place where people work, make and meet."""

    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(PageBodyBlock(), verbose_name=_("description"), blank=True)
    street = models.CharField(_("street and number"), max_length=160, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=120)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
        help_text=_("Decimal degrees, e.g. 53.86627"),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
        help_text=_("Decimal degrees, e.g. 10.68639"),
    )
    opening_hours = models.TextField(_("opening hours"), max_length=600, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    fields_of_action = fields_of_action_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        *MainImageMixin.image_panels,
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("municipality")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
            ],
            heading=_("Opening hours and contact"),
        ),
        FieldPanel("body"),
        FieldPanel("fields_of_action"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("municipality"),
        index.FilterField("kind"),
    ]

    api_fields = [
        *apifields.PAGE,
        APIField("kind"),
        APIField("intro"),
        APIField("street"),
        APIField("postcode"),
        APIField("municipality"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("opening_hours"),
        APIField("website"),
        APIField("body"),
        apifields.fields_of_action(),
    ]

    parent_page_types = ["home.PlaceIndexPage"]
    subpage_types = []
    template = "pages/place_page.html"

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")

    upcoming_events_shown = 5

    @property
    def teaser_meta(self):
        return f"{self.get_kind_display()} · {self.municipality}"

    @property
    def phone_uri(self):
        """The phone number as a ``tel:`` link: "+49 (0)3841 123-45" → "tel:+49384112345"."""
        phone = self.phone.strip()
        digits = re.sub(r"\D", "", phone.replace("(0)", ""))
        if not digits:
            return ""
        return "tel:" + ("+" if phone.startswith("+") else "") + digits

    @property
    def website_label(self):
        return re.sub(r"^https?://(www\.)?", "", self.website).rstrip("/")

    def geojson_feature(self, request=None):
        return {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(self.longitude), float(self.latitude)],
            },
            "properties": {
                "title": self.title,
                "url": self.get_url(request),
                "kind": str(self.get_kind_display()),
                "marker": self.kind,
                "municipality": self.municipality,
            },
        }

    def upcoming_events(self):
        """The next live events at this place in its language, in one query.

        Translated events keep pointing at the original place, so events are matched by the
        place's translation key. A place being created (no key saved yet) has none.
        """
        if self.pk is None:
            return []
        # The event model through the reverse relation of its ``place``: events.py imports
        # this module, not the other way round.
        event_model = self._meta.get_field("events").related_model
        return list(
            event_model.objects.live()
            .filter(
                not_in_private_section(),
                place__translation_key=self.translation_key,
                locale_id=self.locale_id,
                end__gte=timezone.now(),
            )
            .defer_streamfields()
            .select_related("locale")
            .order_by("start", "pk")[: self.upcoming_events_shown]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        label_fields_of_action([self], fields_of_action_for(request))
        context["upcoming_events"] = self.upcoming_events()
        return context
