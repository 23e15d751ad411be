"""A moderator hides a reported comment from the queue in the admin and the thread shows the
placeholder instead; a blocked person who signs in is told why, on a page that passes axe."""

import re

from django.conf import settings

import pytest
from playwright.sync_api import expect

from cms.roles import MODERATORS
from participation import services
from participation.models import Comment, ModerationLogEntry
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, make_site_homes
from tests.e2e.actions import sign_in
from tests.participation.factories import ProposalFactory
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = settings.DEMO_PASSWORD  # the password UserFactory gives everybody
QUEUE = "/admin/moderation/"
LOGIN = "/de/konto/login/"
# The ids used more than once in the document: a <label for> names only the first of them.
DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}"""


@pytest.fixture
def proposal(live_server):
    home, _ = make_site_homes()
    index = ProcessIndexPageFactory(parent=home)
    index.save_revision().publish()
    process = ProcessPageFactory(parent=index, title="Enkeltaugliche Region 2040")
    process.save_revision().publish()
    field = FieldOfActionFactory(name="Mobilität", slug="mobilitaet")
    return ProposalFactory(process=process, field_of_action=field, title="Rufbus für alle Dörfer")


def proposal_url(proposal):
    process = proposal.process.specific
    return process.url + process.reverse_subpage("proposal", kwargs={"pk": proposal.pk})


def field(scope, label):
    """The form field labelled ``label`` in German; Wagtail marks required ones with a "*"."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(in_german(label))}\*?\s*$"))


def test_a_moderator_hides_a_reported_comment_from_the_queue(browser, page, live_server, proposal):
    base = live_server.url
    resident = UserFactory(display_name="Anwohnerin")
    text = "Kauft billige Uhren bei uhren-discount.example!"
    comment = services.create_comment(resident, proposal, text, process=proposal.process)
    reporter = UserFactory(display_name="Nachbar")
    services.report(reporter, comment, "spam", "Werbung")
    moderator = UserFactory(group=MODERATORS, display_name="Moderatorin")
    thread_url = base + proposal_url(proposal)

    # The neighbour who reported it reads the comment. (Signed in: anonymous readers get
    # cached copies for some minutes, which the browser would keep too.)
    sign_in(page, base, reporter, proposal_url(proposal))
    page.wait_for_url(thread_url)
    expect(page.locator(f"#comment-{comment.pk} .comment__text")).to_have_text(text)

    moderators = browser.new_context(locale="de-DE").new_page()
    try:
        # The admin sends the moderator to the public login form and back to the queue.
        moderators.goto(base + QUEUE)
        moderators.wait_for_url(re.compile(re.escape(f"{base}{LOGIN}?next=")))
        sign_in(moderators, base, moderator, QUEUE)
        moderators.wait_for_url(base + QUEUE)
        row = moderators.locator("table.listing tbody tr", has_text=text)
        expect(row).to_have_count(1)
        expect(row).to_contain_text(in_german("Spam or advertising"))
        # The filter form and the action form share the page: each label must name its field.
        duplicates = moderators.evaluate(DUPLICATE_IDS)
        assert duplicates == [], f"ids used more than once on the queue: {duplicates}"

        row.locator(f'input[name="items"][value="comment:{comment.pk}"]').check()
        actions = moderators.locator("fieldset.moderation-actions")
        field(actions, "Action").select_option("hide")
        field(actions, "Reason").select_option("spam")
        field(actions, "Note (optional)").fill("Werbung für einen Uhrenhandel.")
        with moderators.expect_navigation():
            actions.get_by_role("button", name=in_german("Apply")).click()

        expect(moderators.locator(".messages")).to_contain_text(
            in_german(
                "%(count)d contribution changed.", "%(count)d contributions changed.", 1, count=1
            )
        )
        expect(moderators.locator("table.listing tbody tr", has_text=text)).to_have_count(0)
    finally:
        moderators.context.close()

    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.HIDDEN
    entry = ModerationLogEntry.objects.get(action=ModerationLogEntry.Action.HIDE)
    assert (entry.moderator, entry.reason, entry.note) == (
        moderator,
        "spam",
        "Werbung für einen Uhrenhandel.",
    )

    # The neighbour and an anonymous visitor alike see the placeholder, not the text.
    placeholder = in_german("This comment was hidden by the moderation.")
    visitor = browser.new_context(locale="de-DE").new_page()
    try:
        for reader in (page, visitor):
            reader.goto(thread_url)
            shown = reader.locator(f"#comment-{comment.pk}")
            expect(shown.locator(".comment__placeholder")).to_have_text(placeholder)
            expect(shown.locator(".comment__text")).to_have_count(0)
            expect(reader.locator("main")).not_to_contain_text(text)
    finally:
        visitor.context.close()


def test_a_blocked_person_signing_in_is_told_why_on_an_accessible_page(
    page, live_server, axe_check
):
    make_site_homes()
    moderator = UserFactory(group=MODERATORS)
    person = UserFactory(display_name="Werber")
    services.block_user(person, moderator, "spam", "Wiederholte Werbung.", notify=False)

    page.goto(live_server.url + LOGIN)
    page.get_by_label("E-Mail").fill(person.email)
    page.get_by_label("Passwort", exact=False).first.fill(PASSWORD)
    with page.expect_response(lambda response: LOGIN in response.url) as response:
        page.locator("main form button[type=submit]").click()
    assert response.value.status == 403
    page.wait_for_load_state()

    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text(in_german("Your account is blocked"))
    expect(main).to_contain_text(in_german("Spam or advertising"))
    expect(main).to_contain_text("Wiederholte Werbung.")
    contact = settings.PARTICIPATION_MODERATION_EMAIL
    expect(main.locator(f'a[href="mailto:{contact}"]')).to_have_text(contact)
    axe_check(page)
