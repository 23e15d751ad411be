"""Passende Formate: the events and learning paths a group page suggests, by the group's fields
of action and the stage of its undertakings, and the stages editors mark on formats."""

import datetime

from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from participation.formats import group_stages, suitable_formats
from participation.hosts import STAGE_ADJECTIVES
from tests.cms.factories import FieldOfActionFactory
from tests.conftest import in_german, translate
from tests.home.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    LearningPathIndexPageFactory,
    LearningPathPageFactory,
)
from tests.home.test_events import a_while_ago, event_at, next_summer
from tests.participation.factories import ActionGroupFactory, UndertakingFactory

# The catalogue: the site (layout cache), per format type its pages (with their view
# restrictions) and fields of action, and the index pages.
COLD_QUERIES = 10


@pytest.fixture
def fields(db):
    return {
        "orte": FieldOfActionFactory(slug="orte", name="Kreativorte"),
        "verwaltung": FieldOfActionFactory(slug="verwaltung", name="Verwaltung"),
    }


@pytest.fixture
def indexes(site_homes):
    home_de = site_homes[0]
    return (
        EventIndexPageFactory(parent=home_de),
        LearningPathIndexPageFactory(parent=home_de),
    )


def event(index, title, fields, start=None, **stages):
    page = event_at(index, start or next_summer(), title=title, **stages)
    page.fields_of_action.set(fields)
    page.save()
    return page


def path(index, title, fields, **stages):
    return LearningPathPageFactory(parent=index, title=title, fields_of_action=fields, **stages)


def suggestions(group, language="de"):
    request = RequestFactory().get("/")
    with translation.override(language):
        context = suitable_formats(request, group)
        html = render_to_string("participation/groups/formats.html", context, request=request)
    titles = [f.title for f in context["formats_events"] + context["formats_others"]]
    return titles, html


def test_stages_come_from_the_undertakings():
    assert group_stages([]) == {"founding"}
    assert group_stages(["idea", "running"]) == {"founding", "running"}
    assert group_stages(["planning", "done"]) == {"planning"}
    assert group_stages(["done", "paused"]) == set()


@pytest.mark.django_db
def test_formats_fit_by_field_of_action_and_stage(indexes, fields):
    events, paths = indexes
    event(events, "Gründungswerkstatt", [fields["orte"]], suits_founding=True)
    event(events, "Planungstag", [fields["orte"]], suits_planning=True)
    event(events, "Verwaltungsforum", [fields["verwaltung"]], suits_founding=True)
    event(events, "Ohne Stufe", [fields["orte"]])
    path(paths, "Ideen prüfen", [fields["orte"]], suits_founding=True, suits_running=True)
    path(paths, "Betrieb sichern", [fields["orte"]], suits_running=True)
    founding = ActionGroupFactory(fields_of_action=[fields["orte"]])
    planning = ActionGroupFactory(fields_of_action=[fields["orte"]])
    UndertakingFactory(group=planning, status="planning")
    UndertakingFactory(group=planning, status="done")

    titles, html = suggestions(founding)
    assert titles == ["Gründungswerkstatt", "Ideen prüfen"]
    assert "Gründungswerkstatt" in html and "Ideen prüfen" in html
    assert 'id="formats-heading"' in html

    titles, _html = suggestions(planning)
    assert titles == ["Planungstag"]


@pytest.mark.django_db
def test_past_and_unpublished_formats_are_not_suggested(indexes, fields):
    events, paths = indexes
    event(events, "Vorbei", [fields["orte"]], start=a_while_ago(), suits_founding=True)
    draft = event(events, "Entwurf", [fields["orte"]], suits_founding=True)
    draft.unpublish()
    hidden_path = path(paths, "Zurückgezogen", [fields["orte"]], suits_founding=True)
    hidden_path.unpublish()
    running = event(
        events,
        "Läuft gerade",
        [fields["orte"]],
        start=timezone.now() - datetime.timedelta(hours=1),
        suits_founding=True,
    )
    group = ActionGroupFactory(fields_of_action=[fields["orte"]])

    titles, _html = suggestions(group)
    assert titles == [running.title]


@pytest.mark.django_db
def test_formats_are_suggested_in_the_readers_language(indexes, fields, locale_en):
    events, paths = indexes
    german = event(events, "Gründungswerkstatt", [fields["orte"]], suits_founding=True)
    translate(events, locale_en, title="Events")
    translate(german, locale_en, title="Founding workshop")
    group = ActionGroupFactory(fields_of_action=[fields["orte"]])

    assert suggestions(group, "de")[0] == ["Gründungswerkstatt"]
    titles, html = suggestions(group, "en")
    assert titles == ["Founding workshop"]
    assert "/en/" in html


@pytest.mark.django_db
def test_without_fitting_formats_the_group_is_pointed_to_the_indexes(indexes, fields):
    events, paths = indexes
    event(events, "Verwaltungsforum", [fields["verwaltung"]], suits_founding=True)
    group = ActionGroupFactory(fields_of_action=[fields["orte"]])

    titles, html = suggestions(group)
    assert titles == []
    assert events.url in html and paths.url in html


@pytest.mark.django_db
def test_at_most_three_of_each_kind_soonest_first(indexes, fields):
    events, paths = indexes
    for day in (5, 3, 4, 1, 2):
        event(
            events,
            f"Tag {day}",
            [fields["orte"]],
            start=next_summer() + datetime.timedelta(days=day),
            suits_founding=True,
        )
    for letter in "DCBA":
        path(paths, f"Pfad {letter}", [fields["orte"]], suits_founding=True)
    group = ActionGroupFactory(fields_of_action=[fields["orte"]])

    titles, _html = suggestions(group)
    assert titles == ["Tag 1", "Tag 2", "Tag 3", "Pfad A", "Pfad B", "Pfad C"]


@pytest.mark.django_db
@pytest.mark.parametrize("fitting", [1, 3])
def test_query_count_is_constant(indexes, fields, fitting, django_assert_num_queries):
    events, paths = indexes
    both = [fields["orte"], fields["verwaltung"]]
    for number in range(fitting * 4):
        event(events, f"Werkstatt {number}", both, suits_founding=True, suits_running=True)
        path(paths, f"Pfad {number}", both, suits_founding=True, suits_running=True)
    group = ActionGroupFactory(fields_of_action=both)
    for _number in range(fitting * 3):
        UndertakingFactory(group=group, status="running")
    request = RequestFactory().get("/")
    with translation.override("de"):
        suitable_formats(request, group)  # the site's root paths are cached per request
        # The catalogue of formats is built in the same queries however many there are …
        cache.clear()
        with CaptureQueriesContext(connection) as cold:
            suitable_formats(request, group)
        assert len(cold) == COLD_QUERIES
        # … and then read from the layout cache: left are the group's fields and stages.
        with django_assert_num_queries(2):
            context = suitable_formats(request, group)
    assert len(context["formats_events"]) == 3


@pytest.mark.django_db
def test_editors_mark_stages_and_the_format_page_says_so(client, indexes, fields):
    events, paths = indexes
    page = event(events, "Werkstatt", [fields["orte"]], suits_founding=True, suits_running=True)
    plain = EventPageFactory(parent=events, title="Ohne Stufen")
    html = client.get(page.url).content.decode()
    with translation.override("de"):
        stages = " / ".join(str(STAGE_ADJECTIVES[stage]) for stage in ("founding", "running"))
    assert in_german("Suits action groups that are %(stages)s", stages=stages) in html
    assert client.get(plain.url).content.decode().count("format-stages") == 0
    learning = path(paths, "Pfad", [fields["orte"]], suits_planning=True)
    assert "format-stages" in client.get(learning.url).content.decode()


@pytest.mark.django_db
def test_editors_find_the_stages_beside_the_fields_of_action(client, indexes, fields, admin_user):
    events, paths = indexes
    page = event(events, "Werkstatt", [fields["orte"]])
    learning = path(paths, "Pfad", [fields["orte"]])
    client.force_login(admin_user)
    for format_page in (page, learning):
        html = client.get(reverse("wagtailadmin_pages:edit", args=[format_page.pk])).content
        html = html.decode()
        for stage in ("founding", "planning", "running"):
            assert f'name="suits_{stage}"' in html
        assert html.index('name="fields_of_action"') < html.index('name="suits_founding"')
