"""The accessibility statement: the enforcement body and review date editors keep, and the
feedback form that reaches the editors (admin and e-mail through the outbox) and confirms
receipt to the sender."""

import datetime

from django.urls import reverse
from django.utils.html import escape

import pytest

from cms.cache import TRY_AGAIN
from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS, RESIDENTS
from home import feedback as feedback_module
from home.models import AccessibilityFeedback, AccessibilityStatementPage
from participation.models import OutgoingMail
from tests.cms.factories import UserFactory
from tests.conftest import in_german, main_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Requests to the site's own host name, which the page concerned must name."""
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture
def statement(site_homes):
    home, _home_en = site_homes
    page = AccessibilityStatementPage(
        title="Erklärung zur Barrierefreiheit",
        slug="barrierefreiheit",
        intro="Wie barrierefrei die Plattform ist.",
        last_reviewed=datetime.date(2026, 12, 1),
        enforcement_body_name="Schlichtungsstelle BGG",
        enforcement_body_address="Mauerstraße 53\n10117 Berlin",
        enforcement_body_url="https://www.schlichtungsstelle-bgg.de/",
        enforcement_body_email="info@schlichtungsstelle-bgg.de",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def editors(db):
    return [UserFactory(group=EDITORS), UserFactory(group=LEAD_EDITORS)]


def data(**overrides):
    return {
        "barrier": "Der Kontrast der Knöpfe ist zu schwach.",
        "page_url": "/de/veranstaltungen/",
        "name": "Erika",
        "email": "erika@example.org",
        **overrides,
    }


def test_the_statement_names_the_enforcement_body_and_review_date(client, statement):
    html = main_of(client.get(statement.url))
    assert "Schlichtungsstelle BGG" in html
    assert "Mauerstraße 53<br>10117 Berlin" in html
    assert 'href="mailto:info@schlichtungsstelle-bgg.de"' in html
    assert "1. Dezember 2026" in html
    assert 'name="barrier"' in html


def test_the_page_concerned_is_prefilled_from_this_site_only(client, statement):
    html = client.get(statement.url, {"seite": "/de/orte/"}).content.decode()
    assert 'value="/de/orte/"' in html
    html = client.get(statement.url, HTTP_REFERER="http://localhost/de/geschichten/").content
    assert 'value="/de/geschichten/"' in html.decode()
    html = client.get(statement.url, HTTP_REFERER="https://evil.example/x").content.decode()
    assert "evil.example" not in html
    # Back on the statement after sending, the statement itself is not the page concerned.
    html = client.get(statement.url, HTTP_REFERER=f"http://localhost{statement.url}").content
    assert f'value="{statement.url}"' not in html.decode()


def test_feedback_is_stored_mailed_to_the_editors_and_confirmed(
    client, statement, editors, mailoutbox
):
    response = client.post(statement.url, data(), follow=True)
    feedback = AccessibilityFeedback.objects.get()
    assert (feedback.barrier, feedback.page_url, feedback.email, feedback.language) == (
        "Der Kontrast der Knöpfe ist zu schwach.",
        "/de/veranstaltungen/",
        "erika@example.org",
        "de",
    )
    html = response.content.decode()
    # Needs the German catalogue: "Danke. Wir haben Ihre Nachricht zur Barriere erhalten …"
    assert escape(in_german(feedback_module.THANKS_WITH_CONFIRMATION, email=feedback.email)) in html
    # Queued in the outbox and sent by the worker (the tests' worker runs at once).
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {OutgoingMail.State.SENT}
    to_editors, to_sender = mailoutbox
    assert sorted(to_editors.to) == sorted(editor.email for editor in editors)
    assert to_editors.reply_to == ["erika@example.org"]
    assert "Der Kontrast der Knöpfe ist zu schwach." in to_editors.body
    assert "/de/veranstaltungen/" in to_editors.body
    assert to_sender.to == ["erika@example.org"]
    assert "Der Kontrast der Knöpfe ist zu schwach." in to_sender.body


def test_feedback_without_contact_is_kept_and_sends_no_confirmation(
    client, statement, editors, mailoutbox
):
    response = client.post(statement.url, data(name="", email="", page_url=""), follow=True)
    assert AccessibilityFeedback.objects.get().email == ""
    assert escape(in_german(feedback_module.THANKS)) in response.content.decode()
    assert [mail.to for mail in mailoutbox] == [sorted(editor.email for editor in editors)]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"barrier": ""}, "Please describe the barrier."),
        ({"email": "erika"}, "Please give a valid email address, e.g. name@example.org."),
        ({"page_url": "https://evil.example/"}, None),
    ],
)
def test_invalid_feedback_is_explained_and_kept(client, statement, overrides, message):
    response = client.post(statement.url, data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html
    if message:
        assert escape(in_german(message)) in html
    if overrides.get("barrier") != "":
        assert "Der Kontrast der Knöpfe ist zu schwach." in html
    assert not AccessibilityFeedback.objects.exists()


def test_script_is_shown_as_text(client, statement, editors):
    client.post(statement.url, data(barrier="<script>alert(1)</script>", email="x"))
    response = client.post(statement.url, data(barrier="<script>alert(1)</script>", email="x"))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    client.post(statement.url, data(barrier="<script>alert(2)</script>"))
    staff = editors[0]
    client.force_login(staff)
    feedback = AccessibilityFeedback.objects.get()
    inspect = client.get(reverse("accessibility_feedback:inspect", args=[feedback.pk]))
    assert "<script>alert(2)</script>" not in inspect.content.decode()
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in inspect.content.decode()


def test_feedback_is_rate_limited_per_address(client, statement, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"accessibility_feedback": {"ip": "2/h"}}
    statuses = [client.post(statement.url, data()).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert AccessibilityFeedback.objects.count() == 2


def test_with_redis_down_the_text_is_kept_and_nothing_is_stored(
    client, shared_cache, statement, editors
):
    shared_cache.stop()
    response = client.post(statement.url, data(barrier="Bitte behalten"))
    assert response.status_code == 503
    html = response.content.decode()
    assert escape(in_german(str(TRY_AGAIN))) in html
    assert "Bitte behalten" in html
    assert not AccessibilityFeedback.objects.exists()
    assert not OutgoingMail.objects.exists()


@pytest.mark.parametrize(
    ("role", "may_see"),
    [(EDITORS, True), (LEAD_EDITORS, True), (MODERATORS, False), (RESIDENTS, False), (None, False)],
)
def test_editors_see_feedback_and_mark_it_handled(client, statement, role, may_see):
    client.post(statement.url, data(barrier="<b>Kontrast</b>"))
    feedback = AccessibilityFeedback.objects.get()
    person = UserFactory(group=role) if role else None
    if person:
        client.force_login(person)
    index = client.get(reverse("accessibility_feedback:index"))
    edit_url = reverse("accessibility_feedback:edit", args=[feedback.pk])
    if not may_see:
        assert index.status_code in (302, 403)
        assert client.get(edit_url).status_code in (302, 403)
        return
    assert index.status_code == 200
    assert "&lt;b&gt;Kontrast&lt;/b&gt;" in index.content.decode()
    response = client.post(edit_url, {"handled_at": "2026-12-06 10:00"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.handled_at is not None
    assert feedback.handled_by == person
    # Feedback comes only from the form and is kept as sent.
    assert client.get(reverse("accessibility_feedback:add")).status_code in (302, 403)
    delete = client.post(reverse("accessibility_feedback:delete", args=[feedback.pk]))
    assert delete.status_code in (302, 403)
    assert AccessibilityFeedback.objects.exists()
