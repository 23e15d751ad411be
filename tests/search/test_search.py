"""The site search (/de/suche/, /en/search/): what it finds in which language, what it never
finds, how the index follows publishing, moderation and deleting, its filters and pages, bad
input and the suggestions while typing, through the real views.

Stemming, umlaut spellings and "did you mean" need PostgreSQL (CI runs there); SQLite searches
substrings and runs the rest.
"""

import html
import re

from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page, PageViewRestriction

import pytest

from cms.roles import MODERATORS
from participation import services
from participation.models import Comment, ModerationLogEntry, Proposal
from search.models import SearchDocument
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import main_of, translate
from tests.home.factories import StandardPageFactory, StoryIndexPageFactory, StoryPageFactory
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming and suggestions need PostgreSQL"
)
Action = ModerationLogEntry.Action


def search_url(language="de"):
    with translation.override(language):
        return reverse("search:search")


def suggest_url(language="de"):
    with translation.override(language):
        return reverse("search:suggestions")


def search(client, text, language="de", **params):
    response = client.get(search_url(language), {"q": text, **params})
    assert response.status_code == 200
    return response


def titles(response):
    """The titles of the results, in order, without their highlighting."""
    found = re.findall(
        r'<h2 class="search-result__title"><a href="[^"]*">(.*?)</a></h2>',
        main_of(response),
        re.S,
    )
    return [html.unescape(re.sub(r"<[^>]+>", "", title)).strip() for title in found]


def links(response):
    return re.findall(r'<h2 class="search-result__title"><a href="([^"]*)">', main_of(response))


def publish(page):
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def standard(parent, title, intro="", **fields):
    return publish(StandardPageFactory(parent=parent, title=title, intro=intro, **fields))


@pytest.fixture
def field(db):
    return FieldOfActionFactory(name="Mobilität", slug="mobilitaet")


@pytest.fixture
def home(site_homes):
    return site_homes[0]


@pytest.fixture
def process(home, field):
    index = publish(ProcessIndexPageFactory(parent=home, title="Beteiligung"))
    return publish(ProcessPageFactory(parent=index, title="Region 2040", fields_of_action=[field]))


@pytest.fixture
def moderator(db):
    return UserFactory(group=MODERATORS, display_name="Moderatorin")


def propose(process, field, title, text="Ein Vorschlag für die Region.", **fields):
    return ProposalFactory(process=process, field_of_action=field, title=title, text=text, **fields)


# --- The page -----------------------------------------------------------------------------------


def test_every_page_links_the_search_of_its_language(client, home, site_homes):
    assert f'href="{search_url("de")}"' in client.get(home.url).content.decode()
    assert f'href="{search_url("en")}"' in client.get(site_homes[1].url).content.decode()
    assert search_url("de") == "/de/suche/"
    assert search_url("en") == "/en/search/"


def test_the_results_page_is_not_for_search_engines(client, home):
    standard(home, "Dorfladen mit Café")
    response = search(client, "Dorfladen")
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert titles(response) == ["Dorfladen mit Café"]


def test_results_show_title_type_date_and_the_matched_words(client, home, process, field):
    page = standard(home, "Dorfladen mit Café", intro="Der Dorfladen öffnet jeden Morgen.")
    proposal = propose(process, field, "Ein Dorfladen für Rehna", text="Mit regionalem Gemüse.")
    services.create_comment(UserFactory(), proposal, "Der Dorfladen braucht Parkplätze.")

    response = search(client, "Dorfladen")
    main = main_of(response)
    assert sorted(titles(response)) == sorted(
        ["Dorfladen mit Café", "Ein Dorfladen für Rehna", "Kommentar zu „Ein Dorfladen für Rehna“"]
    )
    assert "<mark>Dorfladen</mark>" in main
    assert "Standardseite" not in main
    assert "Seite" in main and "Vorschlag" in main and "Kommentar" in main
    # The date the reader sees is Berlin's (after 23:00 UTC in winter, already the next day).
    assert f'<time datetime="{timezone.localdate(proposal.created_at):%Y-%m-%d}">' in main
    assert "3 Treffer für „Dorfladen“" in main
    assert page.url in links(response)
    assert proposal.get_url() in links(response)
    assert f"{proposal.get_url()}#comment-" in " ".join(links(response))


def test_an_empty_search_explains_itself(client, home):
    response = search(client, "")
    main = main_of(response)
    assert "Geben Sie ein, was Sie suchen" in main
    assert "search-result" not in main


# --- Languages ----------------------------------------------------------------------------------


def test_each_language_finds_its_own_pages(client, home, locale_en):
    german = standard(home, "Gründerzentrum Wismar", intro="Beratung für Gründerinnen.")
    only_german = standard(home, "Nur auf Deutsch: Gründerstammtisch")
    translate(german, locale_en, title="Start-up centre Wismar", intro="Advice for founders.")

    assert titles(search(client, "Wismar", "de")) == ["Gründerzentrum Wismar"]
    assert titles(search(client, "Wismar", "en")) == ["Start-up centre Wismar"]
    assert titles(search(client, "Gründerstammtisch", "en")) == []
    assert only_german.url not in search(client, "Deutsch", "en").content.decode()
    english = search(client, "centre", "en")
    assert '<html lang="en">' in english.content.decode()
    assert links(english) == [Page.objects.get(locale=locale_en, slug=german.slug).url]


def test_proposals_are_found_on_every_language_version_of_their_process(
    client, process, field, locale_en
):
    proposal = propose(process, field, "Rufbus für alle Dörfer")
    assert titles(search(client, "Rufbus", "en")) == []  # no English process yet
    process_en = translate(process, locale_en, title="Region 2040 (English)")
    assert titles(search(client, "Rufbus", "en")) == ["Rufbus für alle Dörfer"]
    assert links(search(client, "Rufbus", "en")) == [
        process_en.url + process_en.reverse_subpage("proposal", kwargs={"pk": proposal.pk})
    ]
    # The proposal's route is spelt in the language of the process version it is shown on.
    assert links(search(client, "Rufbus", "en"))[0].endswith(f"/proposals/{proposal.pk}/")
    assert links(search(client, "Rufbus", "de"))[0].endswith(f"/vorschlaege/{proposal.pk}/")


def test_an_unpublished_translation_is_not_found(client, home, locale_en):
    page = standard(home, "Kulturscheune Carlow")
    page.copy_for_translation(locale_en, copy_parents=True)  # a draft, not published
    assert titles(search(client, "Carlow", "de")) == ["Kulturscheune Carlow"]
    assert titles(search(client, "Carlow", "en")) == []


# --- What is never found ------------------------------------------------------------------------


def test_drafts_and_unpublished_changes_are_not_found(client, home):
    StandardPageFactory(parent=home, title="Geheimer Entwurf Wasserturm", live=False)
    page = standard(home, "Badestelle am See", intro="Öffentlich bekannt.")
    page.intro = "Unveröffentlichte Änderung Sprungturm"
    page.save_revision()  # saved, not published

    assert titles(search(client, "Wasserturm")) == []
    assert titles(search(client, "Sprungturm")) == []
    assert titles(search(client, "Badestelle")) == ["Badestelle am See"]


def test_private_pages_and_what_they_host_are_not_found(client, home, process, field):
    private = standard(home, "Interne Planung Hafenfest")
    propose(process, field, "Hafenfest mit Shuttle")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    PageViewRestriction.objects.create(
        page=process.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )

    response = search(client, "Hafenfest")
    assert titles(response) == []
    assert "Keine Treffer" in main_of(response)
    assert client.get(suggest_url(), {"q": "Hafen"}).json() == {"results": []}


def test_hidden_and_waiting_contributions_are_never_found_nor_counted(
    client, process, field, moderator
):
    hidden = propose(process, field, "Werbung für Sonnenbrillen")
    services.moderate(hidden, Action.HIDE, moderator, reason="spam")
    propose(process, field, "Sonnenbrillen im Test", moderation=Proposal.Moderation.PENDING)
    visible = propose(process, field, "Sonnendeck am Badesee")
    on_hidden = services.create_comment(UserFactory(), visible, "Sonnenbrillen bitte!")
    services.moderate(on_hidden, Action.HIDE, moderator, reason="off_topic")
    deleted = services.create_comment(UserFactory(), visible, "Sonnenbrillen später.")
    services.delete_comment(deleted.author, deleted, target=visible)

    response = search(client, "Sonnenbrillen")
    assert titles(response) == []
    assert "Sonnenbrillen</mark>" not in main_of(response)
    assert "Treffer für" not in main_of(response).replace("Keine Treffer für", "")
    assert client.get(suggest_url(), {"q": "Sonnenbr"}).json() == {"results": []}
    assert titles(search(client, "Sonnendeck")) == ["Sonnendeck am Badesee"]


def test_comments_go_with_a_hidden_proposal_and_come_back_with_it(
    client, process, field, moderator
):
    proposal = propose(process, field, "Radweg nach Gadebusch")
    services.create_comment(UserFactory(), proposal, "Unbedingt mit Beleuchtung.")
    assert titles(search(client, "Beleuchtung")) == ["Kommentar zu „Radweg nach Gadebusch“"]

    services.moderate(proposal, Action.HIDE, moderator, reason="off_topic")
    assert titles(search(client, "Beleuchtung")) == []
    assert titles(search(client, "Gadebusch")) == []

    services.moderate(proposal, Action.RESTORE, moderator)
    assert titles(search(client, "Beleuchtung")) == ["Kommentar zu „Radweg nach Gadebusch“"]


def test_a_blocked_persons_hidden_contributions_are_not_found(client, process, field, moderator):
    spammer = UserFactory(display_name="Angebote Nord")
    proposal = propose(process, field, "Billige Kredite sofort", author=spammer)
    other = propose(process, field, "Kredite für Genossenschaften")
    services.create_comment(spammer, other, "Billige Kredite bei uns!")
    assert len(titles(search(client, "Billige Kredite"))) == 2

    services.block_user(spammer, moderator, "spam", hide_contributions=True, notify=False)
    assert titles(search(client, "Billige Kredite")) == []
    assert titles(search(client, "Kredite")) == ["Kredite für Genossenschaften"]

    services.unblock_user(spammer, moderator, restore_contributions=True)
    proposal.refresh_from_db()
    assert len(titles(search(client, "Billige Kredite"))) == 2


def test_a_lagging_index_still_shows_nothing_that_visible_to_hides(client, process, field):
    proposal = propose(process, field, "Tiny House Siedlung")
    # Changed behind the services' back, as a database console would: no signal, no upkeep.
    Proposal.objects.filter(pk=proposal.pk).update(moderation=Proposal.Moderation.HIDDEN)
    assert titles(search(client, "Siedlung")) == []


# --- Keeping the index current ------------------------------------------------------------------


def test_publishing_unpublishing_and_deleting_update_the_index(client, home):
    page = standard(home, "Streuobstwiese Lassahn", intro="Apfelernte im Herbst.")
    assert titles(search(client, "Apfelernte")) == ["Streuobstwiese Lassahn"]

    page.intro = "Birnenernte im Herbst."
    page = publish(page)
    assert titles(search(client, "Apfelernte")) == []
    assert titles(search(client, "Birnenernte")) == ["Streuobstwiese Lassahn"]

    page.unpublish()
    assert titles(search(client, "Birnenernte")) == []
    publish(page)
    assert titles(search(client, "Birnenernte")) == ["Streuobstwiese Lassahn"]

    page.delete()
    assert titles(search(client, "Birnenernte")) == []
    assert not SearchDocument.objects.filter(object_id=page.pk, title__contains="Lassahn")


def test_editing_and_deleting_contributions_update_the_index(client, process, field):
    proposal = propose(process, field, "Mitfahrbank in Zarrentin")
    comment = services.create_comment(UserFactory(), proposal, "Auch in Wittenburg!")
    proposal.title = "Mitfahrbänke im Amt Zarrentin"
    proposal.save()
    assert titles(search(client, "Mitfahrbänke")) == ["Mitfahrbänke im Amt Zarrentin"]
    assert titles(search(client, "Wittenburg")) == ["Kommentar zu „Mitfahrbänke im Amt Zarrentin“"]

    Comment.objects.get(pk=comment.pk).delete()
    assert titles(search(client, "Wittenburg")) == []
    proposal.delete()
    assert titles(search(client, "Zarrentin")) == []
    assert not SearchDocument.objects.exists() or not SearchDocument.objects.filter(
        title__contains="Zarrentin"
    )


def test_update_index_rebuilds_the_index(client, home, process, field):
    standard(home, "Kräutergarten Mölln")
    proposal = propose(process, field, "Kräuterwanderung im Sommer")
    story = publish(
        StoryPageFactory(parent=publish(StoryIndexPageFactory(parent=home)), title="Heilpflanzen")
    )
    services.create_comment(UserFactory(), proposal, "Mit Führung durch Mölln?")
    services.create_comment(UserFactory(), story, "Kräuter aus Mölln sind die besten.")
    expected = sorted(titles(search(client, "Kräutergarten Mölln")))
    assert len(titles(search(client, "Mölln"))) == 3
    before = SearchDocument.objects.count()
    SearchDocument.objects.all().delete()
    assert titles(search(client, "Mölln")) == []

    call_command("update_index", verbosity=0)
    assert SearchDocument.objects.count() == before
    assert sorted(titles(search(client, "Kräutergarten Mölln"))) == expected
    assert sorted(titles(search(client, "Mölln"))) == [
        "Kommentar zu „Heilpflanzen“",
        "Kommentar zu „Kräuterwanderung im Sommer“",
        "Kräutergarten Mölln",
    ]


# --- Filters and pages --------------------------------------------------------------------------


def test_filters_by_type_and_field_of_action_with_counts(client, home, process, field):
    other_field = FieldOfActionFactory(name="Kreativorte", slug="kreativorte")
    standard(home, "Werkstatt für alle")
    propose(process, field, "Werkstatt auf Rädern")
    propose(process, other_field, "Offene Werkstatt im Speicher")

    response = search(client, "Werkstatt")
    main = main_of(response)
    assert "3 Treffer" in main
    assert re.search(r"Vorschläge <span[^>]*>\(2\)</span>", main)
    assert re.search(r"Kreativorte <span[^>]*>\(1\)</span>", main)

    proposals_only = search(client, "Werkstatt", type="proposals")
    assert sorted(titles(proposals_only)) == [
        "Offene Werkstatt im Speicher",
        "Werkstatt auf Rädern",
    ]
    assert 'aria-current="true">Vorschläge' in main_of(proposals_only)
    assert titles(search(client, "Werkstatt", field="kreativorte")) == [
        "Offene Werkstatt im Speicher"
    ]
    unknown = search(client, "Werkstatt", type="nothing.here", field="gibt-es-nicht")
    assert len(titles(unknown)) == 3


def test_results_come_in_pages_and_newest_first_on_request(client, process, field):
    for number in range(23):
        propose(process, field, f"Bücherschrank Nummer {number}")

    first = search(client, "Bücherschrank")
    assert len(titles(first)) == 10
    assert "Seite 1 von 3" in main_of(first)
    last = search(client, "Bücherschrank", page=3)
    assert len(titles(last)) == 3
    assert set(titles(first)).isdisjoint(titles(last))
    assert titles(search(client, "Bücherschrank", page=99)) == titles(last)
    newest = search(client, "Bücherschrank", sort="newest")
    assert titles(newest)[0] == "Bücherschrank Nummer 22"


def test_the_search_page_costs_the_same_queries_for_few_and_many_results(
    client, home, process, field, django_assert_max_num_queries
):
    standard(home, "Kita am Dorfteich")
    propose(process, field, "Kita-Bus")
    search(client, "Kita")  # fills the page frame's cache
    with django_assert_max_num_queries(8):
        search(client, "Kita")
    for number in range(30):
        propose(process, field, f"Kita-Garten {number}")
        standard(home, f"Kita Nummer {number}")
    search(client, "Kita")  # publishing renewed the page frame's cache
    with django_assert_max_num_queries(8):
        response = search(client, "Kita")
    assert len(titles(response)) == 10


# --- Bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "x" * 100_000,
        "Dorf " * 20_000,
        "\" ' & | ! ( ) :* <-> \\ % _ [ ] { } ~ ^ @ #",
        "'; DROP TABLE search_searchdocument; --",
        "1 OR 1=1",
        "<script>alert('x')</script>",
        "Gründung\x00",
        "   ",
        "& | !",
    ],
)
def test_bad_input_gets_a_normal_page_and_is_shown_escaped(client, home, text):
    standard(home, "Dorfladen")
    response = search(client, text)
    body = response.content.decode()
    assert "<script>alert" not in body
    if "<script>" in text:
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in main_of(response)
    assert SearchDocument.objects.exists()
    assert client.get(suggest_url(), {"q": text}).status_code == 200


def test_a_very_long_search_is_shortened_and_says_so(client, home):
    standard(home, "Dorfladen")
    response = search(client, "Dorfladen " + "x" * 100_000)
    main = main_of(response)
    assert "verwendet wurden nur die ersten 200 Zeichen" in main
    assert titles(response) == []
    assert "x" * 201 not in main


@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": "-3"}, {"sort": "<b>"}])
def test_odd_filter_values_are_ignored(client, home, params):
    standard(home, "Dorfladen")
    assert titles(search(client, "Dorfladen", **params)) == ["Dorfladen"]


def test_excerpts_show_contributions_text_escaped(client, process, field):
    propose(
        process,
        field,
        "Sichere <b>Schulwege</b>",
        text='Schulwege <script>alert("x")</script> mit <img src=x onerror=alert(1)> Lotsen.',
    )
    response = search(client, "Schulwege")
    main = main_of(response)
    assert "<script>" not in main and "<img" not in main and "<b>" not in main
    assert "&lt;b&gt;" in main
    assert titles(response) == ["Sichere <b>Schulwege</b>"]


# --- Suggestions while typing -------------------------------------------------------------------


def test_suggestions_offer_titles_as_json(client, home, process, field, locale_en):
    page = standard(home, "Dorfbüro Gadebusch")
    proposal = propose(process, field, "Dorfkino im Sommer")
    propose(process, field, "Dorfkneipe retten", moderation=Proposal.Moderation.PENDING)
    translate(page, locale_en, title="Village office Gadebusch")

    response = client.get(suggest_url(), {"q": "Dorf"})
    assert response["Content-Type"] == "application/json"
    assert response["X-Robots-Tag"] == "noindex"
    results = response.json()["results"]
    assert sorted(result["title"] for result in results) == [
        "Dorfbüro Gadebusch",
        "Dorfkino im Sommer",
    ]
    assert {
        "title": "Dorfkino im Sommer",
        "url": proposal.get_url(),
        "type": "Vorschlag",
    } in results
    assert client.get(suggest_url(), {"q": "Do"}).json() == {"results": []}
    assert client.get(suggest_url(), {"q": "dorfb"}).json()["results"][0]["url"] == page.url
    english = client.get(suggest_url("en"), {"q": "Village"}).json()["results"]
    assert [result["title"] for result in english] == ["Village office Gadebusch"]
    assert client.get(suggest_url("en"), {"q": "Dorfb"}).json() == {"results": []}


# --- Language-aware matching (PostgreSQL) -------------------------------------------------------


@postgres_only
@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Ländliche Gründungen stärken", "Gründung"),
        ("Eine Gründung auf dem Land", "Gründungen"),
        ("Innovative Verwaltung", "Verwaltungen"),
        ("Sprechstunde in Lübeck", "Lubeck"),
        ("Sprechstunde in Lübeck", "Luebeck"),
        ("Sprechstunde in Lübeck", "lübeck"),
        ("Hauptstraße wird Spielstraße", "Hauptstrasse"),
        ("Mobilität für Ältere", "Aeltere Mobilitaet"),
        ("Die Gründung der Genossenschaft", "die Gründung"),
    ],
)
def test_german_is_matched_with_stemming_and_any_umlaut_spelling(client, home, text, query):
    standard(home, text)
    assert titles(search(client, query)) == [text]


@postgres_only
def test_english_is_matched_with_english_stemming(client, home, locale_en):
    page = standard(home, "Neuigkeiten")
    translate(page, locale_en, title="Rural innovations and their founders")
    assert titles(search(client, "innovation", "en")) == ["Rural innovations and their founders"]
    assert titles(search(client, "founder", "en")) == ["Rural innovations and their founders"]


@postgres_only
def test_a_misspelled_word_gets_a_suggestion_that_finds_something(client, home):
    standard(home, "Genossenschaft für den Dorfladen")
    response = search(client, "Genosenschaft")
    main = main_of(response)
    assert titles(response) == []
    assert "Meinten Sie:" in main
    suggestion = re.search(r'Meinten Sie: <a href="([^"]+)">([^<]+)</a>', main)
    assert suggestion.group(2) == "genossenschaft"
    followed = client.get(search_url() + html.unescape(suggestion.group(1)))
    assert titles(followed) == ["Genossenschaft für den Dorfladen"]
    assert "Meinten Sie" not in main_of(search(client, "Qxzvbnm"))


@postgres_only
def test_suggestions_never_point_to_hidden_words(client, process, field, moderator):
    hidden = propose(process, field, "Geheimwort Kuckucksei")
    services.moderate(hidden, Action.HIDE, moderator, reason="spam")
    main = main_of(search(client, "Kuckuckseu"))
    assert "Meinten Sie" not in main


def test_switching_language_keeps_the_search(client, home):
    standard(home, "Dorfladen")
    main = search(client, "Dorfladen", sort="newest").content.decode()
    assert 'href="/en/search/?q=Dorfladen&amp;sort=newest"' in main


@pytest.mark.parametrize(
    ("text", "words", "marked"),
    [
        ("Die großen Gründungen", ["grundung"], "Die großen \x02Gründung\x03en"),
        ("Straße in Lübeck", ["strasse", "luebeck"], "\x02Straße\x03 in \x02Lübeck\x03"),
    ],
)
def test_substring_matches_are_marked_in_the_original_spelling(text, words, marked):
    from search.sqlite import mark_words

    assert mark_words(text, words) == marked


@postgres_only
def test_a_suggestion_prefers_the_word_with_fewest_typing_errors(client, home):
    standard(home, "Gründung auf dem Land", intro="Gründe für eine Gründung")
    main = main_of(search(client, "Gründnug"))
    assert re.search(r'Meinten Sie: <a href="[^"]+">gründung</a>', main)


# --- Found after review -------------------------------------------------------------------------


def test_a_page_with_many_fields_of_action_is_indexed(client, home):
    fields = [FieldOfActionFactory(name=f"Feld {n}", slug=f"feld-{n}") for n in range(9)]
    page = StandardPageFactory(parent=home, title="Überall dabei")
    page.save_revision().publish()
    story = publish(
        StoryPageFactory(parent=publish(StoryIndexPageFactory(parent=home)), title="Querbeet")
    )
    story.fields_of_action.set(fields)
    publish(story)
    assert titles(search(client, "Querbeet", field="feld-8")) == ["Querbeet"]


def test_transliterated_stop_words_do_not_hide_results(client, home):
    standard(home, "Über das Bündnis")
    standard(home, "Beratung für Gründerinnen")
    assert titles(search(client, "Ueber das Buendnis")) == ["Über das Bündnis"]
    assert titles(search(client, "Beratung fuer Gruenderinnen")) == ["Beratung für Gründerinnen"]


def test_decomposed_umlauts_are_the_same_letters(client, home):
    standard(home, "Sprechstunde in Lübeck")
    assert titles(search(client, "Lu\u0308beck")) == ["Sprechstunde in Lübeck"]


def test_comments_on_a_page_follow_its_new_title(client, home):
    page = publish(
        StoryPageFactory(parent=publish(StoryIndexPageFactory(parent=home)), title="Alter Titel")
    )
    services.create_comment(UserFactory(), page, "Schöne Geschichte über Kraniche.")
    page.title = "Neuer Titel"
    publish(page)
    assert titles(search(client, "Kraniche")) == ["Kommentar zu „Neuer Titel“"]


def test_an_alias_is_found_from_its_creation(client, home):
    page = standard(home, "Gründungswerft Lübeck")
    alias = page.create_alias(recursive=False, parent=home, update_slug="gruendungswerft-kopie")
    assert alias.live
    assert sorted(links(search(client, "Gründungswerft"))) == sorted([page.url, alias.url])


def test_suggestions_accept_umlauts_typed_as_ae_oe_ue(client, home):
    standard(home, "Sprechstunde in Lübeck")
    results = client.get(suggest_url(), {"q": "Luebe"}).json()["results"]
    assert [result["title"] for result in results] == ["Sprechstunde in Lübeck"]


def test_rebuilding_twice_and_saving_again_keep_one_row_per_item(process, field):
    proposal = propose(process, field, "Einmal genügt")
    call_command("update_index", site_search_only=True, verbosity=0)
    call_command("update_index", site_search_only=True, verbosity=0)
    proposal.save()
    proposal.save()
    assert SearchDocument.objects.filter(object_id=proposal.pk, title="Einmal genügt").count() == 1


@postgres_only
def test_no_suggestion_replaces_a_word_with_a_different_one(client, home):
    standard(home, "Computer für alle im Dorfgemeinschaftshaus")
    assert titles(search(client, "Computer")) == ["Computer für alle im Dorfgemeinschaftshaus"]
    assert "Meinten Sie" not in main_of(search(client, "Quantencomputer"))
