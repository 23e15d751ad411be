"""A resident deletes her account with the keyboard only; the account pages pass axe, and her
comment stays in the thread under "Deleted account"."""

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest

from participation import services
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.conftest import in_german, make_site_homes
from tests.e2e.actions import sign_in, tab_to
from tests.participation.factories import ProposalFactory
from tests.participation.test_supports import make_process

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def account_site(live_server):
    home, _ = make_site_homes()
    process = make_process(home)
    resident = UserFactory(email="geht@example.org", display_name="Greta geht")
    proposal = ProposalFactory(
        process=process, author=UserFactory(), field_of_action=FieldOfActionFactory()
    )
    services.create_comment(resident, proposal, "Bis bald!", process=process)
    return live_server.url, proposal, resident


def test_a_resident_deletes_her_account_with_the_keyboard(page, account_site, axe_check):
    base, proposal, resident = account_site
    sign_in(page, base, resident, reverse("area:account"))
    axe_check(page)

    tab_to(page, f"main a[href='{reverse('area:delete_account')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(base + reverse("area:delete_account"))
    axe_check(page)

    # The wrong password first: a clear message, nothing deleted.
    tab_to(page, "input[name=password]")
    page.keyboard.type("falsch")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert in_german("The password is not right. Your account is unchanged.") in page.inner_text(
        "main"
    )
    axe_check(page)

    tab_to(page, "input[name=password]")
    page.keyboard.type("landvorteil-demo")
    tab_to(page, "main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(base + "/de/")
    assert in_german("Your account is deleted. Thank you for taking part.") in page.inner_text(
        "body"
    )
    assert not get_user_model().objects.filter(email="geht@example.org").exists()

    page.goto(base + proposal.get_url())
    main = page.inner_text("main")
    assert "Bis bald!" in main and in_german("Deleted account") in main
    assert "Greta" not in main
    axe_check(page)
