"""Events: workshops and formats of the Kompetenzaufbau, with registration."""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
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
    label_fields_of_action,
    listed,
    mark_languages,
    paginate,
    prefetch_renditions,
)
from cms.localization import locale_id_of
from cms.models import BasePage, IndexPageMixin, MainImageMixin, RoutableBasePage
from cms.pagecache import SHARED_MAX_AGE
from participation import rules as registration_rules
from participation.blocks import PageBodyBlock
from participation.forms.registrations import GroupRegistrationForm
from participation.hosts import CompetenceFormatMixin, RegistrationHostMixin

from ..calendar import build_calendar, calendar_response
from .places import PlacePage


def listed_events(queryset):
    return listed(queryset).select_related("place")


def with_seats(events):
    """Give each event its ``seats`` (:class:`participation.rules.SeatSummary`) for the event
    cards, in one query for all of them."""
    summaries = registration_rules.seat_summaries(events)
    for event in events:
        event.seats = summaries[event.pk]
    return events


def format_moment(value, with_date=True):
    """A point in time in the reader's language and the site's time zone (Europe/Berlin)."""
    value = timezone.localtime(value)
    time = formats.time_format(value, "TIME_FORMAT")
    if not with_date:
        return time
    return f"{formats.date_format(value, 'l')}, {formats.date_format(value, 'DATE_FORMAT')}, {time}"


def localized_places(events):
    """{event pk: its live place in the reader's language (else the original)}, in at most one
    query (none when every place is in the reader's language already)."""
    places = [event.place for event in events if event.place_id]
    translations = {}
    if places and not all(place.locale_id == locale_id_of(get_language()) for place in places):
        translations = {
            place.translation_key: place
            for place in PlacePage.objects.live().filter(
                translation_key__in={place.translation_key for place in places},
                locale__language_code=get_language(),
            )
        }
    located = {}
    for event in events:
        place = event.place
        if place is not None:
            place = translations.get(place.translation_key, place)
            if place.live:
                located[event.pk] = place
    return located


def public_response(page, response):
    """Cache headers for responses that are the same for everybody who may see ``page``."""
    if page.get_view_restrictions().exists():
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=0, s_maxage=SHARED_MAX_AGE)
    return response


class EventFilterForm(ListingFilterForm):
    place = forms.ChoiceField(label=_("Place"), required=False)

    def __init__(self, data, *, fields_of_action, places):
        super().__init__(data, fields_of_action=fields_of_action)
        self.fields["place"].choices = [("", _("All places"))] + [
            (place.slug, place.title) for place in places
        ]


class EventIndexPage(IndexPageMixin, RoutableBasePage):
    """Upcoming and past events of one language, filterable, with a calendar to subscribe to."""

    # A region plans hundreds of events: the upcoming ones come in pages too.
    upcoming_per_page = 24

    api_fields = apifields.INDEX

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.EventPage"]
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def events(self):
        return listed_events(EventPage.objects.child_of(self))

    def filter_places(self):
        """The places of this index's events, for the place filter: in this index's language
        where translated (translated events keep pointing at the original place), once each."""
        fields = ("title", "slug", "translation_key", "locale_id")
        places = list(
            PlacePage.objects.live().filter(pk__in=self.events().values("place")).only(*fields)
        )
        translations = {}
        if not all(place.locale_id == self.locale_id for place in places):
            translations = {
                place.translation_key: place
                for place in PlacePage.objects.live()
                .filter(
                    translation_key__in={p.translation_key for p in places},
                    locale_id=self.locale_id,
                )
                .only(*fields)
            }
        by_slug = {}
        for place in places:
            place = translations.get(place.translation_key, place)
            by_slug.setdefault(place.slug, place)
        return sorted(by_slug.values(), key=lambda place: place.title)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fields_of_action = fields_of_action_for(request)
        form = EventFilterForm(
            request.GET, fields_of_action=fields_of_action, places=self.filter_places()
        )
        filters = form.values()
        # Both lists' fields of action and renditions are loaded together below.
        events = listed_events(
            self.items(EventPage, other_languages=form.other_languages())
        ).prefetch_related(None)
        if filters["field"]:
            events = events.filter(fields_of_action__slug=filters["field"])
        if filters["place"]:
            # Translated events point at the original place; the filter names the place by
            # its slug in this index's language, which may differ from the original's.
            chosen = PlacePage.objects.filter(slug=filters["place"]).values("translation_key")
            events = events.filter(place__translation_key__in=chosen)
        # One field of action and one place at a time: the joins repeat no event, and DISTINCT
        # over every column (the body included) would cost more than the rest of the query.
        now = timezone.now()
        upcoming = paginate(
            request,
            events.filter(end__gte=now).order_by("start", "pk"),
            self.upcoming_per_page,
            param="upcoming",
        )
        past = paginate(request, events.filter(end__lt=now).order_by("-start", "-pk"), 12)
        listed = [*upcoming.object_list, *past.object_list]
        prefetch_related_objects(listed, "fields_of_action")
        prefetch_renditions(listed)
        label_fields_of_action(listed, fields_of_action)
        mark_languages(listed, self)
        places = localized_places(listed)
        for event in listed:
            event.listing_meta = event.describe_briefly(places.get(event.pk))
        # Places only matter for what is still to come.
        with_seats(upcoming.object_list)
        calendar_url = request.build_absolute_uri(
            self.get_url(request) + self.reverse_subpage("calendar")
        )
        context.update(
            filter_form=form,
            upcoming_events=upcoming,
            past_events=past,
            filtered=any(filters.values()),
            calendar_url=calendar_url,
            calendar_subscribe_url="webcal://" + calendar_url.split("://", 1)[1],
        )
        return context

    @path("ical/", name="calendar")
    def calendar_route(self, request):
        """All upcoming events of this language, as a calendar to subscribe to."""
        events = list(self.events().filter(end__gte=timezone.now()).order_by("start", "pk"))
        label_fields_of_action(events, fields_of_action_for(request))
        calendar = build_calendar(
            events,
            request,
            places=localized_places(events),
            name=f"{self.title} – {settings.WAGTAIL_SITE_NAME}",
            description=self.intro,
        )
        return public_response(self, calendar_response(calendar))


class EventPage(RegistrationHostMixin, CompetenceFormatMixin, MainImageMixin, RoutableBasePage):
    """One event. Residents reserve places here (guests too, where editors allow it); a full
    event offers a waiting list."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.ForeignKey(
        "home.PlacePage",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("One of the places on this site, or give an address below."),
    )
    address = models.TextField(
        _("address"), blank=True, max_length=400, help_text=_("Where, if not at a listed place.")
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("For online events: where to join. Shown to registered people only."),
    )
    organiser = models.CharField(_("organiser"), max_length=160)
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(PageBodyBlock(), verbose_name=_("description"), blank=True)
    fields_of_action = fields_of_action_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
                FieldPanel("address"),
                FieldPanel("online_url"),
                FieldPanel("organiser"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("guest_registration_enabled"),
            ],
            heading=_("Registration"),
        ),
        *MainImageMixin.image_panels,
        FieldPanel("body"),
        FieldPanel("fields_of_action"),
        *CompetenceFormatMixin.stage_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    api_fields = [
        *apifields.PAGE,
        APIField("intro"),
        APIField("start"),
        APIField("end"),
        APIField("address"),
        APIField("organiser"),
        APIField("registration_enabled"),
        APIField("capacity"),
        APIField("registration_deadline"),
        APIField("body"),
        apifields.fields_of_action(),
    ]

    parent_page_types = ["home.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="event_ends_after_start"
            )
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            errors["registration_deadline"] = _("The deadline must not be after the event's end.")
        if not self.place_id and not self.address.strip() and not self.online_url:
            errors["address"] = _("Choose a place, give an address or an online link.")
        if errors:
            raise ValidationError(errors)

    @property
    def no_address_label(self):
        """Where, when neither a published place nor an address is given."""
        return _("Online") if self.online_url else _("Place to be announced")

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def ends_on_start_day(self):
        return timezone.localtime(self.start).date() == timezone.localtime(self.end).date()

    @property
    def schedule(self):
        """(start, end) as the reader reads them; the end without its date on the same day."""
        return format_moment(self.start), format_moment(self.end, not self.ends_on_start_day)

    def describe_briefly(self, place):
        """When and where in one line, for listings."""
        if place is not None:
            where = place.title
        elif self.address.strip():
            where = self.address.strip().splitlines()[0]
        else:
            where = self.no_address_label
        return f"{format_moment(self.start)} · {where}"

    def search_date(self):
        return self.start

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        label_fields_of_action([self], fields_of_action_for(request))
        start, end = self.schedule
        page_url = self.get_url(request)
        registration = registration_rules.registration_state(request.user, self)
        context.update(
            place=localized_places([self]).get(self.pk),
            start_label=start,
            end_label=end,
            registration_closes_label=format_moment(self.registration_closes),
            registration=registration,
            seats=registration.seats,
            group_registration_form=(
                GroupRegistrationForm(lead_groups=registration.lead_groups)
                if registration.lead_groups
                else None
            ),
            login_url=f"{reverse('account_login')}?{urlencode({'next': page_url})}",
            my_registrations_url=reverse("participation:my_registrations"),
        )
        return context

    @path("ical/", name="calendar")
    def calendar_route(self, request):
        """This event as an iCalendar file to add to one's calendar."""
        label_fields_of_action([self], fields_of_action_for(request))
        calendar = build_calendar([self], request, places=localized_places([self]))
        return public_response(self, calendar_response(calendar, filename=f"{self.slug}.ics"))
