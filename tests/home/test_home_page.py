"""The home page shows what is happening now, in the reader's language: running processes with
what residents can do and until when, the next events, the newest stories, open needs of the
board; pages editors pinned come first. It follows publishing and the calendar without an edit,
its "ways to take part" cards are links, and its queries do not grow with the content."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape

from wagtail.models import PageViewRestriction

import pytest
import time_machine

from cms.pagecache import SHARED_MAX_AGE
from home.models.pages import HomePagePin
from home.now import EVENTS, STORIES
from tests.conftest import in_german, main_of, queries_of, translate
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    StandardPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.participation.factories import ActionGroupFactory, BoardEntryFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory
from visions.models import ProcessPhase

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days(number):
    return TODAY + datetime.timedelta(days=number)


def section(html, name):
    """The ``<section>`` of the home page whose heading id is ``home-<name>-heading``."""
    marker = f'id="home-{name}-heading"'
    if marker not in html:
        return ""
    return html.split(marker, 1)[1].split("</section>", 1)[0]


def home_html(client, path="/de/"):
    response = client.get(path)
    assert response.status_code == 200
    return main_of(response)


def phrase(msgid, language="de"):
    """The text of ``msgid`` before its ``{date}`` placeholder, as the reader sees it."""
    if language == "de":
        return escape(in_german(msgid).split("{date}")[0].strip())
    return escape(msgid.split("{date}")[0].strip())


def day(value):
    return f'<time datetime="{value.isoformat()}">{formats.date_format(value, "MONTH_DAY_FORMAT")}'


@pytest.fixture
def indexes(site_homes):
    home, home_en = site_homes
    found = {
        "stories": StoryIndexPageFactory(parent=home),
        "events": EventIndexPageFactory(parent=home),
        "processes": ProcessIndexPageFactory(parent=home),
    }
    for name, index in list(found.items()):
        found[f"{name}_en"] = translate(index, home_en.locale, title=f"{name} (en)")
    return found


def process_in(index, title, phases, **fields):
    process = ProcessPageFactory(parent=index, title=title, phases=phases, **fields)
    process.save_revision().publish()
    return process


SUBMIT = {"title": "Ideen sammeln", "allows_support": False}
SUPPORT = {"title": "Unterstützen", "allows_submit": False, "allows_edit": False}


# --- Running processes ----------------------------------------------------------------------


@pytest.mark.skipif(TODAY.month == 12 and TODAY.day > 20, reason="deadlines cross the year")
def test_running_processes_say_what_residents_can_do_and_until_when(client, indexes):
    collecting = process_in(
        indexes["processes"], "Ideen für den Bahnhof", [{**SUBMIT, "end": days(10)}]
    )
    supporting = process_in(
        indexes["processes"], "Zukunft der Dorfschule", [{**SUPPORT, "end": days(5)}]
    )
    process_in(
        indexes["processes"],
        "Dorfmitte 2020",
        [{"start": days(-400), "end": days(-300)}],
    )

    html = section(home_html(client), "processes")
    assert f'href="{collecting.url}"' in html and f'href="{supporting.url}"' in html
    assert "Dorfmitte 2020" not in html
    collecting_card = html.split("Ideen für den Bahnhof", 1)[1].split("</li>", 1)[0]
    assert f"{phrase('Submit proposals until {date}')} {day(days(10))}" in collecting_card
    assert "Ideen sammeln" in collecting_card
    assert f'href="{collecting.submit_url()}"' in collecting_card
    supporting_card = html.split("Zukunft der Dorfschule", 1)[1].split("</li>", 1)[0]
    assert f"{phrase('Support proposals until {date}')} {day(days(5))}" in supporting_card
    assert collecting.submit_url() not in supporting_card
    assert supporting.submit_url() not in supporting_card


def test_a_new_phase_shows_without_an_edit(client, indexes):
    """Time passes: the next request shows the next phase; nobody saves anything, so no
    cache generation starts, and the page may be shared only for a minute."""
    process = process_in(
        indexes["processes"],
        "Ideen für den Bahnhof",
        [
            {**SUBMIT, "start": days(-5), "end": days(2)},
            {**SUPPORT, "start": days(3), "end": days(20)},
        ],
    )
    response = client.get("/de/")
    assert response["Cache-Control"] == f"public, max-age=0, s-maxage={SHARED_MAX_AGE}"
    html = section(main_of(response), "processes")
    assert phrase("Submit proposals until {date}") in html
    assert f'href="{process.submit_url()}"' in html

    with time_machine.travel(timezone.now() + datetime.timedelta(days=4), tick=False):
        html = section(home_html(client), "processes")
    assert phrase("Support proposals until {date}") in html
    assert phrase("Submit proposals until {date}") not in html
    assert process.submit_url() not in html

    # The same when an editor's dates move the phase (the rows changed, no page published).
    ProcessPhase.objects.filter(process=process, title="Unterstützen").update(
        start=days(-1), end=days(30)
    )
    ProcessPhase.objects.filter(process=process, title="Ideen sammeln").update(
        start=days(-9), end=days(-2)
    )
    html = section(home_html(client), "processes")
    assert phrase("Support proposals until {date}") in html


def test_processes_are_in_the_readers_language(client, indexes, site_homes):
    german = process_in(indexes["processes"], "Ideen für den Bahnhof", [SUBMIT])
    english = translate(german, site_homes[1].locale, title="Ideas for the station")
    only_german = process_in(indexes["processes"], "Nur auf Deutsch", [SUBMIT])

    german_html = section(home_html(client, "/de/"), "processes")
    english_html = section(home_html(client, "/en/"), "processes")
    assert german.title in german_html and only_german.title in german_html
    assert english.title not in german_html
    assert english.title in english_html
    assert german.title not in english_html and only_german.title not in english_html
    assert phrase("Submit proposals until {date}", "en") in english_html


def test_an_unpublished_or_private_process_is_absent(client, indexes):
    draft = process_in(indexes["processes"], "Entwurf", [SUBMIT])
    draft.unpublish()
    private = process_in(indexes["processes"], "Nur für Mitglieder", [SUBMIT])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    html = home_html(client)
    assert "Entwurf" not in html and "Nur für Mitglieder" not in html
    assert 'id="home-processes-heading"' not in html


# --- Events and stories ---------------------------------------------------------------------


def test_the_next_events_in_the_readers_language(client, indexes, site_homes):
    now = timezone.now()
    events = [
        EventPageFactory(
            parent=indexes["events"],
            title=f"Werkstatt {number}",
            start=now + datetime.timedelta(days=number + 1),
            end=now + datetime.timedelta(days=number + 1, hours=2),
        )
        for number in range(EVENTS + 1)
    ]
    EventPageFactory(
        parent=indexes["events"],
        title="Vorbei",
        start=now - datetime.timedelta(days=2),
        end=now - datetime.timedelta(days=2, hours=-2),
    )
    english = translate(events[0], site_homes[1].locale, title="Workshop in English")

    response = client.get("/de/")
    html = section(main_of(response), "events")
    shown = [event.title for event in events if f'href="{event.url}"' in html]
    assert shown == [event.title for event in events[:EVENTS]]
    assert html.index(events[0].title) < html.index(events[1].title)
    assert "Vorbei" not in html and english.title not in html
    # Each event says how many of its places are free (the factory's events take ten).
    assert all(event["seats"].free_places == 10 for event in response.context["now"]["events"])
    assert html.count("10 Plätze frei") == EVENTS

    english_html = section(home_html(client, "/en/"), "events")
    assert english.title in english_html and "Werkstatt 1" not in english_html


def test_the_newest_stories_in_the_readers_language(client, indexes, site_homes):
    stories = [
        StoryPageFactory(parent=indexes["stories"], title=f"Geschichte {n}", date=days(-n))
        for n in range(STORIES + 1)
    ]
    draft = StoryPageFactory(parent=indexes["stories"], title="Entwurf", live=False)
    english = translate(stories[3], site_homes[1].locale, title="A story in English")

    html = section(home_html(client), "stories")
    assert [s.title for s in stories if s.title in html] == [s.title for s in stories[:STORIES]]
    assert draft.title not in html and english.title not in html
    english_html = section(home_html(client, "/en/"), "stories")
    assert english.title in english_html and "Geschichte 0" not in english_html


def test_a_story_just_published_appears_at_once(
    client, indexes, django_capture_on_commit_callbacks
):
    """Publishing starts a new page cache generation (nginx replaces its copies) and nothing
    in the application keeps the old home page: the next request shows the story."""
    from cms.pagecache import current
    from tests.cms.test_page_cache import commit_pending

    StoryPageFactory(parent=indexes["stories"], title="Ältere Geschichte", date=days(-3))
    assert "Neu im Dorfladen" not in home_html(client)
    commit_pending()
    generation = current()
    story = StoryPageFactory.build(title="Neu im Dorfladen", date=TODAY)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        indexes["stories"].add_child(instance=story)
        story.save_revision().publish()
    assert current() != generation
    html = section(home_html(client), "stories")
    assert html.index("Neu im Dorfladen") < html.index("Ältere Geschichte")


# --- Pinned pages ---------------------------------------------------------------------------


def pin(home, *pages):
    for order, page in enumerate(pages):
        HomePagePin.objects.create(home=home, page=page, sort_order=order)


def test_pinned_pages_come_first_in_their_sections(client, indexes, site_homes):
    home, _home_en = site_homes
    old_story = StoryPageFactory(parent=indexes["stories"], title="Alte Geschichte", date=days(-90))
    for n in range(STORIES):
        StoryPageFactory(parent=indexes["stories"], title=f"Neue Geschichte {n}", date=days(-n))
    later = EventPageFactory(
        parent=indexes["events"],
        title="Später im Jahr",
        start=timezone.now() + datetime.timedelta(days=90),
        end=timezone.now() + datetime.timedelta(days=90, hours=2),
    )
    EventPageFactory(parent=indexes["events"], title="Bald")
    finished = process_in(
        indexes["processes"], "Abgeschlossen", [{"start": days(-90), "end": days(-60)}]
    )
    process_in(indexes["processes"], "Läuft", [SUBMIT])
    pin(home, old_story, later, finished)

    html = home_html(client)
    stories = section(html, "stories")
    assert stories.index("Alte Geschichte") < stories.index("Neue Geschichte 0")
    assert "Neue Geschichte 2" not in stories  # the pinned one takes a place
    events = section(html, "events")
    assert events.index("Später im Jahr") < events.index("Bald")
    processes = section(html, "processes")
    assert processes.index("Abgeschlossen") < processes.index("Läuft")
    assert escape(in_german("Finished")) in processes.split("Läuft")[0]


def test_pins_of_the_german_page_show_the_english_translations(client, indexes, site_homes):
    home, _home_en = site_homes
    old_story = StoryPageFactory(parent=indexes["stories"], title="Alte Geschichte", date=days(-90))
    english_old = translate(old_story, site_homes[1].locale, title="An old story")
    for n in range(STORIES):
        story = StoryPageFactory(parent=indexes["stories"], title=f"Neu {n}", date=days(-n))
        translate(story, site_homes[1].locale, title=f"New {n}")
    german_only = StoryPageFactory(parent=indexes["stories"], title="Nur deutsch", date=days(-99))
    pin(home, german_only, old_story)

    html = section(home_html(client, "/en/"), "stories")
    assert html.index(english_old.title) < html.index("New 0")
    assert "Nur deutsch" not in html and "Alte Geschichte" not in html


def test_a_past_pinned_event_gives_way(client, indexes, site_homes):
    past = EventPageFactory(
        parent=indexes["events"],
        title="Vorbei",
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    pin(site_homes[0], past)
    EventPageFactory(parent=indexes["events"], title="Bald")
    html = section(home_html(client), "events")
    assert "Bald" in html and "Vorbei" not in html


def test_deleting_a_pinned_page_removes_its_pin(client, indexes, site_homes):
    story = StoryPageFactory(parent=indexes["stories"], title="Gelöscht")
    pin(site_homes[0], story)
    story.delete()
    assert not HomePagePin.objects.exists()
    assert client.get("/de/").status_code == 200


def test_only_stories_events_and_processes_can_be_pinned(site_homes):
    home = site_homes[0]
    other = StandardPageFactory(parent=home, title="Impressum")
    with pytest.raises(ValidationError):
        HomePagePin(home=home, page=other).clean()
    story_index = StoryIndexPageFactory(parent=home)
    HomePagePin(home=home, page=StoryPageFactory(parent=story_index)).clean()


# --- Open needs -----------------------------------------------------------------------------


def test_open_needs_of_readable_groups_only(client, site_homes):
    group = ActionGroupFactory(name="Dorfladen Carlow")
    BoardEntryFactory(group=group, title="Ein Kühlregal")
    BoardEntryFactory(group=group, title="Erledigt", closed_at=timezone.now())
    BoardEntryFactory(group=group, title="Verborgen", moderation="hidden")
    BoardEntryFactory(group=group, title="Ein Angebot", kind="offer")
    hidden_group = ActionGroupFactory(name="Verborgene Gruppe", moderation="hidden")
    BoardEntryFactory(group=hidden_group, title="Aus verborgener Gruppe")

    html = section(home_html(client), "needs")
    assert "Ein Kühlregal" in html and "Dorfladen Carlow" in html
    for absent in ("Erledigt", "Verborgen", "Ein Angebot", "Aus verborgener Gruppe"):
        assert absent not in html
    assert 'id="home-needs-heading"' in home_html(client, "/en/")


# --- The ways to take part ------------------------------------------------------------------


def cards_block(cards):
    return [
        {
            "type": "card_grid",
            "value": {
                "heading": "Fünf Wege, mitzumachen",
                "intro": "",
                "cards": [
                    {"type": "item", "value": card, "id": str(uuid.uuid4())} for card in cards
                ],
            },
        }
    ]


def card(title, **link):
    return {
        "title": title,
        "text": "Text",
        "page": None,
        "area": "",
        "external_url": "",
        "link_label": "",
        **link,
    }


def test_cards_with_a_target_are_links_in_both_languages(client, indexes, site_homes):
    home, home_en = site_homes
    home.body = cards_block(
        [
            card("Information", page=indexes["stories"].pk, link_label="Zu den Geschichten"),
            card("Vernetzung", area="action_groups", link_label="Zu den Aktionsgruppen"),
            card("Ohne Ziel"),
        ]
    )
    home.save_revision().publish()
    home_en.body = cards_block(
        [card("Information", page=indexes["stories"].pk), card("Networking", area="action_groups")]
    )
    home_en.save_revision().publish()

    html = home_html(client)
    linked = html.split('class="card card--linked"')
    assert len(linked) == 3
    assert f'href="{indexes["stories"].url}"' in linked[1]
    assert f'href="{reverse("participation:groups")}"' in linked[2].split("</li>")[0]
    assert "Ohne Ziel" in html and html.count("card__link") == 2

    english = home_html(client, "/en/")
    assert f'href="{indexes["stories_en"].url}"' in english
    networking = english.split("Networking", 1)[1].split("</li>", 1)[0]
    assert 'href="/en/' in networking


# --- Costs ----------------------------------------------------------------------------------


def grow(indexes, home, number):
    now = timezone.now()
    for n in range(number):
        StoryPageFactory(parent=indexes["stories"], date=days(-n))
        EventPageFactory(
            parent=indexes["events"],
            start=now + datetime.timedelta(days=n + 1),
            end=now + datetime.timedelta(days=n + 1, hours=2),
        )
        process_in(indexes["processes"], f"Prozess {home.pk}-{n}-{now.timestamp()}", [SUBMIT])
        BoardEntryFactory()
        HomePagePin.objects.create(
            home=home, page=StoryPageFactory(parent=indexes["stories"], date=days(-50 - n))
        )


def test_the_home_page_costs_the_same_queries_with_more_content(client, indexes, site_homes):
    home = site_homes[0]
    grow(indexes, home, 1)
    _response, before = queries_of(client, "/de/")
    grow(indexes, home, 4)
    response, after = queries_of(client, "/de/")
    assert section(main_of(response), "stories").count('class="teaser"') == STORIES
    assert len(after) == len(before), [query["sql"] for query in after]
    _response, english = queries_of(client, "/en/")
    assert len(english) <= len(after)


def test_the_home_page_shows_what_is_happening_while_redis_is_stopped(
    client, shared_cache, indexes
):
    """Redis makes the frame fast, never the home page possible: its lists come from the
    database on every request."""
    process_in(indexes["processes"], "Ideen für den Bahnhof", [SUBMIT])
    shared_cache.stop()
    html = section(home_html(client), "processes")
    assert "Ideen für den Bahnhof" in html
