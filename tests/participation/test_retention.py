"""Retention with a frozen clock: each rule just before and just after its limit, the dry run,
the warning of disuse (once, cleared by signing in), the command and the worker's daily job."""

import io
import re
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import models

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django_tasks_db.models import DBTaskResult

from cms.roles import EDITORS
from participation import periodic, retention
from participation.models import (
    DataExport,
    IllegalContentNotice,
    OutgoingMail,
    RelayMessage,
    Report,
)
from participation.models.accounts import hash_token
from participation.retention import (
    DOWNLOADED_EXPORT_AFTER,
    INACTIVE_AFTER,
    NOTICE_CONTACT_AFTER,
    PERSONAL_DATA_AFTER,
    RELAY_SENDER_AFTER,
    UNCONFIRMED_SIGNUP_AFTER,
    WARNING_NOTICE,
)
from tests.cms.factories import UserFactory
from tests.conftest import in_german
from tests.participation.factories import RelayMessageFactory
from tests.participation.worker import run_queue, use_database_queue

pytestmark = pytest.mark.django_db

NOW = datetime(2027, 3, 10, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)
User = get_user_model()


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def ids(queryset):
    return set(queryset.values_list("pk", flat=True))


# --- Unconfirmed sign-ups ------------------------------------------------------------------------


def signed_up(joined, *, verified=False, last_login=None, **fields):
    person = UserFactory(verified=verified, **fields)
    User.objects.filter(pk=person.pk).update(date_joined=joined, last_login=last_login)
    return person


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(clock):
    limit = NOW - UNCONFIRMED_SIGNUP_AFTER
    too_old = signed_up(limit - SECOND, email="alt@example.org")
    recent = signed_up(limit + SECOND)
    confirmed = signed_up(limit - timedelta(days=30), verified=True)
    signed_in = signed_up(limit - timedelta(days=30), last_login=limit)
    # Made by staff in the admin: no e-mail address record, never a sign-up.
    made_by_staff = signed_up(limit - timedelta(days=30))
    EmailAddress.objects.filter(user=made_by_staff).delete()

    outcome = retention.delete_unconfirmed_signups(NOW)

    assert outcome.count == 1
    assert not User.objects.filter(pk=too_old.pk).exists()
    assert ids(User.objects.all()) >= {recent.pk, confirmed.pk, signed_in.pk, made_by_staff.pk}
    # The address is free for a new sign-up.
    assert not EmailAddress.objects.filter(email="alt@example.org").exists()


def test_an_unconfirmed_staff_account_is_not_deleted(clock):
    staff = signed_up(NOW - timedelta(days=30), is_staff=True)
    assert retention.delete_unconfirmed_signups(NOW).count == 0
    assert User.objects.filter(pk=staff.pk).exists()


# --- Data downloads ------------------------------------------------------------------------------


def export(person, *, expires_at, downloaded_at=None):
    return DataExport.objects.create(
        user=person,
        token_hash=hash_token(f"{person.pk}-{expires_at}-{downloaded_at}"),
        state=DataExport.State.READY,
        archive=b"PK\x05\x06" + bytes(18),
        created_at=expires_at - timedelta(days=1),
        ready_at=expires_at - timedelta(days=1),
        expires_at=expires_at,
        downloaded_at=downloaded_at,
    )


def test_data_downloads_go_when_expired_or_a_day_after_the_download(clock):
    person = UserFactory()
    expired = export(person, expires_at=NOW)
    valid = export(person, expires_at=NOW + SECOND)
    downloaded_long_ago = export(
        person,
        expires_at=NOW + timedelta(hours=1),
        downloaded_at=NOW - DOWNLOADED_EXPORT_AFTER - SECOND,
    )
    downloaded_lately = export(
        person,
        expires_at=NOW + timedelta(hours=2),
        downloaded_at=NOW - DOWNLOADED_EXPORT_AFTER + SECOND,
    )

    assert retention.delete_expired_data_exports(NOW).count == 2

    assert ids(DataExport.objects.all()) == {valid.pk, downloaded_lately.pk}
    assert expired.pk not in ids(DataExport.objects.all())
    assert downloaded_long_ago.pk not in ids(DataExport.objects.all())


# --- The outbox, the task table, sessions --------------------------------------------------------


def outgoing(state, *, created_at, sent_at=None):
    return OutgoingMail.objects.create(
        recipients=["jemand@example.org"],
        subject="Betreff",
        message={"body": "Text mit persönlichen Angaben"},
        state=state,
        created_at=created_at,
        sent_at=sent_at,
    )


def test_sent_and_dead_mails_are_deleted_after_thirty_days(clock):
    limit = NOW - PERSONAL_DATA_AFTER
    State = OutgoingMail.State
    sent_old = outgoing(State.SENT, created_at=limit - SECOND, sent_at=limit - SECOND)
    sent_new = outgoing(State.SENT, created_at=limit - timedelta(days=1), sent_at=limit + SECOND)
    dead_old = outgoing(State.DEAD, created_at=limit - SECOND)
    dead_new = outgoing(State.DEAD, created_at=limit + SECOND)
    # Still to be sent, however old: the worker needs them.
    waiting = outgoing(State.RETRYING, created_at=limit - timedelta(days=90))
    queued = outgoing(State.QUEUED, created_at=limit - timedelta(days=90))

    assert retention.delete_old_mails(NOW).count == 2

    assert ids(OutgoingMail.objects.all()) == {sent_new.pk, dead_new.pk, waiting.pk, queued.pk}
    assert not {sent_old.pk, dead_old.pk} & ids(OutgoingMail.objects.all())


def task_result(status, finished_at):
    return DBTaskResult.objects.create(
        status=status,
        finished_at=finished_at,
        args_kwargs={"args": [["person@example.org"]], "kwargs": {}},
        task_path="participation.mail.deliver",
        backend_name="worker",
        queue_name="default",
        run_after=finished_at or NOW,
    )


def test_finished_tasks_are_deleted_after_thirty_days(clock):
    limit = NOW - PERSONAL_DATA_AFTER
    done_old = task_result("SUCCESSFUL", limit - SECOND)
    failed_old = task_result("FAILED", limit - SECOND)
    done_new = task_result("SUCCESSFUL", limit + SECOND)
    ready = task_result("READY", None)

    assert retention.delete_finished_tasks(NOW).count == 2

    assert ids(DBTaskResult.objects.all()) == {done_new.pk, ready.pk}
    assert not {done_old.pk, failed_old.pk} & ids(DBTaskResult.objects.all())


def test_expired_sessions_are_deleted(clock):
    for key, expires in (("abgelaufen", NOW - SECOND), ("gueltig", NOW + SECOND)):
        Session.objects.create(session_key=key, session_data="", expire_date=expires)

    assert retention.delete_expired_sessions(NOW).count == 1

    assert list(Session.objects.values_list("session_key", flat=True)) == ["gueltig"]


# --- Contacts kept past their use ----------------------------------------------------------------


def notice(handled_at, **fields):
    return IllegalContentNotice.objects.create(
        reason="other",
        url="http://testserver/de/",
        explanation="Das ist rechtswidrig.",
        name="Melderin",
        email="melderin@example.org",
        handled_at=handled_at,
        **fields,
    )


def test_notifiers_contact_is_erased_six_months_after_the_notice_was_handled(clock):
    limit = NOW - NOTICE_CONTACT_AFTER
    old = notice(limit - SECOND)
    recent = notice(limit + SECOND)
    open_notice = notice(None, created_at=NOW - timedelta(days=400))

    assert retention.erase_notice_contacts(NOW).count == 1

    old.refresh_from_db()
    assert (old.name, old.email) == ("", "")
    # The notice itself stays: what was reported, why, when, and when it was handled.
    assert (old.url, old.explanation, old.handled_at) == (
        "http://testserver/de/",
        "Das ist rechtswidrig.",
        limit - SECOND,
    )
    for kept in (recent, open_notice):
        kept.refresh_from_db()
        assert (kept.name, kept.email) == ("Melderin", "melderin@example.org")


def test_visitors_contact_in_relayed_messages_is_erased_after_the_report_link_expired(clock):
    limit = NOW - RELAY_SENDER_AFTER
    old = RelayMessageFactory(created_at=limit - SECOND)
    recent = RelayMessageFactory(created_at=limit + SECOND)
    reported = RelayMessageFactory(created_at=limit - timedelta(days=10))
    Report.objects.create(target=reported, reporter=UserFactory(), reason="spam", created_at=limit)

    assert retention.erase_relay_senders(NOW).count == 1

    old.refresh_from_db()
    assert (old.sender_name, old.sender_email) == ("", "")
    for kept in (recent, reported):
        kept.refresh_from_db()
        assert kept.sender_name and kept.sender_email

    # Once the moderators have looked at the report, the address goes too.
    Report.objects.update(reviewed_at=NOW)
    assert retention.erase_relay_senders(NOW).count == 1
    assert RelayMessage.objects.exclude(pk=recent.pk).filter(sender_email="").count() == 2


# --- Accounts unused for two years ---------------------------------------------------------------


def inactive(last_login, *, joined=None, **fields):
    person = UserFactory(**fields)
    User.objects.filter(pk=person.pk).update(
        last_login=last_login, date_joined=joined or (last_login or NOW) - timedelta(days=1)
    )
    person.refresh_from_db()
    return person


def warnings_to(person):
    return [message for message in mail.outbox if message.to == [person.email]]


def test_accounts_unused_for_two_years_are_warned_once(clock):
    limit = NOW - INACTIVE_AFTER
    unused = inactive(limit - SECOND, language="en")
    used = inactive(limit + SECOND)
    never_signed_in = inactive(None, joined=limit - SECOND)
    deactivated = inactive(limit - timedelta(days=100), is_active=False)
    mail.outbox.clear()

    outcome = retention.warn_inactive_accounts(NOW)

    assert outcome.count == 2
    assert ids(User.objects.exclude(inactivity_warned_at=None)) == {
        unused.pk,
        never_signed_in.pk,
    }
    assert User.objects.get(pk=unused.pk).inactivity_warned_at == NOW
    for quiet in (used, deactivated):
        assert warnings_to(quiet) == []

    # In the person's language, through the outbox, with the way to keep and to delete it.
    (warning,) = warnings_to(unused)
    assert warning.subject == "Your LANDVORTEIL account has not been used for two years"
    assert "http://localhost/en/account/login/" in warning.body
    assert "http://localhost/en/account/my-area/account/" in warning.body
    assert OutgoingMail.objects.filter(recipients=[unused.email]).count() == 1
    assert "(the last time on March 10, 2025)" in warning.body
    (german,) = warnings_to(never_signed_in)
    assert "/de/konto/login/" in german.body
    made = in_german(
        "nobody has signed in to your account on the LANDVORTEIL platform since it was made on "
        "%(day)s. We keep personal data only as long as it is used.",
        day="10. März 2025",
    )
    assert made in german.body

    # The next day's run warns nobody twice; only the account that has crossed the line since.
    clock.shift(timedelta(days=1))
    later = retention.warn_inactive_accounts(NOW + timedelta(days=1))
    assert (later.count, len(later.items)) == (1, 1)
    assert later.items[0].startswith(f"#{used.pk} ")
    assert len(warnings_to(unused)) == len(warnings_to(never_signed_in)) == 1


def test_signing_in_again_clears_the_warning(clock, client):
    person = inactive(NOW - INACTIVE_AFTER - timedelta(days=3))
    retention.warn_inactive_accounts(NOW)
    person.refresh_from_db()
    assert person.inactivity_warned_at == NOW

    response = client.post(
        "/de/konto/login/", {"login": person.email, "password": settings.DEMO_PASSWORD}
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.inactivity_warned_at is None
    assert person.last_login == NOW
    # In use again: no longer unused, so no warning and no listing.
    assert retention.warn_inactive_accounts(NOW).count == 0
    assert retention.list_unused_after_warning(NOW + WARNING_NOTICE * 2).count == 0


def test_accounts_still_unused_after_the_warning_are_listed_for_an_administrator(clock):
    long_warned = inactive(NOW - INACTIVE_AFTER - timedelta(days=90), display_name="Alt")
    lately_warned = inactive(NOW - INACTIVE_AFTER - timedelta(days=90))
    User.objects.filter(pk=long_warned.pk).update(
        inactivity_warned_at=NOW - WARNING_NOTICE - SECOND
    )
    User.objects.filter(pk=lately_warned.pk).update(
        inactivity_warned_at=NOW - WARNING_NOTICE + SECOND
    )

    outcome = retention.list_unused_after_warning(NOW)

    assert outcome.count == 1
    assert outcome.items[0].startswith(f"#{long_warned.pk} Alt ")
    # Listing deletes nobody.
    assert User.objects.filter(pk=long_warned.pk).exists()


# --- The command and the worker's job ------------------------------------------------------------


def something_for_every_rule():
    """One thing past its limit for each rule that changes data (no unconfirmed sign-up)."""
    person = UserFactory()
    export(person, expires_at=NOW - SECOND)
    outgoing(
        OutgoingMail.State.SENT,
        created_at=NOW - timedelta(days=40),
        sent_at=NOW - timedelta(days=40),
    )
    task_result("SUCCESSFUL", NOW - timedelta(days=40))
    Session.objects.create(session_key="alt", session_data="", expire_date=NOW - SECOND)
    notice(NOW - timedelta(days=400))
    RelayMessageFactory(created_at=NOW - timedelta(days=200))
    editor = inactive(NOW - INACTIVE_AFTER - SECOND, display_name="Redakteurin")
    editor.groups.add(Group.objects.get_or_create(name=EDITORS)[0])
    mail.outbox.clear()
    return editor


def state_of_everything():
    return {
        "exports": DataExport.objects.count(),
        "mails": OutgoingMail.objects.count(),
        "tasks": DBTaskResult.objects.count(),
        "sessions": Session.objects.count(),
        "notice contacts": IllegalContentNotice.objects.exclude(email="").count(),
        "relay senders": RelayMessage.objects.exclude(sender_email="").count(),
        "warned": User.objects.exclude(inactivity_warned_at=None).count(),
        "people": User.objects.count(),
    }


def test_the_dry_run_lists_and_changes_nothing(clock):
    editor = something_for_every_rule()
    before = state_of_everything()
    out = io.StringIO()

    call_command("apply_retention", "--dry-run", stdout=out)

    assert state_of_everything() == before
    assert mail.outbox == []
    output = out.getvalue()
    assert "dry run: nothing changed" in output
    for line in (
        "Data downloads expired or downloaded a day ago: 1 to be deleted",
        "E-mails sent or given up on more than 30 days ago: 1 to be deleted",
        "Worker tasks finished more than 30 days ago: 1 to be deleted",
        "Expired sessions: 1 to be deleted",
        "handled: 1 to be erased",
        "relayed 90 days ago: 1 to be erased",
        "Accounts unused for 2 years: 1 to be warned by e-mail",
        "Sign-ups not confirmed within 7 days: 0 to be deleted",
    ):
        assert line in output
    # Staff accounts are warned too, and marked in the list.
    assert re.search(rf"#{editor.pk} Redakteurin \[staff\] \(last signed in ", output)


def test_the_command_applies_every_rule_and_prints_a_summary(clock):
    editor = something_for_every_rule()
    out = io.StringIO()

    call_command("apply_retention", stdout=out)

    assert state_of_everything() == {
        "exports": 0,
        "mails": 1,  # the warning just queued (and sent)
        "tasks": 0,
        "sessions": 0,
        "notice contacts": 0,
        "relay senders": 0,
        "warned": 1,
        "people": User.objects.count(),
    }
    assert [message.to for message in mail.outbox] == [[editor.email]]
    output = out.getvalue()
    assert "E-mails sent or given up on more than 30 days ago: 1 deleted" in output
    assert "Accounts unused for 2 years: 1 warned by e-mail" in output
    assert f"#{editor.pk} Redakteurin [staff]" in output


def test_a_failing_rule_does_not_stop_the_others_and_fails_the_command(clock, monkeypatch):
    def broken(now, dry_run=False):
        raise RuntimeError("kaputt")

    monkeypatch.setattr(retention, "RULES", [broken, retention.delete_expired_sessions])
    Session.objects.create(session_key="alt", session_data="", expire_date=NOW - SECOND)

    with pytest.raises(CommandError, match="broken"):
        call_command("apply_retention", stdout=io.StringIO())

    assert not Session.objects.exists()


def test_the_worker_applies_retention_daily(clock, settings):
    use_database_queue(settings)
    editor = something_for_every_rule()

    assert ("retention", "daily", "participation.retention.run") in periodic.JOBS
    assert "retention" in periodic.run_due(NOW)
    run_queue()

    assert DBTaskResult.objects.filter(status="FAILED").count() == 0
    assert not OutgoingMail.objects.exclude(recipients=[editor.email]).exists()
    assert not Session.objects.filter(expire_date__lt=NOW).exists()
    assert User.objects.get(pk=editor.pk).inactivity_warned_at == NOW
    # Once a day: later the same day the job is not started again.
    assert "retention" not in periodic.run_due(NOW + timedelta(hours=3))


# --- Where addresses and browsers could be kept --------------------------------------------------

ADDRESS_OR_BROWSER = re.compile(r"(^|_)(ip|ip_address|remote_addr|user_agent|useragent)$")


def test_no_model_stores_addresses_or_browsers():
    """IP addresses and user agents live only in the cache (rate limits) and expire there. A
    model that stores one needs a retention rule (participation/retention.py) first."""
    stored = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.Field)
        and (
            isinstance(field, models.GenericIPAddressField) or ADDRESS_OR_BROWSER.search(field.name)
        )
    ]
    assert stored == []
