"""Action groups and their undertakings in the site search: readable groups are found in both
languages by name, purpose and municipality, an undertaking is found as its group with a note;
hidden and waiting groups (and the undertakings of hidden groups) are never found, and the
index follows moderation, editing and deleting."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

import pytest

from cms.roles import MODERATORS
from participation import services
from participation.models import ActionGroup, Undertaking
from search import documents
from search.models import SearchDocument
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import main_of
from tests.participation.factories import ActionGroupFactory
from tests.search.test_search import links, search, titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def homes(site_homes):
    return site_homes


@pytest.fixture
def moderator(db):
    return UserFactory(group=MODERATORS, display_name="Moderatorin")


def group_url(group, language="de"):
    with translation.override(language):
        return reverse("participation:group", kwargs={"pk": group.pk})


def undertaking(group, title, description="Was wir vorhaben."):
    return Undertaking.objects.create(group=group, title=title, description=description)


def test_a_readable_group_is_found_in_both_languages_by_name_purpose_and_municipality(
    client, homes
):
    group = ActionGroupFactory(
        name="Reparaturcafé Mölln",
        purpose="Wir flicken Fahrräder und Toaster.",
        municipality="Mölln",
    )
    for language in ("de", "en"):
        for text in ("Reparaturcafé", "Toaster", "Mölln"):
            response = search(client, text, language)
            assert titles(response) == ["Reparaturcafé Mölln"], (language, text)
            assert links(response) == [group_url(group, language)]
    assert group_url(group, "en").startswith("/en/")
    assert group_url(group, "de") != group_url(group, "en")


def test_an_undertaking_is_found_as_its_group_with_a_note(client, homes):
    group = ActionGroupFactory(name="Werkstatt am Hafen", purpose="Gemeinsam bauen.")
    vorhaben = undertaking(group, "Lastenrad-Verleih", "Drei Lastenräder für das Dorf.")
    for language in ("de", "en"):
        response = search(client, "Lastenräder", language)
        assert titles(response) == ["Werkstatt am Hafen"]
        assert links(response) == [f"{group_url(group, language)}#undertaking-{vorhaben.pk}"]
        # The matched words are marked (PostgreSQL stems "Lastenräder" to "Lastenrad").
        with translation.override(language):
            note = translation.gettext("Undertaking: %(title)s") % {"title": "Lastenrad-Verleih"}
        assert note in re.sub(r"<[^>]+>", "", main_of(response))


@pytest.mark.parametrize("state", [ActionGroup.Moderation.PENDING, ActionGroup.Moderation.HIDDEN])
def test_waiting_and_hidden_groups_and_their_undertakings_are_never_found(client, homes, state):
    group = ActionGroupFactory(name="Geheimgruppe Zebra", purpose="Zebrastreifen", moderation=state)
    undertaking(group, "Zebra-Vorhaben", "Zebras zählen")
    assert not SearchDocument.objects.filter(context="Geheimgruppe Zebra").exists()
    for language in ("de", "en"):
        response = search(client, "Zebra", language)
        assert titles(response) == []
        assert "Geheimgruppe" not in main_of(response)


def test_moderation_takes_a_group_and_its_undertakings_out_and_back(client, homes, moderator):
    group = ActionGroupFactory(name="Dorfladen Gruppe", purpose="Ein Laden für Klütz.")
    undertaking(group, "Dorfladen eröffnen", "Regale und Kasse")
    assert len(titles(search(client, "Dorfladen"))) == 2
    services.moderate(group, "hide", moderator, reason="spam")
    assert titles(search(client, "Dorfladen")) == []
    assert titles(search(client, "Regale")) == []
    services.moderate(group, "restore", moderator)
    assert len(titles(search(client, "Dorfladen"))) == 2


def test_reports_that_hide_a_group_take_it_out_of_the_search(client, homes, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    group = ActionGroupFactory(name="Spamgruppe Kaufen", purpose="Billig kaufen.")
    for _ in range(2):
        services.report(UserFactory(), group, "spam")
    group.refresh_from_db()
    assert group.is_hidden
    assert titles(search(client, "Spamgruppe")) == []


def test_editing_and_deleting_update_the_index(client, homes):
    group = ActionGroupFactory(name="Alte Gruppe", purpose="Zuerst so.")
    vorhaben = undertaking(group, "Erstes Vorhaben", "Anfang")
    group.name = "Neue Gruppe Kranich"
    group.save()
    assert titles(search(client, "Kranich")) == ["Neue Gruppe Kranich"]
    # The undertaking shows the group's new name.
    assert titles(search(client, "Anfang")) == ["Neue Gruppe Kranich"]
    vorhaben.description = "Storch statt Anfang"
    vorhaben.save()
    assert titles(search(client, "Storch")) == ["Neue Gruppe Kranich"]
    vorhaben.delete()
    assert titles(search(client, "Storch")) == []
    group.delete()
    assert titles(search(client, "Kranich")) == []
    assert not SearchDocument.objects.filter(title__contains="Kranich").exists()


def test_fields_of_action_filter_groups(client, homes):
    field = FieldOfActionFactory(name="Mobilität", slug="mobilitaet")
    group = ActionGroupFactory(name="Mitfahrbank Gruppe", purpose="Bänke")
    group.fields_of_action.add(field)
    document = SearchDocument.objects.get(title="Mitfahrbank Gruppe")
    assert str(field.translation_key) in document.fields_of_action
    response = search(client, "Mitfahrbank", field="mobilitaet")
    assert titles(response) == ["Mitfahrbank Gruppe"]


def test_rebuilding_keeps_readable_groups_only(client, homes):
    ActionGroupFactory(name="Sichtbare Gruppe Otter", purpose="Otter")
    hidden = ActionGroupFactory(
        name="Versteckte Gruppe Otter", purpose="Otter", moderation=ActionGroup.Moderation.HIDDEN
    )
    undertaking(hidden, "Otter-Vorhaben", "Otter")
    SearchDocument.objects.all().delete()
    documents.rebuild()
    assert titles(search(client, "Otter")) == ["Sichtbare Gruppe Otter"]


def test_script_in_a_group_is_shown_as_text(client, homes):
    ActionGroupFactory(name="<script>alert(1)</script> Gruppe Igel", purpose="<b>Igel</b>")
    html = main_of(search(client, "Igel"))
    assert "<script>alert(1)" not in html and "<b>Igel" not in html
    assert "&lt;script&gt;" in html


def test_the_search_page_costs_the_same_for_5_and_50_groups(client, homes):
    def count():
        search(client, "Gruppe")
        with CaptureQueriesContext(connection) as captured:
            response = search(client, "Gruppe")
        return len(captured.captured_queries), response

    def add(number):
        for n in range(number):
            group = ActionGroupFactory(name=f"Gruppe {n}", purpose="Gruppenarbeit")
            undertaking(group, f"Gruppenvorhaben {n}", "Gruppe plant")

    add(5)
    few, response = count()
    assert len(titles(response)) == 10
    add(45)
    many, response = count()
    assert len(titles(response)) == 10
    assert few == many
    assert re.search(r"Gruppe", main_of(response))
