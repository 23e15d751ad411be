"""The worker: the platform's actions answer at once while the mail server is down and their mails
go out when it is back; the clock starts each periodic job once per slot; the worker command runs
the queue and survives a database that is briefly away."""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

import pytest
from allauth.account.models import EmailAddress
from django_tasks_db.models import DBTaskResult

from cms.roles import MODERATORS
from participation import mail, periodic, services
from participation.management.commands import run_worker
from participation.models import Comment, OutgoingMail, PeriodicRun
from tests.cms.factories import UserFactory
from tests.participation.factories import ProposalFactory
from tests.participation.worker import SMTPServer, pass_time, run_queue, use_database_queue
from tests.visions.factories import ProcessIndexPageFactory, ProcessPageFactory, running_phase

pytestmark = pytest.mark.django_db

State = OutgoingMail.State
BERLIN = ZoneInfo("Europe/Berlin")
PASSWORD = "ein-langes-Passwort-2026"


@pytest.fixture
def smtp(settings):
    use_database_queue(settings)
    server = SMTPServer(settings)
    yield server
    server.stop()


# --- Actions while the mail server is down -------------------------------------------------------


@pytest.fixture
def proposal(site_homes):
    index = ProcessIndexPageFactory(parent=site_homes[0])
    process = ProcessPageFactory(parent=index, phases=[running_phase()])
    process.save_revision().publish()
    return ProposalFactory(process=process)


def test_sign_up_reset_and_moderation_answer_while_the_mail_server_is_down_and_mail_later(
    client, proposal, smtp, django_capture_on_commit_callbacks
):
    known = UserFactory(email="bekannt@example.org")
    commenter = UserFactory(email="kommentar@example.org")
    comment = services.create_comment(commenter, proposal, "Unfreundlich", process=None)

    response = client.post(
        "/de/konto/signup/",
        {
            "email": "neu@example.org",
            "display_name": "Neue Nachbarin",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert not EmailAddress.objects.get(email="neu@example.org").verified
    client.logout()

    known_reset = client.post("/de/konto/password/reset/", {"email": known.email})
    unknown_reset = client.post("/de/konto/password/reset/", {"email": "niemand@example.org"})
    assert known_reset.status_code == unknown_reset.status_code == 302
    assert known_reset["Location"] == unknown_reset["Location"]

    client.force_login(UserFactory(group=MODERATORS))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/moderation/",
            {"items": [f"comment:{comment.pk}"], "action": "hide", "reason": "insult"},
        )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.moderation == Comment.Moderation.HIDDEN

    # The statement of reasons takes two of the worker's steps: the notification's fan-out,
    # then composing its e-mail into the outbox. Sending it fails while the server is down.
    run_queue()
    queued = sorted(
        r
        for recipients in OutgoingMail.objects.values_list("recipients", flat=True)
        for r in recipients
    )
    assert queued == ["bekannt@example.org", "kommentar@example.org", "neu@example.org"]

    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {State.RETRYING}

    smtp.start()
    pass_time(timedelta(minutes=1))
    run_queue()
    assert set(OutgoingMail.objects.values_list("state", flat=True)) == {State.SENT}
    assert smtp.mailbox.recipients() == queued
    bodies = {e.rcpt_tos[0]: e.content.decode() for e in smtp.mailbox.received}
    assert "/de/konto/confirm-email/" in bodies["neu@example.org"]
    assert "/password/reset/key/" in bodies["bekannt@example.org"]
    assert "niemand@example.org" not in bodies


# --- The clock -----------------------------------------------------------------------------------

CALLS = []


def record_hourly(now):
    CALLS.append(("hourly", now))


def record_daily(now):
    CALLS.append(("daily", now))


def record_weekly(now):
    CALLS.append(("weekly", now))


@pytest.fixture
def jobs(monkeypatch, settings):
    use_database_queue(settings)
    CALLS.clear()
    monkeypatch.setattr(
        periodic,
        "JOBS",
        [
            ("hourly", "hourly", f"{__name__}.record_hourly"),
            ("daily", "daily", f"{__name__}.record_daily"),
            ("weekly", "weekly", f"{__name__}.record_weekly"),
        ],
    )
    yield CALLS
    CALLS.clear()


def berlin(*args):
    return datetime(*args, tzinfo=BERLIN)


def ran(calls):
    return sorted(name for name, _ in calls)


def test_each_job_runs_once_per_slot_as_a_task(jobs):
    now = berlin(2026, 12, 7, 7, 0)  # a Monday
    assert periodic.run_due(now) == ["hourly", "daily", "weekly"]
    assert jobs == []  # queued, not run: the clock never waits for a job
    assert periodic.run_due(now + timedelta(minutes=1)) == []  # called again in the same slot
    run_queue()
    assert ran(jobs) == ["daily", "hourly", "weekly"]
    assert all(when == now for _, when in jobs)

    jobs.clear()
    assert periodic.run_due(now + timedelta(hours=1)) == ["hourly"]
    run_queue()
    assert ran(jobs) == ["hourly"]


def test_two_workers_start_each_slot_once(jobs):
    """A second worker's clock finds the slots taken (the unique PeriodicRun row)."""
    now = berlin(2026, 12, 8, 9, 30)
    PeriodicRun.objects.create(job="daily", slot=periodic.slot("daily", now))  # the other worker
    assert periodic.run_due(now) == ["hourly", "weekly"]
    assert periodic.run_due(now) == []
    run_queue()
    assert ran(jobs) == ["hourly", "weekly"]
    assert PeriodicRun.objects.count() == 3


def test_daily_jobs_start_at_seven_local_time(jobs):
    periodic.run_due(berlin(2026, 12, 8, 7, 0))
    assert periodic.run_due(berlin(2026, 12, 9, 6, 59)) == ["hourly"]
    assert periodic.run_due(berlin(2026, 12, 9, 7, 0)) == ["hourly", "daily"]
    # Summer time: still 07:00 in Berlin (05:00 UTC).
    assert periodic.slot("daily", berlin(2026, 7, 1, 6, 59)) == "2026-06-30"
    assert periodic.slot("daily", datetime(2026, 7, 1, 5, 0, tzinfo=ZoneInfo("UTC"))) == (
        "2026-07-01"
    )


def test_weekly_jobs_start_on_monday_at_seven(jobs):
    periodic.run_due(berlin(2026, 11, 30, 7, 0))  # Monday
    assert "weekly" not in periodic.run_due(berlin(2026, 12, 6, 23, 59))  # Sunday night
    assert "weekly" not in periodic.run_due(berlin(2026, 12, 7, 6, 59))  # Monday, too early
    assert "weekly" in periodic.run_due(berlin(2026, 12, 7, 7, 0))
    assert periodic.slot("weekly", berlin(2026, 12, 7, 7, 0)) == "2026-W50"


def test_hourly_slots_follow_utc_across_the_change_of_clocks():
    """On 25 October 2026 Berlin's 02:00–03:00 happens twice; each is its own slot."""
    first = datetime(2026, 10, 25, 0, 30, tzinfo=ZoneInfo("UTC"))  # 02:30 summer time
    second = datetime(2026, 10, 25, 1, 30, tzinfo=ZoneInfo("UTC"))  # 02:30 winter time
    assert first.astimezone(BERLIN).hour == second.astimezone(BERLIN).hour == 2
    assert periodic.slot("hourly", first) != periodic.slot("hourly", second)
    assert periodic.slot("every-10-minutes", second) == "2026-10-25T01:30Z"


def test_a_job_whose_code_is_missing_is_logged_and_skipped(monkeypatch, settings, caplog):
    use_database_queue(settings)
    monkeypatch.setattr(periodic, "JOBS", [("missing", "hourly", "participation.nothing.here")])
    with caplog.at_level(logging.ERROR, logger="participation.periodic"):
        assert periodic.run_due(timezone.now()) == ["missing"]
        run_queue()
    assert "participation.nothing.here" in caplog.text
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_the_real_jobs_include_the_mail_retries_every_ten_minutes(settings):
    use_database_queue(settings)
    assert ("mail-retries", "every-10-minutes", "participation.mail.resend_due") in periodic.JOBS
    assert {frequency for _, frequency, _ in periodic.JOBS} <= {
        "every-10-minutes",
        "hourly",
        "daily",
        "weekly",
    }
    assert len(periodic.run_due(timezone.now())) == len(periodic.JOBS)


def test_the_periodic_retry_job_sends_what_is_due(smtp):
    mail.queue([_message("Später", "spaeter@example.org")])
    run_queue()  # the server is down
    smtp.start()
    pass_time(timedelta(minutes=1))
    DBTaskResult.objects.filter(status="READY").delete()  # the deferred retry got lost
    periodic.run_due(timezone.now())
    run_queue()
    assert smtp.mailbox.recipients() == ["spaeter@example.org"]


def test_old_slots_are_pruned():
    now = timezone.now()
    PeriodicRun.objects.create(job="daily", slot="2020-01-01", started_at=now - timedelta(days=61))
    PeriodicRun.objects.create(job="daily", slot="today", started_at=now)
    assert periodic.prune_runs(now) == 1
    assert list(PeriodicRun.objects.values_list("slot", flat=True)) == ["today"]


def _message(subject, to):
    from django.core.mail import EmailMessage

    return EmailMessage(subject, "Text", None, [to])


# --- The command ---------------------------------------------------------------------------------


class FlakyWorker:
    """Stands in for django-tasks-db's Worker: the database is away for its first runs."""

    def __init__(self, failures):
        self.failures = failures
        self.running = True
        self.runs = 0

    def run(self):
        self.runs += 1
        if self.runs <= self.failures:
            raise OperationalError("could not connect to server: Connection refused")


def test_the_worker_waits_for_a_database_that_is_briefly_away(monkeypatch, caplog):
    naps = []
    monkeypatch.setattr(run_worker.time, "sleep", naps.append)
    worker = FlakyWorker(failures=2)
    with caplog.at_level(logging.WARNING, logger="participation.worker"):
        run_worker.Command().serve(worker)
    assert worker.runs == 3
    assert naps == [run_worker.DATABASE_RETRY_SECONDS] * 2
    assert caplog.text.count("Database unavailable") == 2


def test_the_clock_survives_a_database_error(monkeypatch, caplog):
    def database_away(now):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(periodic, "run_due", database_away)
    with caplog.at_level(logging.WARNING, logger="participation.worker"):
        run_worker.Clock().tick()
    assert "database unavailable" in caplog.text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_worker_in_batch_mode_sends_the_outbox_and_starts_the_jobs(settings, monkeypatch):
    use_database_queue(settings)
    server = SMTPServer(settings).start()
    CALLS.clear()
    monkeypatch.setattr(periodic, "JOBS", [("daily", "daily", f"{__name__}.record_daily")])
    try:
        mail.queue([_message("Aus dem Hintergrund", "hintergrund@example.org")])
        call_command("run_worker", "--batch", verbosity=0)
        assert server.mailbox.recipients() == ["hintergrund@example.org"]
        assert OutgoingMail.objects.get().state == State.SENT
        assert ran(CALLS) == ["daily"]
        assert not DBTaskResult.objects.filter(status="READY").exists()
    finally:
        server.stop()
        CALLS.clear()
