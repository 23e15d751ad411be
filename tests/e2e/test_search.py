"""A visitor searches the site: from the header link to highlighted results, narrowing them by
type, with suggestions while typing or without JavaScript at all, with the keyboard alone and in
English; the search page passes axe with results, without results and before searching."""

import re

from django.db import connection
from django.utils import translation

import pytest
from playwright.sync_api import expect

from tests.conftest import in_german
from tests.e2e.actions import tab_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEARCH = "/de/suche/"
PER_PAGE = 10
# Appears literally in the demo content, so the substring search on SQLite finds it as well as
# PostgreSQL's stemmed search does.
WORD = "Gründung"
NOWHERE = "xyzzyqwert"


def results_for(query, total):
    text = in_german(
        "%(total)s result for “%(query)s”.", "%(total)s results for “%(query)s”.", total
    )
    return text % {"total": total, "query": query}


def search_box(page, label=None):
    """The search field: a combobox, since its <datalist> offers suggestions."""
    return page.get_by_role("combobox", name=label or in_german("Search for"), exact=True)


def submit(page, query):
    """Type ``query`` into the search field and send the form with Enter."""
    search_box(page).fill(query)
    with page.expect_navigation():
        search_box(page).press("Enter")


def type_filters(page):
    return page.get_by_role("list", name=in_german("Type")).get_by_role("link")


def count_of(link):
    """The number a filter link shows in brackets, e.g. "Orte (2)" → 2."""
    return int(re.search(r"\((\d+)\)", link.inner_text()).group(1))


def test_a_visitor_searches_from_the_header_and_sees_the_words_highlighted(
    page, demo_site, axe_check
):
    page.goto(demo_site + "/de/")
    header = page.get_by_role("banner")
    header.get_by_role("link", name=in_german("Search"), exact=True).click()
    page.wait_for_url(demo_site + SEARCH)
    expect(page.get_by_role("heading", level=1)).to_have_text(in_german("Search"))
    expect(page.get_by_role("status")).to_have_count(0)
    axe_check(page)

    submit(page, WORD)
    assert page.url == demo_site + SEARCH + "?q=Gr%C3%BCndung"
    expect(search_box(page)).to_have_value(WORD)
    # Every result has one type: the type filter's counts add up to the total announced.
    total = sum(count_of(link) for link in type_filters(page).all())
    assert total > 1
    expect(page.get_by_role("status")).to_have_text(results_for(WORD, total))
    results = page.locator(".search-result")
    expect(results).to_have_count(min(total, PER_PAGE))
    marks = page.locator(".search-result mark")
    expect(marks.first).to_be_visible()
    marked = marks.all_inner_texts()
    assert all(text.lower().startswith("gründung") for text in marked), marked
    titles = page.locator(".search-result__title").all_inner_texts()
    axe_check(page)

    submit(page, NOWHERE)
    expect(page.get_by_role("status")).to_have_text(
        in_german("No results for “%(query)s”.") % {"query": NOWHERE}
    )
    expect(results).to_have_count(0)
    expect(page.get_by_role("navigation", name=in_german("Filter the results"))).to_have_count(0)
    axe_check(page)

    # A highlighted title is still the whole title, stop words and punctuation included.
    assert "Von der Idee zur Gründung auf dem Land" in titles, titles


def test_a_type_filter_narrows_the_results_and_choosing_it_again_removes_it(
    page, demo_site, axe_check
):
    page.goto(f"{demo_site}{SEARCH}?q={WORD}")
    total = sum(count_of(link) for link in type_filters(page).all())
    first = type_filters(page).first
    label = first.inner_text().split("(")[0].strip()
    narrowed = count_of(first)
    assert narrowed < total
    expect(type_filters(page).and_(page.locator("[aria-current]"))).to_have_count(0)

    first.click()
    page.wait_for_url(re.compile(r"[?&]type=\w+"))
    chosen = type_filters(page).filter(has_text=re.compile(rf"^{re.escape(label)} \("))
    expect(chosen).to_have_attribute("aria-current", "true")
    expect(chosen).to_contain_text(in_german("selected, select again to remove the filter"))
    expect(type_filters(page).and_(page.locator("[aria-current]"))).to_have_count(1)
    expect(page.get_by_role("status")).to_have_text(results_for(WORD, narrowed))
    expect(page.locator(".search-result")).to_have_count(min(narrowed, PER_PAGE))
    assert len(set(page.locator(".search-result__type").all_inner_texts())) == 1
    axe_check(page)

    chosen.click()
    page.wait_for_url(lambda url: "type=" not in url)
    expect(type_filters(page).and_(page.locator("[aria-current]"))).to_have_count(0)
    expect(page.get_by_role("status")).to_have_text(results_for(WORD, total))
    expect(page.locator(".search-result")).to_have_count(min(total, PER_PAGE))


def test_the_search_works_without_javascript_and_suggests_titles_with_it(browser, page, demo_site):
    context = browser.new_context(locale="de-DE", java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(demo_site + SEARCH)
        submit(plain, "Dorfbüro")
        expect(plain.get_by_role("status")).to_contain_text("„Dorfbüro“")
        expect(plain.locator(".search-result").first).to_be_visible()
        expect(plain.locator(".search-result mark").first).to_have_text(
            re.compile("^Dorfbüro", re.IGNORECASE)
        )
        expect(plain.locator("#search-suggestions option")).to_have_count(0)
    finally:
        context.close()

    page.goto(demo_site + SEARCH)
    with page.expect_response(lambda response: "/de/suche/vorschlaege/" in response.url) as sent:
        search_box(page).press_sequentially("Dorf")
    assert sent.value.ok
    suggested = [result["title"] for result in sent.value.json()["results"]]
    page.wait_for_function("document.querySelectorAll('#search-suggestions option').length > 0")
    values = page.evaluate(
        "[...document.querySelectorAll('#search-suggestions option')].map(o => o.value)"
    )
    assert values == suggested
    # A title is suggested for the words typed: one of its words begins with them.
    assert all(re.search(r"\bdorf", value, re.IGNORECASE) for value in values), values
    assert "Dorfbüro Gadebusch" in values


def test_the_search_is_found_and_used_with_the_keyboard(page, demo_site):
    page.goto(demo_site + "/de/")
    tab_to(page, ".site-header__search")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == demo_site + SEARCH

    tab_to(page, "#search-q")
    expect(search_box(page)).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.type(WORD)
    page.keyboard.press("Tab")
    with translation.override("de"):
        label = translation.pgettext("button", "Search")
    button = page.get_by_role("button", name=label, exact=True)
    expect(button).to_be_focused()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".search-result").first).to_be_visible()

    # The filters follow the field: Tab reaches them and Enter chooses one.
    tab_to(page, ".search-filters a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".search-filters a[aria-current=true]").first).to_be_visible()


def test_the_english_search_finds_english_pages(page, demo_site, axe_check):
    page.goto(demo_site + SEARCH)
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    page.wait_for_url(demo_site + "/en/search/")
    assert page.locator("html").get_attribute("lang") == "en"

    search_box(page, "Search for").fill("innovation")
    with page.expect_navigation():
        search_box(page, "Search for").press("Enter")
    assert page.url == demo_site + "/en/search/?q=innovation"
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    total = re.compile(r"^\s*\d+ results for “innovation”\.\s*$")
    expect(page.get_by_role("status")).to_have_text(total)
    links = page.locator(".search-result__title a")
    expect(links.first).to_be_visible()
    hrefs = [link.get_attribute("href") for link in links.all()]
    assert all(href.startswith("/en/") for href in hrefs), hrefs
    assert "/en/about-the-alliance/" in hrefs
    marked = page.locator(".search-result mark").all_inner_texts()
    assert marked and all(text.lower().startswith("innovat") for text in marked), marked
    axe_check(page)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="suggestions need PostgreSQL")
def test_a_misspelt_search_suggests_the_word_meant(page, demo_site):
    page.goto(f"{demo_site}{SEARCH}?q=Genossenshaft")
    status = page.get_by_role("status")
    expect(status).to_contain_text(
        in_german("No results for “%(query)s”.") % {"query": "Genossenshaft"}
    )
    expect(status).to_contain_text(in_german("Did you mean:"))
    suggestion = status.get_by_role("link")
    expect(suggestion).to_have_text("genossenschaft")
    suggestion.click()
    page.wait_for_url(re.compile(r"\?q=genossenschaft$"))
    expect(page.locator(".search-result").first).to_be_visible()


SMALL = {"width": 375, "height": 667}


def in_first_screen(locator):
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= SMALL["height"]


def test_on_a_small_screen_the_menu_and_the_filters_fold_away_without_javascript(
    browser, demo_site, axe_check
):
    for javascript in (False, True):
        context = browser.new_context(
            locale="de-DE", viewport=SMALL, java_script_enabled=javascript
        )
        try:
            page = context.new_page()
            page.goto(demo_site + "/de/")
            menu = page.locator("details.site-menu")
            toggle = menu.locator("summary")
            navigation = page.get_by_role("navigation", name=in_german("Main navigation"))
            # Folded: the heading is on the first screen, the menu a button beside the logo.
            expect(toggle).to_be_visible()
            expect(toggle).to_have_text(in_german("Menu"))
            expect(navigation).to_be_hidden()
            assert in_first_screen(page.get_by_role("heading", level=1))
            if javascript:
                axe_check(page)
            toggle.click()
            expect(navigation).to_be_visible()
            expect(navigation.get_by_role("link").first).to_be_visible()
            header = page.get_by_role("banner")
            expect(header.get_by_role("link", name=in_german("Search"))).to_be_visible()
            if javascript:
                axe_check(page)
            toggle.click()
            expect(navigation).to_be_hidden()

            page.goto(f"{demo_site}{SEARCH}?q={WORD}")
            filters = page.get_by_role("navigation", name=in_german("Filter the results"))
            expect(filters).to_be_hidden()
            first = page.locator(".search-result").first
            expect(first).to_be_visible()
            assert in_first_screen(first.locator(".search-result__title"))
            if javascript:
                axe_check(page)
            page.locator(".search-filters summary").click()
            expect(filters).to_be_visible()
            expect(type_filters(page).first).to_be_visible()
            if javascript:
                axe_check(page)
        finally:
            context.close()


def test_on_a_wide_screen_the_menu_and_the_filters_are_open(browser, demo_site):
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{demo_site}{SEARCH}?q={WORD}")
        expect(page.locator("details.site-menu summary")).to_be_hidden()
        navigation = page.get_by_role("navigation", name=in_german("Main navigation"))
        expect(navigation.get_by_role("link").first).to_be_visible()
        expect(page.locator(".search-filters summary")).to_be_hidden()
        expect(type_filters(page).first).to_be_visible()
    finally:
        context.close()
