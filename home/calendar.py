"""iCalendar (RFC 5545) for events: one event to download, or all upcoming events of a language
as a calendar to subscribe to. The ``icalendar`` library does the folding and escaping."""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Site

from icalendar import Calendar, Event, vDuration

from home.text import without_control_characters

CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODUCT_ID = "-//LANDVORTEIL//Events//EN"
# How often subscribed calendar apps should look for new events.
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def calendar_host(request):
    """The host part of event UIDs: the site's configured name, not whatever the request used."""
    site = Site.find_for_request(request)
    return site.hostname if site is not None else request.get_host().split(":")[0]


def event_uid(event, host):
    # The translation key is shared by an event's language versions: it is one event.
    return f"{event.translation_key}@{host}"


def event_location(event, place):
    """Where the event takes place, as one line of text."""
    if place is not None:
        parts = [place.title, place.street, f"{place.postcode} {place.municipality}".strip()]
        return ", ".join(part for part in parts if part)
    if event.address.strip():
        return ", ".join(line.strip() for line in event.address.splitlines() if line.strip())
    return str(event.no_address_label)


def event_component(event, *, url, place, host, stamp):
    component = Event()
    component.add("uid", event_uid(event, host))
    component.add("dtstamp", stamp)
    component.add("dtstart", event.start.astimezone(datetime.UTC))
    component.add("dtend", event.end.astimezone(datetime.UTC))
    component.add("summary", without_control_characters(event.title))
    organiser = _("Organiser: %(organiser)s") % {"organiser": event.organiser}
    description = "\n\n".join([event.intro, organiser, url])
    component.add("description", without_control_characters(description))
    component.add("location", without_control_characters(event_location(event, place)))
    component.add("url", url)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at.astimezone(datetime.UTC))
    labels = getattr(event, "field_labels", None)
    if labels:
        component.add("categories", [label.name for label in labels])
    return component


def build_calendar(events, request, *, places=None, name=None, description=""):
    """A calendar of ``events``; ``places`` maps an event's pk to its place in this language.

    With a ``name`` the calendar is meant for subscribing and says how often to refresh.
    """
    places = places or {}
    host = calendar_host(request)
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
        if description:
            calendar.add("x-wr-caldesc", description)
        calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    for event in events:
        calendar.add_component(
            event_component(
                event,
                url=event.get_full_url(request),
                place=places.get(event.pk),
                host=host,
                stamp=stamp,
            )
        )
    return calendar


def calendar_response(calendar, filename=None):
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
