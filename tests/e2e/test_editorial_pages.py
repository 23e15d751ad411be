"""Every editorial page type, in German and English, in a real browser: zero axe violations,
no request to another host, no console errors."""

import io
from urllib.parse import urlparse

from django.core.management import call_command

import pytest

from home.models import (
    EventIndexPage,
    EventPage,
    LearningPathIndexPage,
    LearningPathPage,
    PlaceIndexPage,
    PlacePage,
    StoryIndexPage,
    StoryPage,
    TopicIndexPage,
    TopicPage,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGE_TYPES = [
    StoryIndexPage,
    StoryPage,
    TopicIndexPage,
    TopicPage,
    LearningPathIndexPage,
    LearningPathPage,
    EventIndexPage,
    EventPage,
    PlaceIndexPage,
    PlacePage,
]


def test_one_page_of_every_type_in_both_languages_is_accessible(live_server, page, axe_check):
    call_command("load_demo_content", stdout=io.StringIO())
    paths = []
    for model in PAGE_TYPES:
        for language in ["de", "en"]:
            found = model.objects.live().filter(locale__language_code=language).first()
            assert found is not None, f"demo content has no {model.__name__} in {language}"
            paths.append(found.url)
    learning_path = LearningPathPage.objects.live().filter(locale__language_code="de").first()
    paths.append(learning_path.step_url(2))
    paths.append("/de/geschichten/?field=gruendungen")

    foreign, errors = [], []
    page.on(
        "request",
        lambda request: (
            urlparse(request.url).hostname not in ("127.0.0.1", "localhost")
            and not request.url.startswith("data:")
            and foreign.append(request.url)
        ),
    )
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    for path in paths:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.locator("h1").count() == 1, path
        axe_check(page)
    assert foreign == []
    assert errors == []


def test_video_loads_from_its_host_only_after_a_click(live_server, page):
    call_command("load_demo_content", stdout=io.StringIO())
    story = next(
        story
        for story in StoryPage.objects.live().filter(locale__language_code="de")
        if any(block.block_type == "video" for block in story.body)
    )
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body="video"))
    page.goto(live_server.url + story.url)
    assert not [url for url in requested if "youtube" in url]
    button = page.get_by_role("button", name="Video von YouTube laden")
    button.focus()
    page.keyboard.press("Enter")
    frame = page.locator("iframe.video__frame")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")


@pytest.mark.parametrize("width", [1280, 375])
def test_the_home_page_shows_what_is_happening_accessibly(live_server, page, axe_check, width):
    """The home page of the demo at desktop and phone width, in both languages: the running
    processes with what residents can do, events, stories, needs, and the "ways to take part"
    cards as links whose focus is visible on the whole card."""
    call_command("load_demo_content", stdout=io.StringIO())
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("/de/", "/en/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        for section in ("processes", "events", "stories", "needs"):
            assert page.locator(f"#home-{section}-heading").is_visible(), (path, section)
        assert page.locator(".home-process").count() == 2
        axe_check(page)

    page.goto(live_server.url + "/de/")
    card = page.locator(".card--linked", has_text="Vernetzung")
    link = card.locator(".card__link")
    # The whole card is the link's target: a click on its text follows it.
    card.scroll_into_view_if_needed()
    text = card.locator("p").first.bounding_box()
    page.mouse.click(text["x"] + 10, text["y"] + text["height"] / 2)
    page.wait_for_url("**/aktionsgruppen/")
    page.go_back()
    link.focus()
    outline = card.evaluate("card => getComputedStyle(card).outlineStyle")
    assert outline == "solid"
