"""Event listing, event pages and their iCalendar files."""

import datetime
import itertools
import re

from django.utils import timezone

import pytest
from icalendar import Calendar

from home.models import EventPage
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, queries_of
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    PlaceIndexPageFactory,
    PlacePageFactory,
)

pytestmark = pytest.mark.django_db


def next_summer(hour_utc=12):
    """1 July of next year, always in the future and in summer time (UTC+2 in Berlin)."""
    return datetime.datetime(timezone.now().year + 1, 7, 1, hour_utc, tzinfo=datetime.UTC)


def a_while_ago(days=30):
    return timezone.now() - datetime.timedelta(days=days)


def event_at(index, start, **fields):
    fields.setdefault("end", start + datetime.timedelta(hours=2))
    return EventPageFactory(parent=index, start=start, **fields)


SLUG_NUMBERS = itertools.count()


def add_events(index, count, *, start, step=datetime.timedelta(hours=1)):
    """``count`` live events without revisions: much faster than publishing each one."""
    for offset in range(count):
        number = next(SLUG_NUMBERS)
        begin = start + offset * step
        index.add_child(
            instance=EventPage(
                title=f"Termin {number}",
                slug=f"termin-{number}",
                intro="Ein Termin.",
                organiser="LANDVORTEIL",
                address="Am Markt 1, Wismar",
                start=begin,
                end=begin + datetime.timedelta(hours=1),
                capacity=10,
            )
        )


@pytest.fixture
def indexes(site_homes):
    """The German event index and its English translation."""
    home_de, home_en = site_homes
    index_de = EventIndexPageFactory(parent=home_de, intro="Workshops und Treffen.")
    index_de.save_revision().publish()
    index_en = index_de.copy_for_translation(home_en.locale).specific
    index_en.title = "Events"
    index_en.save_revision().publish()
    return index_de, index_en


@pytest.fixture
def index_de(indexes):
    return indexes[0]


@pytest.fixture
def index_en(indexes):
    return indexes[1]


def section(html, heading_id):
    """The HTML of the <section> labelled by ``heading_id``."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, flags=re.S
    )
    assert match, heading_id
    return match.group(0)


@pytest.mark.parametrize("language", ["de", "en"])
def test_index_lists_upcoming_and_past_events_in_its_language(client, indexes, language):
    index = indexes[0] if language == "de" else indexes[1]
    other = indexes[1] if language == "de" else indexes[0]
    event_at(index, next_summer(), title="Zukunftswerkstatt")
    event_at(index, a_while_ago(), title="Rückblick")
    event_at(other, next_summer(), title="Other language")

    response = client.get(index.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "Zukunftswerkstatt" in section(html, "upcoming-heading")
    assert "Rückblick" in section(html, "past-heading")
    assert "Rückblick" not in section(html, "upcoming-heading")
    if language == "de":
        assert "Other language" not in html
    else:
        # German-only events are listed on the English index with a label
        # (tests/home/test_language_indexes.py), unless the reader chooses English only.
        assert 'lang="de">Other language</a>' in html
        assert "Other language" not in client.get(index.url + "?languages=own").content.decode()
    assert "ical/" in section(html, "calendar-heading")


def test_index_filters_by_field_of_action_and_place(client, index_de, site_homes):
    field = FieldOfActionFactory(slug="orte", name="Kreativ- und Innovationsorte")
    places = PlaceIndexPageFactory(parent=site_homes[0])
    place = PlacePageFactory(parent=places, title="Werkraum Grevesmühlen", slug="werkraum")
    tagged = event_at(index_de, next_summer(), title="Mit Handlungsfeld", place=place)
    tagged.fields_of_action.set([field])
    tagged.save()
    event_at(index_de, next_summer(), title="Ohne Handlungsfeld")

    by_field = client.get(index_de.url, {"field": "orte"}).content.decode()
    assert "Mit Handlungsfeld" in by_field and "Ohne Handlungsfeld" not in by_field
    by_place = client.get(index_de.url, {"place": "werkraum"}).content.decode()
    assert "Mit Handlungsfeld" in by_place and "Ohne Handlungsfeld" not in by_place
    assert '<option value="werkraum"' in by_place
    assert "Werkraum Grevesmühlen" in section(by_place, "upcoming-heading")


@pytest.mark.parametrize(
    "query",
    [
        {"field": "gibt-es-nicht"},
        {"place": "<script>"},
        {"page": "abc"},
        {"page": "9999"},
        {"field": ["a", "b"], "place": "", "page": "-1"},
    ],
)
def test_index_ignores_invalid_filter_values(client, index_de, query):
    event_at(index_de, next_summer(), title="Bleibt sichtbar")
    event_at(index_de, a_while_ago(), title="Auch vergangen")

    response = client.get(index_de.url, query)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bleibt sichtbar" in html and "Auch vergangen" in html


def test_past_events_are_paginated(client, index_de):
    add_events(index_de, 13, start=a_while_ago(60))

    first = client.get(index_de.url).content.decode()
    second = client.get(index_de.url, {"page": 2}).content.decode()

    assert section(first, "past-heading").count('class="teaser"') == 12
    assert section(second, "past-heading").count('class="teaser"') == 1
    assert 'rel="next"' in first


def test_index_query_count_does_not_grow_with_the_number_of_events(client, index_de, site_homes):
    field = FieldOfActionFactory(slug="verwaltung")
    places = PlaceIndexPageFactory(parent=site_homes[0])
    place = PlacePageFactory(parent=places)
    for start in (next_summer(), a_while_ago()):
        event = event_at(index_de, start, place=place)
        event.fields_of_action.set([field])
        event.save()
    add_events(index_de, 4, start=next_summer())
    add_events(index_de, 4, start=a_while_ago(90))

    response, captured = queries_of(client, index_de.url)
    assert response.status_code == 200
    few = len(captured)
    add_events(index_de, 95, start=next_summer(14))
    add_events(index_de, 95, start=a_while_ago(200))
    assert EventPage.objects.child_of(index_de).count() == 200
    response, many = queries_of(client, index_de.url)

    assert response.status_code == 200
    # A hundred upcoming events come 24 to a page, the last page holding the rest.
    upcoming = section(response.content.decode(), "upcoming-heading")
    assert upcoming.count('class="teaser"') == 24 and "?upcoming=2" in upcoming
    assert len(many) == few, [query["sql"] for query in many]
    last = client.get(index_de.url, {"upcoming": 5}).content.decode()
    assert section(last, "upcoming-heading").count('class="teaser"') == 100 - 4 * 24


def test_event_page_shows_time_in_berlin_place_organiser_and_places(client, index_en, site_homes):
    places = PlaceIndexPageFactory(parent=site_homes[0])
    place = PlacePageFactory(parent=places, title="Coworking Wismar", street="Am Hafen 2")
    event = event_at(
        index_en,
        next_summer(hour_utc=12),
        title="Prototyping workshop",
        place=place,
        organiser="Kreativraum e. V.",
        capacity=12,
    )
    year = next_summer().year

    response = client.get(event.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Prototyping workshop</h1>" in html
    assert f'<time datetime="{year}-07-01T14:00:00+02:00">' in html
    assert f"July 1, {year}, 2 p.m.</time> – <time" in html
    assert f'<time datetime="{year}-07-01T16:00:00+02:00">4 p.m.</time>' in html
    assert f'href="{place.url}">Coworking Wismar</a>' in html
    assert "Kreativraum e. V." in html
    assert "12 places free" in html
    assert 'href="' + event.url + 'ical/"' in html


def test_event_page_in_german_uses_german_dates(client, index_de):
    event = event_at(index_de, next_summer(hour_utc=7), address="Am Markt 1\n23936 Grevesmühlen")
    html = client.get(event.url).content.decode()
    assert f"1. Juli {next_summer().year}, 09:00</time> – <time" in html
    assert ">11:00</time>" in html
    assert "Am Markt 1<br>23936 Grevesmühlen" in html


def test_event_over_several_days_shows_both_dates(index_de):
    event = event_at(
        index_de, next_summer(), end=next_summer() + datetime.timedelta(days=1, hours=3)
    )
    start, end = event.schedule
    assert "1. Juli" in start and "2. Juli" in end


def test_online_event_without_registration_shows_its_link_to_everybody(client, index_en):
    event = event_at(
        index_en,
        next_summer(),
        address="",
        online_url="https://meet.example.org/werkstatt",
        registration_enabled=False,
    )
    html = client.get(event.url).content.decode()
    assert "Online" in html
    assert 'href="https://meet.example.org/werkstatt"' in html
    assert "Registration" not in html


# --- iCalendar ----------------------------------------------------------------------------------


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_event_calendar_file_has_one_event_with_escaped_text(client, index_de):
    event = event_at(
        index_de,
        next_summer(hour_utc=8),
        title="Werkstatt, Teil 1;\x0bmit Pause",
        intro="Erst reden, dann bauen;\nzum Schluss: feiern",
        address="Alte Schule\nDorfstraße 3, 19205 Gadebusch",
    )

    response = client.get(event.url + "ical/")
    calendar = parse(response)

    assert f'filename="{event.slug}.ics"' in response["Content-Disposition"]
    assert "public" in response["Cache-Control"]
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["UID"] == f"{event.translation_key}@localhost"
    assert vevent.decoded("DTSTART") == next_summer(hour_utc=8)
    assert vevent.decoded("DTEND") == next_summer(hour_utc=10)
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert vevent["SUMMARY"] == "Werkstatt, Teil 1; mit Pause"
    assert vevent["DESCRIPTION"].startswith("Erst reden, dann bauen;\nzum Schluss: feiern\n\n")
    assert vevent["DESCRIPTION"].endswith(event.get_full_url())
    assert vevent["LOCATION"] == "Alte Schule, Dorfstraße 3, 19205 Gadebusch"
    assert vevent["URL"] == event.get_full_url()
    raw = response.content.decode()
    assert "SUMMARY:Werkstatt\\, Teil 1\\; mit Pause\r\n" in raw
    assert "DESCRIPTION:Erst reden\\, dann bauen\\;\\nzum Schluss: feiern" in raw
    assert f"DTSTART:{next_summer().year}0701T080000Z\r\n" in raw


def test_event_uid_is_the_same_for_every_language_and_request(client, indexes):
    index_de, index_en = indexes
    event = event_at(index_de, next_summer())
    event.save_revision().publish()
    translation = event.copy_for_translation(index_en.locale).specific
    translation.save_revision().publish()

    uids = {
        parse(client.get(page.url + "ical/")).walk("VEVENT")[0]["UID"]
        for page in (event, translation, event)
    }
    assert uids == {f"{event.translation_key}@localhost"}


def test_event_calendar_names_the_place(client, index_de, site_homes):
    places = PlaceIndexPageFactory(parent=site_homes[0])
    place = PlacePageFactory(
        parent=places, title="Makerspace", street="Hafenstraße 5", postcode="23966"
    )
    event = event_at(index_de, next_summer(), place=place, address="")
    vevent = parse(client.get(event.url + "ical/")).walk("VEVENT")[0]
    assert vevent["LOCATION"] == "Makerspace, Hafenstraße 5, 23966 Wismar"


@pytest.mark.parametrize("language", ["de", "en"])
def test_index_calendar_holds_the_upcoming_events_of_its_language(client, indexes, language):
    index, other = indexes if language == "de" else reversed(indexes)
    later = event_at(index, next_summer() + datetime.timedelta(days=2), title="Später")
    sooner = event_at(index, next_summer(), title="Früher")
    event_at(index, a_while_ago(), title="Vorbei")
    event_at(other, next_summer(), title="Andere Sprache")

    response = client.get(index.url + "ical/")
    calendar = parse(response)

    assert "Content-Disposition" not in response
    assert calendar["X-WR-CALNAME"] == f"{index.title} – LANDVORTEIL"
    assert calendar.decoded("REFRESH-INTERVAL") == datetime.timedelta(hours=6)
    events = calendar.walk("VEVENT")
    assert [str(vevent["SUMMARY"]) for vevent in events] == ["Früher", "Später"]
    assert [str(vevent["UID"]) for vevent in events] == [
        f"{sooner.translation_key}@localhost",
        f"{later.translation_key}@localhost",
    ]


def test_calendar_of_an_index_without_events_is_valid(client, index_de):
    calendar = parse(client.get(index_de.url + "ical/"))
    assert calendar.walk("VEVENT") == []
    assert calendar["X-WR-CALNAME"]


def test_index_is_cached_publicly_for_anonymous_readers_only(client, index_de):
    assert "public" in client.get(index_de.url)["Cache-Control"]
    client.force_login(UserFactory())
    response = client.get(index_de.url)
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


# --- Places on cards and pages ------------------------------------------------------------------


def fill(event, confirmed, waiting=0):
    from participation.models import EventRegistration

    for status, count in ((EventRegistration.Status.CONFIRMED, confirmed), ("waiting", waiting)):
        for _ in range(count):
            EventRegistration.objects.create(event=event, user=UserFactory(), status=status)


def card(html, title):
    match = re.search(
        rf'<article class="teaser">(?:(?!</article>).)*{title}.*?</article>', html, re.S
    )
    assert match, title
    return match.group(0)


def test_cards_and_pages_say_how_many_places_are_free(client, index_en):
    free = event_at(index_en, next_summer(), title="Free event", capacity=5)
    fill(free, 2)
    one = event_at(index_en, next_summer(), title="One left", capacity=3)
    fill(one, 2)
    full = event_at(index_en, next_summer(), title="Full event", capacity=2)
    fill(full, 2)
    waiting = event_at(index_en, next_summer(), title="Waiting event", capacity=1)
    fill(waiting, 1, waiting=3)
    closed = event_at(
        index_en,
        next_summer(),
        title="Closed full",
        capacity=1,
        registration_deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    fill(closed, 1)
    event_at(index_en, next_summer(), title="Open door", registration_enabled=False)

    html = section(client.get(index_en.url).content.decode(), "upcoming-heading")

    expected = {
        "Free event": ("free", "3 places free"),
        "One left": ("free", "1 place free"),
        "Full event": ("waiting", "Booked out – waiting list open"),
        "Waiting event": ("waiting", "Booked out – waiting list open (3 people waiting)"),
        "Closed full": ("booked-out", "Booked out"),
    }
    for title, (state, label) in expected.items():
        assert f'<p class="event-seats event-seats--{state}">{label}</p>' in card(html, title)
    assert "event-seats" not in card(html, "Open door")
    page = client.get(waiting.url).content.decode()
    assert "Booked out – waiting list open (3 people waiting)" in page
    assert "1 place in total" in page


def test_seats_are_shared_by_the_language_versions_in_german_too(client, indexes):
    index_de, index_en = indexes
    event = event_at(index_de, next_summer(), title="Werkstatt", capacity=3)
    translation = event.copy_for_translation(index_en.locale).specific
    translation.save_revision().publish()
    fill(event, 1)
    fill(translation, 1)
    assert 'event-seats--free">1 place free' in client.get(index_en.url).content.decode()


def test_index_query_count_does_not_grow_with_registrations(client, index_de):
    add_events(index_de, 3, start=next_summer())
    for event in EventPage.objects.child_of(index_de):
        fill(event, 1)
    response, few = queries_of(client, index_de.url)
    assert response.status_code == 200
    add_events(index_de, 20, start=next_summer(2))
    for event in EventPage.objects.child_of(index_de):
        fill(event, 3, waiting=2)
    response, many = queries_of(client, index_de.url)
    seven = in_german("%(free)d place free", "%(free)d places free", 7, free=7)
    assert f'event-seats--free">{seven}' in response.content.decode()
    assert len(many) == len(few), [query["sql"] for query in many]
