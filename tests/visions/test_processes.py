"""Process pages: the index, the phase timeline, and the proposal listing with its filters,
search, sort orders, pagination, visibility, query counts and the map's GeoJSON."""

import datetime
import html
import json
import re
from types import SimpleNamespace

from django.utils import timezone, translation

import pytest

from participation.models import Proposal
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import main_of, queries_of
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory
from visions.models import phase_permissions

pytestmark = pytest.mark.django_db

TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def listed_titles(response):
    """The proposal titles of the listing, in order."""
    return [
        html.unescape(title)
        for title in re.findall(
            r'class="proposal-card__title"><a href="[^"]*">([^<]*)</a>', main_of(response)
        )
    ]


def listing_count(response):
    text = re.search(r'class="proposal-listing__count"[^>]*>\s*(\d+)', main_of(response))
    return int(text.group(1))


@pytest.fixture
def fields(db):
    return SimpleNamespace(
        nature=FieldOfActionFactory(slug="natur", name="Natur und Landschaft", colour="green"),
        founding=FieldOfActionFactory(slug="gruendungen", name="Ländliche Gründungen"),
    )


@pytest.fixture
def index(site_homes):
    home_de, _home_en = site_homes
    return ProcessIndexPageFactory(parent=home_de)


@pytest.fixture
def process(index, fields, settings):
    settings.PLACES_MAP_TILE_URL = TILE_URL
    return ProcessPageFactory(
        parent=index,
        title="Enkeltaugliche Region 2040",
        slug="region-2040",
        question="Wie soll unsere Region 2040 aussehen?",
        fields_of_action=[fields.nature, fields.founding],
        phases=[
            {
                "title": "Ideen sammeln",
                "start": days(-30),
                "end": days(-11),
                "allows_submit": True,
                "allows_support": False,
            },
            {
                "title": "Unterstützen",
                "start": days(-10),
                "end": days(10),
                "allows_submit": False,
                "allows_edit": False,
                "allows_comment": True,
                "allows_support": True,
            },
            {
                "title": "Auswahl und Umsetzung",
                "start": days(11),
                "end": days(60),
                "allows_submit": False,
                "allows_edit": False,
                "allows_comment": False,
                "allows_support": False,
            },
        ],
    )


def proposal(process, fields, **kwargs):
    kwargs.setdefault("field_of_action", fields.nature)
    return ProposalFactory(process=process, **kwargs)


# The process index and the process page


def test_index_lists_running_processes_first_with_phase_and_counts(index, process, fields):
    finished = ProcessPageFactory(
        parent=index,
        title="Abgeschlossen 2023",
        phases=[{"title": "Sammeln", "start": days(-100), "end": days(-50)}],
    )
    upcoming = ProcessPageFactory(
        parent=index,
        title="Anfang 2030",
        phases=[{"title": "Vorbereitung", "start": days(20), "end": days(40)}],
    )
    first = proposal(process, fields, support_count=3)
    proposal(process, fields, support_count=4)
    proposal(process, fields, moderation=Proposal.Moderation.PENDING, support_count=9)
    assert first.process_id == process.pk

    response = index_response = None
    from django.test import Client

    index_response = Client().get(index.url)
    response = main_of(index_response)
    assert index_response.status_code == 200
    assert response.index("Enkeltaugliche Region 2040") < response.index("Anfang 2030")
    assert response.index("Enkeltaugliche Region 2040") < response.index("Abgeschlossen 2023")
    running = response.split('id="running-processes-heading"', 1)[1].split("</section>", 1)[0]
    assert "Enkeltaugliche Region 2040" in running
    assert finished.title not in running and upcoming.title not in running
    assert "Unterstützen" in running
    # Published proposals only: the pending one counts neither as proposal nor with its supports.
    assert re.search(r"2\s+Vorschläge", running) or re.search(r"2\s+proposals", running)
    assert re.search(r"7\s+(Unterstützungen|supports)", running)


def test_timeline_marks_the_active_phase(client, process):
    response = client.get(process.url)
    assert response.status_code == 200
    page = main_of(response)
    timeline = page.split('class="timeline"', 1)[1].split("</ol>", 1)[0]
    phases = re.findall(
        r"<li class=\"timeline__phase[^\"]*\"([^>]*)>\s*<h3[^>]*>([^<]*)</h3>", timeline
    )
    assert [title for _attrs, title in phases] == [
        "Ideen sammeln",
        "Unterstützen",
        "Auswahl und Umsetzung",
    ]
    assert [("aria-current" in attrs) for attrs, _title in phases] == [False, True, False]
    assert 'aria-current="step"' in phases[1][0]
    assert f'datetime="{days(-10).isoformat()}"' in timeline
    # What residents may do in the running phase is spelled out.
    active = timeline.split('aria-current="step"', 1)[1].split("</li>", 1)[0]
    with translation.override("de"):
        expected = ", ".join(str(label) for label in phase_permissions(process.phases.all()[1]))
    assert expected in active
    assert str(phase_permissions(process.phases.all()[0])[0]) not in active


def test_submit_call_to_action_only_when_the_phase_allows_it(client, index, process):
    submit_url = process.url + process.reverse_subpage("submit")
    assert submit_url not in main_of(client.get(process.url))

    open_process = ProcessPageFactory(parent=index, phases=[{"allows_submit": True}])
    page = main_of(client.get(open_process.url))
    assert f'href="{open_process.url}{open_process.reverse_subpage("submit")}"' in page


def test_process_page_shows_question_intro_and_fields(client, process):
    page = main_of(client.get(process.url))
    assert "Wie soll unsere Region 2040 aussehen?" in page
    assert process.intro in page
    assert "Natur und Landschaft" in page and "Ländliche Gründungen" in page


def test_routes_have_the_contract_names(process):
    assert process.reverse_subpage("listing") == ""
    assert process.reverse_subpage("submit") == "vorschlaege/neu/"
    assert process.reverse_subpage("proposal", kwargs={"pk": 7}) == "vorschlaege/7/"
    assert process.reverse_subpage("edit", kwargs={"pk": 7}) == "vorschlaege/7/bearbeiten/"
    assert process.reverse_subpage("withdraw", kwargs={"pk": 7}) == "vorschlaege/7/zurueckziehen/"
    assert process.reverse_subpage("support", kwargs={"pk": 7}) == "vorschlaege/7/unterstuetzen/"
    assert process.reverse_subpage("geojson") == "karte/"


def test_map_tile_origin_is_allowed_only_on_the_process_page(client, process):
    response = client.get(process.url)
    policy = response["Content-Security-Policy"]
    img_src = next(d for d in policy.split(";") if d.split()[0] == "img-src")
    assert "https://tile.openstreetmap.org" in img_src.split()
    page = main_of(response)
    assert "data-places-map" in page
    assert f'data-geojson-url="{process.url}karte/"' in page


# Listing: filters and search


def test_filter_by_field_of_action(client, process, fields):
    proposal(process, fields, title="Blühwiesen", field_of_action=fields.nature)
    proposal(process, fields, title="Gründerzentrum", field_of_action=fields.founding)
    response = client.get(process.url, {"field": "gruendungen"})
    assert listed_titles(response) == ["Gründerzentrum"]
    assert listing_count(response) == 1


def test_filter_by_state_and_qualified(client, process, fields):
    proposal(process, fields, title="Angenommen", state=Proposal.State.ACCEPTED)
    proposal(process, fields, title="Abgelehnt", state=Proposal.State.REJECTED)
    proposal(process, fields, title="Qualifiziert", qualified_at=timezone.now())
    assert listed_titles(client.get(process.url, {"state": "accepted"})) == ["Angenommen"]
    assert listed_titles(client.get(process.url, {"state": "rejected"})) == ["Abgelehnt"]
    response = client.get(process.url, {"state": "qualified"})
    assert listed_titles(response) == ["Qualifiziert"]
    assert "badge--qualified" in main_of(response)


def test_filter_by_municipality(client, process, fields):
    proposal(process, fields, title="In Wismar", municipality="Wismar")
    proposal(process, fields, title="In Mölln", municipality="Mölln")
    proposal(process, fields, title="Ohne Ort")
    response = client.get(process.url, {"municipality": "Mölln"})
    assert listed_titles(response) == ["In Mölln"]


def test_search_is_case_insensitive_in_title_summary_and_text(client, process, fields):
    proposal(process, fields, title="Radweg nach Klütz")
    proposal(process, fields, title="Zweiter", summary="Ein RADWEG entlang der Bahn")
    proposal(process, fields, title="Dritter", text="Wir brauchen einen Radweg.\n\nBald.")
    proposal(process, fields, title="Bibliothek")
    response = client.get(process.url, {"q": "radweg", "sort": "newest"})
    assert sorted(listed_titles(response)) == ["Dritter", "Radweg nach Klütz", "Zweiter"]
    assert listing_count(response) == 3
    assert 'value="radweg"' in main_of(response)


def test_filters_combine(client, process, fields):
    proposal(
        process, fields, title="Treffer", municipality="Wismar", field_of_action=fields.founding
    )
    proposal(
        process, fields, title="Falscher Ort", municipality="Mölln", field_of_action=fields.founding
    )
    proposal(process, fields, title="Falsches Feld", municipality="Wismar")
    response = client.get(process.url, {"municipality": "Wismar", "field": "gruendungen"})
    assert listed_titles(response) == ["Treffer"]


@pytest.mark.parametrize(
    "query",
    [
        {"field": "gibt-es-nicht"},
        {"state": "deleted"},
        {"municipality": "Atlantis"},
        {"sort": "oldest"},
        {"page": "abc"},
        {"page": "9999"},
        {"q": "x" * 500},
        {"field": "natur", "sort": "'; DROP TABLE", "state": ["x", "y"]},
    ],
)
def test_invalid_parameters_give_a_normal_page(client, process, fields, query):
    proposal(process, fields, title="Immer da")
    response = client.get(process.url, query)
    assert response.status_code == 200
    if "q" not in query:
        assert listed_titles(response) == ["Immer da"]


def test_filter_form_is_labelled(client, process):
    page = main_of(client.get(process.url))
    form = page.split('<form class="filter-form"', 1)[1].split("</form>", 1)[0]
    for name in ("q", "field", "state", "municipality", "sort"):
        assert f'<label for="id_{name}">' in form
    assert 'type="search"' in form
    assert 'role="search"' in page.split('<form class="filter-form"', 1)[1][:200]


# Listing: sorting


def test_sort_newest_most_supported_and_most_discussed(client, process, fields):
    old = proposal(process, fields, title="Alt", support_count=5, comment_count=1)
    middle = proposal(process, fields, title="Mitte", support_count=1, comment_count=9)
    new = proposal(process, fields, title="Neu", support_count=3, comment_count=4)
    now = timezone.now()
    for item, age in ((old, 3), (middle, 2), (new, 1)):
        Proposal.objects.filter(pk=item.pk).update(created_at=now - datetime.timedelta(days=age))
    assert listed_titles(client.get(process.url, {"sort": "newest"})) == ["Neu", "Mitte", "Alt"]
    assert listed_titles(client.get(process.url, {"sort": "supported"})) == ["Alt", "Neu", "Mitte"]
    assert listed_titles(client.get(process.url, {"sort": "discussed"})) == ["Mitte", "Neu", "Alt"]


def test_withdrawn_proposals_are_marked_and_last(client, process, fields):
    proposal(process, fields, title="Zurückgezogen", support_count=50, withdrawn_at=timezone.now())
    proposal(process, fields, title="Aktiv", support_count=1)
    for sort in ("random", "newest", "supported", "discussed"):
        response = client.get(process.url, {"sort": sort})
        assert listed_titles(response) == ["Aktiv", "Zurückgezogen"]
    assert "badge--withdrawn" in main_of(response)


@pytest.fixture
def many(process, fields):
    return [proposal(process, fields, title=f"Idee {number:02d}") for number in range(30)]


def test_random_order_is_the_default_and_stable_within_a_session(client, process, many):
    client.force_login(UserFactory())
    first = listed_titles(client.get(process.url))
    second = listed_titles(client.get(process.url))
    assert first == second
    assert len(first) == 20
    assert listed_titles(client.get(process.url, {"sort": "random"})) == first
    # The next page continues the same order without repeating anything.
    rest = listed_titles(client.get(process.url, {"page": 2}))
    assert len(rest) == 10 and not set(rest) & set(first)


def test_random_order_differs_between_sessions_and_from_creation_order(client, process, many):
    newest_first = [item.title for item in reversed(many)][:20]
    oldest_first = [item.title for item in many][:20]
    orders = set()
    for _ in range(3):
        client.force_login(UserFactory())
        order = listed_titles(client.get(process.url))
        assert order not in (newest_first, oldest_first)
        orders.add(tuple(order))
        client.logout()
    assert len(orders) > 1


def test_anonymous_readers_get_a_daily_order_and_no_cookie(client, process, many):
    first = client.get(process.url)
    assert "sessionid" not in first.cookies
    assert "public" in first["Cache-Control"]
    second = client.get(process.url)
    assert listed_titles(first) == listed_titles(second)
    assert len(set(listed_titles(first))) == 20


def test_pagination_with_twenty_per_page(client, process, many):
    first = client.get(process.url, {"sort": "newest"})
    second = client.get(process.url, {"sort": "newest", "page": 2})
    assert listed_titles(first) == [f"Idee {n:02d}" for n in range(29, 9, -1)]
    assert listed_titles(second) == [f"Idee {n:02d}" for n in range(9, -1, -1)]
    assert listing_count(first) == 30
    # The page links keep the sort order and filters.
    assert "sort=newest&amp;page=2" in main_of(first)


# Listing: who sees what


def test_only_visible_proposals_are_listed(client, process, fields):
    author = UserFactory()
    proposal(process, fields, title="Öffentlich")
    proposal(process, fields, title="Wartet", author=author, moderation="pending")
    proposal(process, fields, title="Versteckt", author=author, moderation="hidden")
    proposal(process, fields, title="Fremd wartend", moderation="pending")
    other_process = ProcessPageFactory(parent=process.get_parent())
    proposal(other_process, fields, title="Anderer Prozess")

    assert listed_titles(client.get(process.url, {"sort": "newest"})) == ["Öffentlich"]
    client.force_login(author)
    response = client.get(process.url, {"sort": "newest"})
    # Their own waiting and hidden proposals too, marked (only they see them).
    assert listed_titles(response) == ["Versteckt", "Wartet", "Öffentlich"]
    assert "private" in response["Cache-Control"]


def test_titles_and_summaries_are_escaped(client, process, fields):
    proposal(process, fields, title="<script>alert(1)</script>", summary="<b>fett</b>")
    page = main_of(client.get(process.url))
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;fett&lt;/b&gt;" in page


def test_listing_row_shows_author_field_municipality_and_supports(client, process, fields):
    author = UserFactory(display_name="Greta G.")
    item = proposal(
        process,
        fields,
        author=author,
        field_of_action=fields.founding,
        municipality="Rehna",
        support_count=12,
        state=Proposal.State.UNDER_REVIEW,
    )
    page = main_of(client.get(process.url))
    card = page.split('class="proposal-card', 1)[1].split("</article>", 1)[0]
    assert f'href="{process.url}vorschlaege/{item.pk}/"' in card
    assert "Greta G." in card and "Rehna" in card and "Ländliche Gründungen" in card
    assert re.search(r"12\s+(Unterstützungen|supports)", card)
    assert "badge--under_review" in card


def test_translated_process_lists_the_proposals_of_the_original(client, process, fields, locale_en):
    proposal(process, fields, title="Aus dem Original")
    english = process.copy_for_translation(locale_en, copy_parents=True).specific
    english.title = "Future-proof region 2040"
    english.save_revision().publish()
    response = client.get(english.url)
    assert response.status_code == 200
    assert listed_titles(response) == ["Aus dem Original"]


# Query counts


def bulk_proposals(process, fields, count):
    authors = [UserFactory() for _ in range(5)]
    Proposal.objects.bulk_create(
        Proposal(
            process=process,
            author=authors[number % len(authors)],
            title=f"Massenvorschlag {number}",
            summary="Kurz.",
            text="Lang.",
            field_of_action=fields.nature if number % 2 else fields.founding,
            municipality="Wismar" if number % 3 else "",
            support_count=number % 17,
            comment_count=number % 5,
        )
        for number in range(count)
    )


def listing_queries(client, url, query):
    response, queries = queries_of(client, url, query)
    assert response.status_code == 200
    assert len(listed_titles(response)) == 20
    return len(queries)


@pytest.mark.parametrize("sort", ["random", "supported"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_query_count_does_not_grow_with_the_proposals(client, index, fields, sort, signed_in):
    small = ProcessPageFactory(parent=index)
    large = ProcessPageFactory(parent=index)
    bulk_proposals(small, fields, 25)
    bulk_proposals(large, fields, 1000)
    if signed_in:
        client.force_login(UserFactory())
    counts = [listing_queries(client, page.url, {"sort": sort}) for page in (small, large)]
    assert counts[0] == counts[1]


# GeoJSON for the map


def test_geojson_lists_located_visible_proposals_with_the_filters(client, process, fields):
    located = proposal(
        process,
        fields,
        title="Mit Ort",
        latitude="53.89100",
        longitude="11.46500",
        municipality="Wismar",
        field_of_action=fields.founding,
        support_count=4,
    )
    proposal(process, fields, title="Ohne Ort")
    proposal(
        process, fields, title="Wartet", latitude="53.7", longitude="11.0", moderation="pending"
    )
    proposal(process, fields, title="Anderes Feld", latitude="53.6", longitude="10.9")

    response = client.get(process.url + "karte/", {"field": "gruendungen"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    collection = json.loads(response.content)
    assert collection["type"] == "FeatureCollection"
    assert [feature["properties"]["title"] for feature in collection["features"]] == ["Mit Ort"]
    feature = collection["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [11.465, 53.891]}
    assert feature["properties"]["url"] == f"{process.url}vorschlaege/{located.pk}/"
    assert feature["properties"]["municipality"] == "Wismar"
    assert feature["properties"]["kind"] == "Ländliche Gründungen"
    assert feature["properties"]["supports"] == 4

    everything = json.loads(client.get(process.url + "karte/").content)
    assert sorted(f["properties"]["title"] for f in everything["features"]) == [
        "Anderes Feld",
        "Mit Ort",
    ]
    assert client.get(process.url + "karte/", {"state": "nonsense"}).status_code == 200


def test_map_link_carries_the_filters(client, process):
    page = main_of(client.get(process.url, {"field": "natur", "q": "Wald", "sort": "newest"}))
    url = re.search(r'data-geojson-url="([^"]*)"', page).group(1)
    assert html.unescape(url).startswith(f"{process.url}karte/?")
    assert "field=natur" in url and "q=Wald" in url and "sort=" not in url


def test_listing_has_the_support_form_for_residents(client, process, fields):
    item = proposal(process, fields, title="Unterstützenswert")
    anonymous = main_of(client.get(process.url))
    assert f'action="{process.url}vorschlaege/{item.pk}/unterstuetzen/"' not in anonymous
    assert "/konto/" in anonymous or "login" in anonymous

    client.force_login(UserFactory())
    page = main_of(client.get(process.url))
    form = page.split("data-support-form", 1)[1].split("</form>", 1)[0]
    assert f'action="{process.url}vorschlaege/{item.pk}/unterstuetzen/"' in page
    assert 'name="action" value="add"' in form
    assert "csrfmiddlewaretoken" in form


def test_the_english_listing_links_to_working_proposal_pages(client, process, fields, locale_en):
    original = proposal(process, fields, title="Aus dem Original")
    english = process.copy_for_translation(locale_en, copy_parents=True).specific
    english.title = "Future-proof region 2040"
    english.save_revision().publish()
    submitted_in_english = proposal(english, fields, title="Submitted in English")
    response = client.get(english.url)
    assert sorted(listed_titles(response)) == ["Aus dem Original", "Submitted in English"]
    links = {
        html.unescape(title): href
        for href, title in re.findall(
            r'class="proposal-card__title"><a href="([^"]*)">([^<]*)</a>', main_of(response)
        )
    }
    # Each proposal lives below the language version it was submitted on.
    assert links["Aus dem Original"] == process.proposal_url(None, original.pk)
    assert links["Submitted in English"] == english.proposal_url(None, submitted_in_english.pk)
    for href in links.values():
        assert client.get(href).status_code == 200
    german = client.get(process.url)
    assert sorted(listed_titles(german)) == ["Aus dem Original", "Submitted in English"]


@pytest.mark.parametrize(
    ("route", "status"),
    [("support", 405), ("submit", 302), ("edit", 302), ("withdraw", 302)],
)
def test_redirects_and_refusals_of_process_routes_are_never_public(
    client, process, fields, route, status
):
    assert "public" in client.get(process.url)["Cache-Control"]
    pk = proposal(process, fields).pk
    kwargs = None if route == "submit" else {"pk": pk}
    response = client.get(process.url + process.reverse_subpage(route, kwargs=kwargs))
    assert response.status_code == status
    cache_control = response["Cache-Control"]
    assert "public" not in cache_control and "private" in cache_control
