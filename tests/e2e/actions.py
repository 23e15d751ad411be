"""What people do in the browser tests, shared by them: signing in and moving with the keyboard."""

from django.conf import settings


def tab_to(page, selector, limit=120):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => !!document.activeElement?.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def sign_in(page, base, person, next_url):
    """Sign ``person`` in with the keyboard through the public form (UserFactory gives everybody
    the demo password) and wait until ``next_url`` is open."""
    page.goto(f"{base}/de/konto/login/?next={next_url}")
    page.get_by_label("E-Mail").focus()
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    page.keyboard.type(settings.DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + next_url)
