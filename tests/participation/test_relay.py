"""The contact relay: visitors and residents write to a group's leads or an entry's author by
email; no address is ever shown unless the sender agrees; limits, forged recipients and the
recipient's report through the signed link in the email."""

import datetime
import re

from django.conf import settings
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

import pytest

from participation import rules, services
from participation.models import Block, Moderation, RelayMessage, Report
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.participation.factories import (
    ActionGroupFactory,
    BoardEntryFactory,
    MembershipFactory,
    RelayMessageFactory,
)

pytestmark = pytest.mark.django_db

VISITOR = {"name": "Vera Besucherin", "email": "vera@visitor.example", "text": "Hallo ihr!"}


@pytest.fixture(autouse=True)
def _site(site_homes):
    return site_homes


@pytest.fixture(autouse=True)
def _emails_leave(django_capture_on_commit_callbacks, monkeypatch):
    """The emails leave after the commit, as in production: each POST commits."""
    post = Client.post

    def committed_post(self, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(self, *args, **kwargs)

    monkeypatch.setattr(Client, "post", committed_post)


@pytest.fixture
def leads():
    return [
        UserFactory(email="lead-one@secret.example", display_name="Lea"),
        UserFactory(email="lead-two@secret.example", display_name="Leo"),
    ]


@pytest.fixture
def group(leads):
    group = ActionGroupFactory(name="Reparaturcafé")
    for lead in leads:
        MembershipFactory(group=group, user=lead, role="lead")
    MembershipFactory(group=group, user=UserFactory(email="member@secret.example"))
    return group


def group_url(group):
    return reverse("participation:relay_group", kwargs={"pk": group.pk})


def entry_url(entry):
    return reverse("participation:relay_entry", kwargs={"pk": entry.pk})


def addresses_in(text, people):
    return [person.email for person in people if person.email in text]


def test_a_visitor_writes_to_the_leads_without_any_address_shown(client, group, leads):
    form = client.get(group_url(group))
    assert form.status_code == 200
    assert addresses_in(form.content.decode(), leads) == []
    response = client.post(group_url(group), VISITOR, follow=True)
    assert response.redirect_chain[0][0] == group.get_url()
    assert addresses_in(response.content.decode(), leads) == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in leads)
    for message in mail.outbox:
        # Each lead gets their own email: nobody sees another lead's address or the sender's.
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert message.reply_to == []
        assert message.content_subtype == "plain"
        whole = message.message().as_string()
        assert "vera@visitor.example" not in whole
        other = [p for p in leads if p.email != message.to[0]]
        assert addresses_in(whole, other) == []
        assert "Hallo ihr!" in message.body and "Vera Besucherin" in message.body
        assert (
            in_german(
                "The sender did not share an address, so you cannot answer this email. If the "
                "message asks you to, you may contact them in another way they gave in the message."
            )
            in message.body
        )
    record = RelayMessage.objects.get()
    assert (record.sender_name, record.sender_email, record.group, record.author) == (
        "Vera Besucherin",
        "vera@visitor.example",
        group,
        None,
    )
    assert record.recipient_count == 2 and not record.reply_to_shared
    # The text is not kept anywhere in the record.
    assert "Hallo ihr!" not in str(RelayMessage.objects.values().get())


def test_a_mail_server_that_is_down_keeps_the_text_and_tells_the_sender(
    client, group, leads, settings
):
    # Nothing listens on port 9 of this machine: the connection is refused at once.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    response = client.post(group_url(group), VISITOR)
    assert response.status_code == 503
    html = response.content.decode()
    assert escape(in_german(services.board.UNDELIVERED)) in html
    # The sender's text is still in the form, and the failed attempt left no record that
    # would count towards their limit.
    assert "Hallo ihr!" in html and 'value="vera@visitor.example"' in html
    assert not RelayMessage.objects.exists()
    assert addresses_in(html, leads) == []
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert client.post(group_url(group), VISITOR).status_code == 302
    assert len(mail.outbox) == 2 and RelayMessage.objects.count() == 1


def test_the_reply_address_only_when_the_sender_agrees(client, group, leads):
    client.post(group_url(group), {**VISITOR, "share_address": "on"})
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert message.reply_to == ["vera@visitor.example"]
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        assert "did not share" not in message.body
    assert RelayMessage.objects.get().reply_to_shared


def test_a_resident_writes_with_the_account_name_and_address(client, group, leads):
    resident = UserFactory(email="res@resident.example", display_name="Rita")
    client.force_login(resident)
    form = client.get(group_url(group)).content.decode()
    assert 'name="email"' not in form and 'name="name"' not in form
    assert addresses_in(form, leads) == []
    client.post(group_url(group), {"text": "Ich helfe gern.", "share_address": "on"})
    assert [m.reply_to for m in mail.outbox] == [["res@resident.example"]] * 2
    assert "Rita" in mail.outbox[0].body
    record = RelayMessage.objects.get()
    assert record.author == resident and record.sender_email == ""
    mail.outbox.clear()
    client.post(group_url(group), {"text": "Noch etwas."})
    assert [m.reply_to for m in mail.outbox] == [[], []]
    assert all("res@resident.example" not in m.message().as_string() for m in mail.outbox)


def test_answering_an_offer_reaches_its_author_only(client, group, leads):
    author = UserFactory(email="offerer@secret.example")
    offer = BoardEntryFactory(kind="offer", group=None, author=author, title="Werkstatt")
    response = client.post(entry_url(offer), VISITOR, follow=True)
    assert [m.to for m in mail.outbox] == [["offerer@secret.example"]]
    assert "Werkstatt" in mail.outbox[0].subject
    assert "offerer@secret.example" not in response.content.decode()
    assert RelayMessage.objects.get().entry == offer


def test_answering_a_need_reaches_the_group_leads(client, group, leads):
    need = BoardEntryFactory(group=group, author=leads[0], title="Lötkolben")
    client.post(entry_url(need), VISITOR)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in leads)
    assert "member@secret.example" not in [m.to[0] for m in mail.outbox]


def test_html_and_script_stay_text_in_the_email(client, group):
    payload = '<script>alert("x")</script><b>fett</b>'
    client.post(group_url(group), {**VISITOR, "name": "<i>Eve</i>", "text": payload})
    body = mail.outbox[0].body
    assert payload in body and "<i>Eve</i>" in body and "&lt;" not in body


@pytest.mark.parametrize(
    "situation",
    ["nonexistent", "hidden", "pending", "no_lead", "closed_entry", "hidden_entry", "hidden_need"],
)
def test_forged_or_unreachable_recipients_are_refused(client, group, leads, situation):
    if situation == "nonexistent":
        url = reverse("participation:relay_group", kwargs={"pk": 10**6})
        expected = rules.RELAY_UNKNOWN
    elif situation in ("hidden", "pending"):
        group.moderation = Moderation.HIDDEN if situation == "hidden" else Moderation.PENDING
        group.save()
        url, expected = group_url(group), rules.RELAY_GROUP_GONE
    elif situation == "no_lead":
        group.memberships.filter(role="lead").update(role="member")
        url, expected = group_url(group), rules.RELAY_NOBODY
    elif situation == "closed_entry":
        entry = BoardEntryFactory(group=group, closed_at=timezone.now())
        url, expected = entry_url(entry), rules.RELAY_ENTRY_GONE
    elif situation == "hidden_entry":
        entry = BoardEntryFactory(group=group, moderation=Moderation.HIDDEN)
        url, expected = entry_url(entry), rules.RELAY_ENTRY_GONE
    else:
        entry = BoardEntryFactory(group=ActionGroupFactory(moderation=Moderation.HIDDEN))
        url, expected = entry_url(entry), rules.RELAY_GROUP_GONE
    for method in (client.get, client.post):
        response = method(url, VISITOR)
        assert response.status_code == 302
        assert response["Location"].startswith(
            (reverse("participation:board"), reverse("participation:group", args=[group.pk]))
        )
        assert [str(m) for m in get_messages(response.wsgi_request)][-1] == in_german(expected)
    html = client.get(url, follow=True).content.decode()
    assert addresses_in(html, leads) == []
    assert mail.outbox == [] and not RelayMessage.objects.exists()


def test_nobody_writes_to_themselves(client, group, leads):
    client.force_login(leads[0])
    response = client.post(group_url(group), {"text": "Ich selbst"}, follow=True)
    assert escape(in_german(rules.RELAY_SELF)) in response.content.decode()
    client.logout()
    client.post(group_url(group), {**VISITOR, "email": "LEAD-TWO@secret.example"})
    assert mail.outbox == [] and not RelayMessage.objects.exists()


def test_blocked_people_cannot_write(client, group):
    blocked = UserFactory(email="blocked@example.org")
    blocked.is_active = False
    blocked.save()
    Block.objects.create(user=blocked, reason="spam")
    response = client.post(group_url(group), {**VISITOR, "email": "Blocked@example.org"})
    assert response.status_code == 302
    assert mail.outbox == [] and not RelayMessage.objects.exists()


def test_unverified_residents_confirm_their_address_first(client, group):
    client.force_login(UserFactory(verified=False))
    response = client.post(group_url(group), {"text": "Hallo"})
    assert response["Location"] == reverse("account_email")
    assert mail.outbox == []


def test_the_limit_per_address_is_counted_in_the_database(client, group, settings):
    settings.PARTICIPATION_RELAY_LIMITS = {"hour": 2, "day": 3}
    RelayMessageFactory.create_batch(2, group=group, sender_email="vera@visitor.example")
    response = client.post(group_url(group), {**VISITOR, "email": "VERA@visitor.example"})
    assert response.status_code == 429
    html = response.content.decode()
    assert escape(in_german(rules.RELAY_TOO_MANY, hour=2, day=3)) in html
    assert "Hallo ihr!" in html  # the text is kept in the form
    assert mail.outbox == [] and RelayMessage.objects.count() == 2
    # Another address may still write.
    assert client.post(group_url(group), {**VISITOR, "email": "x@y.example"}).status_code == 302


def test_the_daily_limit_per_person(client, group, settings):
    settings.PARTICIPATION_RELAY_LIMITS = {"hour": 5, "day": 3}
    resident = UserFactory()
    earlier = timezone.now() - datetime.timedelta(hours=3)
    for _ in range(3):
        RelayMessageFactory(group=group, author=resident, sender_email="", created_at=earlier)
    client.force_login(resident)
    assert client.post(group_url(group), {"text": "Hallo"}).status_code == 429
    assert mail.outbox == []
    # A day later the messages no longer count.
    RelayMessage.objects.update(created_at=timezone.now() - datetime.timedelta(days=2))
    assert client.post(group_url(group), {"text": "Hallo"}).status_code == 302


def test_the_limit_per_network_address(client, group, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"relay": {"ip": "1/h"}}
    assert client.post(group_url(group), VISITOR).status_code == 302
    response = client.post(group_url(group), {**VISITOR, "email": "other@visitor.example"})
    assert response.status_code == 429
    assert RelayMessage.objects.count() == 1


def test_form_errors_save_nothing(client, group):
    response = client.post(group_url(group), {"name": "", "email": "kaputt", "text": "x" * 2001})
    assert response.status_code == 400
    assert mail.outbox == [] and not RelayMessage.objects.exists()


def report_link(message):
    return re.findall(r"https?://\S+", message.body)[-1]


def test_the_recipient_reports_a_message_through_the_signed_link(client, group, leads):
    client.post(group_url(group), {**VISITOR, "text": "Kauft <b>Uhren</b>!"})
    link = report_link(mail.outbox[0])
    path = link.split("//", 1)[1].split("/", 1)[1]
    path = "/" + path
    assert client.get(path).status_code == 302  # sign in first
    client.force_login(leads[0])
    page = client.get(path)
    assert page.status_code == 200
    assert escape("Kauft <b>Uhren</b>!") in page.content.decode()
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(
        reverse("participation:relay_report"), {"token": token, "reason": "spam", "note": ""}
    )
    assert response.status_code == 302
    record = RelayMessage.objects.get()
    assert record.reported_text == "Kauft <b>Uhren</b>!"
    report = Report.objects.get()
    assert (report.target, report.reporter, report.reason) == (record, leads[0], "spam")
    # Twice counts once.
    again = client.post(
        reverse("participation:relay_report"), {"token": token, "reason": "insult"}, follow=True
    )
    assert escape(in_german(rules.ALREADY_REPORTED)) in again.content.decode()
    assert Report.objects.count() == 1


def test_a_tampered_report_token_is_refused(client, group, leads):
    record = RelayMessageFactory(group=group)
    token = services.report_token(record.pk, "Original")
    client.force_login(leads[0])
    url = reverse("participation:relay_report")
    forged = services.report_token(record.pk, "Original")[:-3] + "abc"
    for bad in (forged, "nonsense", ""):
        response = client.get(url, {"t": bad})
        assert response.status_code == 400
        assert "not valid" in response.content.decode() or response.status_code == 400
        response = client.post(url, {"token": bad, "reason": "spam"})
        assert response.status_code == 400
    # A token signed with another salt (another of the platform's signatures) is no report token.
    from django.core import signing

    other = signing.dumps({"m": record.pk, "t": "Fake"}, compress=True)
    assert client.get(url, {"t": other}).status_code == 400
    assert not Report.objects.exists() and RelayMessage.objects.get().reported_text == ""
    # A valid token of a message no longer on record.
    gone = services.report_token(10**6, "Weg")
    assert client.get(url, {"t": gone}).status_code == 404
    assert client.get(url, {"t": token}).status_code == 200


def test_relay_records_are_not_readable_through_the_generic_routes(client, group, leads):
    record = RelayMessageFactory(group=group, author=UserFactory())
    client.force_login(record.author)
    url = reverse("participation:report", args=["participation.relaymessage", record.pk])
    assert client.get(url).status_code == 404
    assert not RelayMessage.objects.visible_to(record.author).exists()


def test_enough_reports_hide_the_message_record(client, group, leads, settings):
    settings.PARTICIPATION_REPORT_THRESHOLD = 2
    record = RelayMessageFactory(group=group)
    token = services.report_token(record.pk, "Beleidigung")
    for lead in leads:
        client.force_login(lead)
        client.post(reverse("participation:relay_report"), {"token": token, "reason": "insult"})
    record.refresh_from_db()
    assert record.is_hidden and record.reported_text == "Beleidigung"
    assert Report.objects.filter(target_id=record.pk).count() == 2


def test_the_relay_works_and_limits_when_the_cache_is_down(client, group, settings, shared_cache):
    shared_cache.stop()
    settings.PARTICIPATION_RELAY_LIMITS = {"hour": 1, "day": 20}
    assert client.post(group_url(group), VISITOR).status_code == 302
    assert len(mail.outbox) == 2
    assert client.post(group_url(group), VISITOR).status_code == 429
    assert RelayMessage.objects.count() == 1
