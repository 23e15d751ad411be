"""A resident votes in a page's poll with the keyboard alone: the vote is sent without a reload,
the status message takes the focus and the results appear; the poll, with its form, its sign-in
link and its results, passes axe for residents and visitors alike."""

import datetime

from django.utils import timezone

import pytest
from playwright.sync_api import expect

from participation import rules, services
from participation.models import Ballot, Poll, PollChoice
from tests.cms.factories import UserFactory
from tests.conftest import in_german, make_site_homes
from tests.e2e.actions import sign_in, tab_to
from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LOGIN = "/de/konto/login/"


def make_poll(question, answers=("Bus", "Rad", "Auto"), **fields):
    poll = Poll(question=question, opens_at=timezone.now() - datetime.timedelta(days=1), **fields)
    for label in answers:
        poll.choices.add(PollChoice(label=label))
    poll.save()
    return poll


def key_of(poll, label):
    return str(poll.choices.get(label=label).translation_key)


def page_with(home, poll, title, slug):
    page = StandardPageFactory(parent=home, title=title, slug=slug)
    page.body = [("poll", {"poll": poll})]
    page.save_revision().publish()
    return page


def votes(number, percent):
    """A result row's figure as the German page shows it, e.g. "1 Stimme (100 %)"."""
    text = in_german(
        "%(number)s vote (%(percent)s %%)", "%(number)s votes (%(percent)s %%)", number
    )
    return text % {"number": number, "percent": percent}


def took_part(number):
    text = in_german("%(number)s person took part.", "%(number)s people took part.", number)
    return text % {"number": number}


@pytest.fixture
def open_poll(live_server):
    home, _ = make_site_homes()
    poll = make_poll("Wie kommen Sie zur Arbeit?")
    page = page_with(home, poll, "Mobilität", "mobilitaet")
    return live_server.url, home, page, poll


def focused_value(page):
    return page.evaluate("document.activeElement.value")


def test_a_resident_votes_with_the_keyboard_and_sees_the_results(
    page, watched, open_poll, axe_check
):
    base, _, poll_page, poll = open_poll
    resident = UserFactory(display_name="Pendlerin")
    sign_in(page, base, resident, poll_page.url)

    section = page.locator(f"#poll-{poll.translation_key}")
    expect(section.get_by_role("heading", name=poll.question)).to_be_visible()
    radios = section.get_by_role("radio")
    expect(radios).to_have_count(3)
    expect(section.locator(".poll-results")).to_have_count(0)
    axe_check(page)
    page.evaluate("window.notReloaded = true")

    # Tab enters the radio group on its first answer; Space ticks it, the arrow moves the tick.
    tab_to(page, 'input[name="choice"]')
    assert focused_value(page) == key_of(poll, "Bus")
    page.keyboard.press("Space")
    expect(section.get_by_role("radio", name="Bus")).to_be_checked()
    page.keyboard.press("ArrowDown")
    assert focused_value(page) == key_of(poll, "Rad")
    expect(section.get_by_role("radio", name="Rad")).to_be_checked()
    expect(section.get_by_role("radio", name="Bus")).not_to_be_checked()

    # One Tab leaves the group for the button.
    page.keyboard.press("Tab")
    button = section.get_by_role("button", name=in_german("Vote"))
    expect(button).to_be_focused()
    with page.expect_response(lambda response: "/abstimmen/" in response.url) as response:
        page.keyboard.press("Enter")
    assert response.value.status == 200

    # The poll is replaced in place; the status message announces the vote and has the focus.
    section = page.locator(f"#poll-{poll.translation_key}")
    status = section.get_by_role("status")
    expect(status).to_have_text(in_german("Thank you, your vote is counted."))
    expect(status).to_be_focused()
    assert page.evaluate("window.notReloaded") is True

    results = section.locator(".poll-results")
    expect(results.get_by_role("heading", name=in_german("Results"))).to_be_visible()
    expect(results.locator(".poll-results__participants")).to_have_text(took_part(1))
    rows = results.get_by_role("listitem")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="Rad").locator(".poll-results__figure")).to_have_text(votes(1, 100))
    expect(rows.filter(has_text="Bus").locator(".poll-results__figure")).to_have_text(votes(0, 0))
    assert "100 %" in results.inner_text()
    # The bars only repeat the figures: hidden from assistive technology.
    expect(results.locator("svg.poll-results__bar[aria-hidden=true]")).to_have_count(3)
    # The form stays, with the ballot ticked, to change it until the poll closes.
    expect(section.get_by_role("radio", name="Rad")).to_be_checked()
    expect(section.get_by_role("button", name=in_german("Change my vote"))).to_be_visible()

    ballot = Ballot.objects.get()
    assert ballot.user_id == resident.pk
    assert [str(choice.choice_key) for choice in ballot.choices.all()] == [key_of(poll, "Rad")]

    axe_check(page)
    assert page.evaluate("window.policyViolations") == []
    assert watched["errors"] == []


def test_visitors_see_an_accessible_poll_and_the_results_of_a_closed_one(
    page, open_poll, axe_check
):
    base, home, poll_page, poll = open_poll

    # Anonymous readers of the residents-only poll: no form, a link to sign in.
    page.goto(base + poll_page.url)
    section = page.locator(f"#poll-{poll.translation_key}")
    expect(section.locator(".poll__obstacle")).to_contain_text(in_german(rules.POLL_SIGN_IN))
    sign_in_link = section.get_by_role("link", name=in_german("Sign in"))
    expect(sign_in_link).to_have_attribute(
        "href", f"{LOGIN}?next=%2Fde%2Fmitmachen%2Fumfragen%2F{poll.pk}%2F"
    )
    expect(section.locator('input[name="choice"]')).to_have_count(0)
    axe_check(page)

    # A closed poll that shows its results only after closing shows them to everyone now.
    closed = make_poll(
        "Soll der Dorfladen sonntags öffnen?",
        answers=("Ja", "Nein"),
        show_results=Poll.Results.AFTER_CLOSING,
    )
    for label in ("Ja", "Ja", "Nein"):
        services.vote(closed, [key_of(closed, label)], user=UserFactory())
    closed.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    closed.save()
    closed_page = page_with(home, closed, "Dorfladen", "dorfladen")

    page.goto(base + closed_page.url)
    section = page.locator(f"#poll-{closed.translation_key}")
    expect(section.locator(".poll__obstacle")).to_have_text(in_german(rules.POLL_CLOSED))
    results = section.locator(".poll-results")
    expect(results.locator(".poll-results__participants")).to_have_text(took_part(3))
    rows = results.get_by_role("listitem")
    expect(rows.filter(has_text="Ja").locator(".poll-results__figure")).to_have_text(votes(2, 67))
    expect(rows.filter(has_text="Nein").locator(".poll-results__figure")).to_have_text(votes(1, 33))
    axe_check(page)


def test_the_results_carry_no_aria_that_their_role_forbids(page, open_poll, axe_check):
    """ARIA 1.2 forbids naming a generic element (a <div> without a role): screen readers drop
    the name. axe counts this only as "needs review", so zero violations do not show it."""
    base, home, _, _ = open_poll
    poll = make_poll("Soll der Dorfladen sonntags öffnen?", show_results=Poll.Results.ALWAYS)
    poll_page = page_with(home, poll, "Dorfladen", "dorfladen")
    page.goto(base + poll_page.url)
    expect(page.locator(".poll-results")).to_have_count(1)
    review = axe_check(page).response["incomplete"]
    prohibited = [
        node["html"]
        for item in review
        if item["id"] == "aria-prohibited-attr"
        for node in item["nodes"]
    ]
    assert prohibited == [], prohibited
