import re
from types import SimpleNamespace

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import pytest

from tests.cms.factories import FieldOfActionFactory
from tests.conftest import in_german, main_of, queries_of, translate
from tests.home.factories import (
    LearningPathIndexPageFactory,
    LearningPathPageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    learning_steps,
)

pytestmark = pytest.mark.django_db

PATH_URL = "/de/handlungspfade/idee-umsetzen/"


def german_teaser_meta(audience, duration, steps):
    return " · ".join(
        [
            in_german("For: %(audience)s", audience=audience),
            in_german("Duration: %(duration)s", duration=duration),
            in_german("%(count)d step", "%(count)d steps", n=steps, count=steps),
        ]
    )


def h1s(html):
    return re.findall(r"<h1[ >](.*?)</h1>", html)


def steps_with(number, **value):
    steps = learning_steps(5)
    steps[number - 1]["value"].update(value)
    return steps


@pytest.fixture
def fields(db):
    return SimpleNamespace(
        founding=FieldOfActionFactory(slug="gruendungen", name="Ländliche Gründungen"),
        administration=FieldOfActionFactory(
            slug="verwaltung", name="Innovative Verwaltung", colour="purple"
        ),
    )


@pytest.fixture
def document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return get_document_model().objects.create(
        title="Checkliste Gründung",
        file=ContentFile(b"%PDF-1.4\n" + b"0" * 2039, name="checkliste.pdf"),
        file_size=2048,
    )


@pytest.fixture
def stories(site_homes):
    home_de, _home_en = site_homes
    index = StoryIndexPageFactory(parent=home_de)
    return SimpleNamespace(
        translated=StoryPageFactory(parent=index, title="Coworking im Dorf", slug="coworking"),
        german_only=StoryPageFactory(parent=index, title="Gründen am Hafen", slug="hafen"),
        draft=StoryPageFactory(parent=index, title="Noch nicht fertig", slug="entwurf", live=False),
    )


@pytest.fixture
def paths(site_homes, fields, stories, document):
    home_de, _home_en = site_homes
    index = LearningPathIndexPageFactory(parent=home_de, intro="Schritt für Schritt handeln.")
    idea = LearningPathPageFactory(
        parent=index,
        title="Eine Idee umsetzen",
        slug="idee-umsetzen",
        intro="Von der Idee zum ersten Angebot.",
        audience="Gründerinnen und Gründer",
        duration="etwa 3 Stunden",
        steps=steps_with(
            2,
            title="Mit Menschen sprechen",
            text="<p>Sprechen Sie mit drei Menschen aus Ihrem Ort.</p>",
            stories=[stories.translated.pk, stories.german_only.pk, stories.draft.pk],
            documents=[document.pk],
        ),
        fields_of_action=[fields.founding],
    )
    office = LearningPathPageFactory(
        parent=index,
        title="Digitale Verwaltung",
        slug="digitale-verwaltung",
        audience="Verwaltungen",
        duration="ein Tag",
        steps=learning_steps(2),
        fields_of_action=[fields.administration],
    )
    return SimpleNamespace(index=index, idea=idea, office=office)


@pytest.fixture
def paths_en(paths, stories, locale_en):
    index = translate(paths.index, locale_en, title="Learning paths", intro="Act step by step.")
    idea = translate(paths.idea, locale_en, title="Putting an idea into practice")
    translate(stories.translated, locale_en, title="Coworking in the village")
    return SimpleNamespace(index=index, idea=idea)


def test_index_lists_paths_with_audience_duration_steps_and_fields(client, paths):
    response = client.get("/de/handlungspfade/")
    html = main_of(response)
    assert response.status_code == 200
    assert len(h1s(html)) == 1
    assert f'href="{PATH_URL}"' in html
    assert 'href="/de/handlungspfade/digitale-verwaltung/"' in html
    assert german_teaser_meta("Gründerinnen und Gründer", "etwa 3 Stunden", 5) in html
    assert german_teaser_meta("Verwaltungen", "ein Tag", 2) in html
    assert "Ländliche Gründungen" in html
    assert "field-chip--purple" in html


def test_english_index_lists_the_english_paths(client, paths_en):
    response = client.get("/en/handlungspfade/")
    html = main_of(response)
    assert response.status_code == 200
    assert "<h1>Learning paths</h1>" in html
    assert 'href="/en/handlungspfade/idee-umsetzen/"' in html
    assert "Putting an idea into practice" in html
    assert "For: Gründerinnen und Gründer · Duration: etwa 3 Stunden · 5 steps" in html
    # The German-only path is listed with a language label, unless the reader picks English only.
    assert 'lang="de">Digitale Verwaltung</a>' in html
    assert "Digitale Verwaltung" not in main_of(client.get("/en/handlungspfade/?languages=own"))


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?field=gruendungen", "Eine Idee umsetzen", "Digitale Verwaltung"),
        ("?field=verwaltung", "Digitale Verwaltung", "Eine Idee umsetzen"),
    ],
)
def test_index_filters_by_field_of_action(client, paths, query, shown, hidden):
    html = client.get("/de/handlungspfade/" + query).content.decode()
    assert f">{shown}</a>" in html
    assert f">{hidden}</a>" not in html


@pytest.mark.parametrize(
    "query",
    ["?field=unknown", "?field=%00", "?field=<script>", "?page=abc", "?page=999", "?page=-1"],
)
def test_invalid_filter_and_page_values_give_the_list(client, paths, query):
    response = client.get("/de/handlungspfade/" + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>" not in html
    assert ">Eine Idee umsetzen</a>" in html


def test_path_page_lists_the_steps_in_order_and_starts_with_step_1(client, paths):
    response = client.get(PATH_URL)
    html = main_of(response)
    assert response.status_code == 200
    assert h1s(html) == ["Eine Idee umsetzen"]
    assert "Von der Idee zum ersten Angebot." in html
    assert (
        in_german(
            "For: %(audience)s · Duration: %(duration)s",
            audience="Gründerinnen und Gründer",
            duration="etwa 3 Stunden",
        )
        in html
    )
    step_list = html.split('<ol class="step-list">', 1)[1].split("</ol>", 1)[0]
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', step_list) == [
        (f"{PATH_URL}1/", "Schritt 1"),
        (f"{PATH_URL}2/", "Mit Menschen sprechen"),
        (f"{PATH_URL}3/", "Schritt 3"),
        (f"{PATH_URL}4/", "Schritt 4"),
        (f"{PATH_URL}5/", "Schritt 5"),
    ]
    assert re.search(rf'<a class="button" href="{PATH_URL}1/">[^<]*1[^<]*</a>', html)
    assert "Ländliche Gründungen" in html


def test_english_path_page(client, paths_en):
    response = client.get("/en/handlungspfade/idee-umsetzen/")
    html = main_of(response)
    assert response.status_code == 200
    assert h1s(html) == ["Putting an idea into practice"]
    assert "For: Gründerinnen und Gründer · Duration: etwa 3 Stunden" in html
    assert (
        '<a class="button" href="/en/handlungspfade/idee-umsetzen/1/">Start with step 1</a>' in html
    )


def test_step_2_shows_its_place_in_the_path_and_links_to_its_neighbours(client, paths):
    response = client.get(f"{PATH_URL}2/")
    html = main_of(response)
    assert response.status_code == 200
    assert in_german("Step %(number)s of %(total)s", number=2, total=5) in html
    assert h1s(html) == ["Mit Menschen sprechen"]
    assert html.index(">Eine Idee umsetzen</a>") < html.index("<h1>")
    assert "Sprechen Sie mit drei Menschen aus Ihrem Ort." in html
    assert re.findall(r'<a href="([^"]+)" rel="prev">', html) == [f"{PATH_URL}1/"]
    assert re.findall(r'<a href="([^"]+)" rel="next">', html) == [f"{PATH_URL}3/"]
    assert re.findall(r'<a href="([^"]+)" aria-current="step">', html) == [f"{PATH_URL}2/"]
    assert "<title>Mit Menschen sprechen – Eine Idee umsetzen – LANDVORTEIL</title>" in (
        response.content.decode()
    )


def test_first_and_last_steps_have_one_neighbour(client, paths):
    first = client.get(f"{PATH_URL}1/").content.decode()
    assert 'rel="prev"' not in first
    assert f'<a href="{PATH_URL}2/" rel="next">' in first
    last = main_of(client.get(f"{PATH_URL}5/"))
    assert f'<a href="{PATH_URL}4/" rel="prev">' in last
    assert 'rel="next"' not in last
    assert in_german("Step %(number)s of %(total)s", number=5, total=5) in last
    assert f'<a href="{PATH_URL}">' in last


@pytest.mark.parametrize("step", ["0/", "6/", "99/", "abc/", "-1/"])
def test_steps_out_of_range_are_not_found(client, paths, step):
    assert client.get(PATH_URL + step).status_code == 404


def test_step_links_live_stories_in_the_readers_language(client, paths, paths_en):
    german = main_of(client.get(f"{PATH_URL}2/"))
    assert '<a href="/de/geschichten/coworking/">Coworking im Dorf</a>' in german
    assert '<a href="/de/geschichten/hafen/">Gründen am Hafen</a>' in german
    assert "Noch nicht fertig" not in german

    english = main_of(client.get("/en/handlungspfade/idee-umsetzen/2/"))
    assert "Step 2 of 5" in english
    assert '<a href="/en/geschichten/coworking/">Coworking in the village</a>' in english
    assert "Coworking im Dorf" not in english
    # Without an English translation the German story is the one to read.
    assert '<a href="/de/geschichten/hafen/">Gründen am Hafen</a>' in english
    assert "Noch nicht fertig" not in english
    assert re.findall(r'<a href="([^"]+)" rel="next">', english) == [
        "/en/handlungspfade/idee-umsetzen/3/"
    ]


def test_step_offers_its_documents_with_type_and_size(client, paths, document):
    html = main_of(client.get(f"{PATH_URL}2/"))
    assert f'<a href="{document.url}">Checkliste Gründung' in html
    assert document.url == f"/documents/{document.pk}/checkliste.pdf"
    assert re.search(r"\(PDF, 2[.,]0\xa0KB\)", html)
    other_step = main_of(client.get(f"{PATH_URL}3/"))
    assert "/documents/" not in other_step


def test_step_query_count_does_not_grow_with_linked_stories(client, paths, stories):
    _response, captured = queries_of(client, f"{PATH_URL}2/")
    three_stories = len(captured)
    more = [
        StoryPageFactory(parent=stories.translated.get_parent(), slug=f"mehr-{n}").pk
        for n in range(6)
    ]
    idea = paths.idea
    idea.steps = steps_with(2, stories=[stories.translated.pk, *more], documents=[])
    idea.save_revision().publish()
    response, seven_stories = queries_of(client, f"{PATH_URL}2/")
    assert response.content.decode().count('href="/de/geschichten/') == 7
    assert len(seven_stories) <= three_stories


def test_index_query_count_does_not_grow_with_paths(client, paths, fields):
    for number in range(8):
        LearningPathPageFactory(
            parent=paths.index, slug=f"pfad-{number}", fields_of_action=[fields.founding]
        )
    _response, captured = queries_of(client, "/de/handlungspfade/")
    ten_paths = len(captured)
    for number in range(8, 198):
        LearningPathPageFactory(
            parent=paths.index,
            slug=f"pfad-{number}",
            steps=learning_steps(4),
            fields_of_action=[fields.founding, fields.administration],
        )
    response, two_hundred_paths = queries_of(client, "/de/handlungspfade/")
    assert response.content.decode().count('class="teaser"') == 12
    assert len(two_hundred_paths) == ten_paths
