"""Benchmark: a process with 5,000 followers gets a new phase; prints how long announcing it
takes in the request, how long the worker takes to fan it out and to compose the 5,000 e-mails,
and how fast the worker sends them to a local SMTP sink, with the queries of each step.
Targets: the request part under 1 s; the worker sends at least 200 mails/s.

Usage:
  createdb -h 127.0.0.1 -U postgres lv_bench   # once
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench .venv/bin/python bench/notifications.py

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. The database is
migrated and gets the demo content plus the benchmark residents ("notify-bench-…@example.org",
a fifth of them with English as their language), created once with bulk inserts and reused on
later runs; each run starts by removing the benchmark's earlier activities and outbox rows.

The worker is played in this process: the "worker" task backend is Django-tasks' dummy backend,
which only records what is queued; the benchmark then runs the recorded tasks itself, step by
step (fan-out, composing, sending), so each step is timed on its own. Sending goes through
Django's SMTP backend to an aiosmtpd server on 127.0.0.1 whose handler only counts.

Before helper "events"' ``notify()`` exists, the activity and its 5,000 notifications are
written directly (as the fan-out would) and the request and fan-out steps say "not built yet".
"""

import argparse
import io
import multiprocessing
import os
import socket
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp(prefix="landvorteil-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

from aiosmtpd.controller import Controller  # noqa: E402
from allauth.account.models import EmailAddress  # noqa: E402
from django_tasks import task_backends  # noqa: E402

from cms.roles import RESIDENTS  # noqa: E402
from participation.models import (  # noqa: E402
    Activity,
    Delivery,
    Follow,
    Notification,
    OutgoingMail,
)
from participation.models import NotificationReason as Reason  # noqa: E402
from participation.notifications import delivery  # noqa: E402
from visions.models import ProcessPage  # noqa: E402

try:
    from participation.notifications.events import notify
except ImportError:  # helper "events" not merged yet
    notify = None

FOLLOWERS = 5_000
EMAIL = "notify-bench-{}@example.org"
TARGETS = {"request": 1.0, "mails per second": 200}
DUMMY = {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}


class CountingHandler:
    """An SMTP sink: accepts every message and counts it."""

    def __init__(self, counter):
        self.counter = counter

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        with self.counter.get_lock():
            self.counter.value += 1
        return "250 OK"


def smtp_sink(port, counter, ready, stop):
    """The SMTP server, in a process of its own (in a thread of this one it would compete with
    the worker for the interpreter lock)."""
    controller = Controller(CountingHandler(counter), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def create_followers(process):
    """The benchmark residents, each following ``process`` (created once, then reused)."""
    User = get_user_model()
    existing = User.objects.filter(email__startswith="notify-bench-").count()
    if existing < FOLLOWERS:
        password = make_password("bench-password")
        User.objects.bulk_create(
            [
                User(
                    email=EMAIL.format(n),
                    display_name=f"Benchmark-Person {n}",
                    password=password,
                    language="en" if n % 5 == 0 else "de",
                )
                for n in range(existing, FOLLOWERS)
            ],
            batch_size=1000,
        )
        people = list(User.objects.filter(email__startswith="notify-bench-"))
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=p, email=p.email, primary=True, verified=True) for p in people],
            batch_size=1000,
            ignore_conflicts=True,
        )
        residents = Group.objects.get(name=RESIDENTS)
        membership = User.groups.through
        membership.objects.bulk_create(
            [membership(user_id=p.pk, group_id=residents.pk) for p in people],
            batch_size=1000,
            ignore_conflicts=True,
        )
    people = User.objects.filter(email__startswith="notify-bench-")
    Follow.objects.bulk_create(
        [
            Follow(user_id=pk, target_type_id=process.content_type_id, target_id=process.pk)
            for pk in people.values_list("pk", flat=True)
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return people


def run_queued(backend, task_name=None):
    """Run what the dummy backend recorded (the worker's part); returns how many tasks ran.
    Tasks that queue further tasks leave them recorded for the next step."""
    ran = 0
    while True:
        pending = [r for r in backend.results if task_name is None or r.task.name == task_name]
        if not pending:
            return ran
        for result in pending:
            backend.results.remove(result)
            result.task.call(*result.args, **result.kwargs)
            ran += 1
        if task_name is None:
            return ran


def step(label, queries, seconds, extra=""):
    print(f"{label:<44}{seconds * 1000:>10.0f} ms{queries:>9} queries  {extra}")


def main():
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=io.StringIO())
    process = ProcessPage.objects.live().filter(locale__language_code="de").first()
    started = time.perf_counter()
    with transaction.atomic():
        people = create_followers(process)
    seconds = time.perf_counter() - started
    print(f"{people.count()} followers of “{process.title}” ready in {seconds:.1f} s")
    bench_ids = list(people.values_list("pk", flat=True))
    Activity.objects.filter(key__startswith="bench-").delete()
    Notification.objects.filter(recipient_id__in=bench_ids).delete()
    OutgoingMail.objects.filter(recipients__isnull=False, subject__contains=process.title).delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"database: {connection.vendor}; load average {load} on {os.cpu_count()} CPUs")

    port = free_port()
    counter, ready, stop = (
        multiprocessing.Value("i", 0),
        multiprocessing.Event(),
        multiprocessing.Event(),
    )
    sink = multiprocessing.Process(target=smtp_sink, args=(port, counter, ready, stop))
    sink.start()
    ready.wait(timeout=30)
    smtp = {
        "MAIL_DELIVERY_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
    }
    key = f"bench-{timezone.now().timestamp()}"
    try:
        with override_settings(TASKS={"default": DUMMY, "worker": DUMMY}, **smtp):
            backend = task_backends["worker"]
            backend.clear()
            if notify is not None:
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    with transaction.atomic():
                        notify(
                            Reason.PHASE_STARTED,
                            process,
                            followers_of=[process],
                            key=key,
                            data={"title": process.title, "phase": "Benchmark-Phase"},
                        )
                    seconds = time.perf_counter() - started
                flag = "OVER" if seconds >= TARGETS["request"] else ""
                step("request: notify() (fan-out queued)", len(captured), seconds, f"< 1 s {flag}")
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    run_queued(backend, "fan_out")
                    seconds = time.perf_counter() - started
                made = Notification.objects.filter(activity__key=key).count()
                step("worker: fan-out", len(captured), seconds, f"{made} notifications")
                # Phase news is a daily digest by default: the benchmark's followers want it
                # at once, as the immediate mails are what is measured.
                ids = list(
                    Notification.objects.filter(activity__key=key).values_list("pk", flat=True)
                )
                Notification.objects.filter(pk__in=ids).update(delivery=Delivery.IMMEDIATELY)
                backend.clear()
                delivery.send_immediately(ids)
            else:
                print(f"{'request: notify() and fan-out':<44}  not built yet (no events.notify)")
                activity = Activity.objects.create(
                    kind=Reason.PHASE_STARTED,
                    target=process,
                    key=key,
                    data={"title": process.title, "phase": "Benchmark-Phase"},
                )
                Notification.objects.bulk_create(
                    [
                        Notification(
                            recipient_id=pk,
                            activity=activity,
                            reason=Reason.PHASE_STARTED,
                            delivery=Delivery.IMMEDIATELY,
                        )
                        for pk in bench_ids
                    ],
                    batch_size=1000,
                )
                ids = list(activity.notifications.values_list("pk", flat=True))
                delivery.send_immediately(ids)

            before = OutgoingMail.objects.count()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                tasks = run_queued(backend, delivery.send_notification_mails.name)
                compose = time.perf_counter() - started
            queued = OutgoingMail.objects.count() - before
            step(
                f"worker: compose ({tasks} tasks)",
                len(captured),
                compose,
                f"{queued} mails queued, {queued / compose:.0f} mails/s",
            )
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                tasks = run_queued(backend)
                send = time.perf_counter() - started
            sent = counter.value
            step(
                f"worker: send over SMTP ({tasks} tasks)",
                len(captured),
                send,
                f"{sent} received by the sink, {sent / send:.0f} mails/s",
            )
            total = sent / (compose + send) if sent else 0
            flag = "" if total >= TARGETS["mails per second"] else "  UNDER"
            print(f"worker overall (compose + send): {total:.0f} mails/s, target ≥ 200{flag}")
    finally:
        stop.set()
        sink.join(timeout=30)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average afterwards: {load}")


if __name__ == "__main__":
    main()
