"""Benchmark: the worker sends the outbox to a local SMTP sink. Queues --mails e-mails (5,000 by
default) in one transaction, as a digest run or an announcement to every follower would, then
runs ``manage.py run_worker --batch`` and prints how long queueing and sending took and the mails
per second. Target: at least 200 mails/s.

Usage:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lv_bench .venv/bin/python bench/outbox.py
  DATABASE_URL=sqlite:////tmp/some-migrated.sqlite3 .venv/bin/python bench/outbox.py

Without DATABASE_URL it migrates a fresh SQLite database in a temporary folder (slow). The SMTP
sink (aiosmtpd's ``Sink`` handler) runs in its own process, so that it does not compete with the
worker for the interpreter; it accepts every mail and keeps none.
"""

import argparse
import os
import socket
import subprocess
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

from django.conf import settings  # noqa: E402
from django.core.mail import EmailMultiAlternatives  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from participation import mail  # noqa: E402
from participation.models import OutgoingMail  # noqa: E402


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("The SMTP sink did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mails", type=int, default=5000)
    args = parser.parse_args()

    call_command("migrate", "--no-input", verbosity=0)
    port = free_port()
    sink = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
        + ["-c", "aiosmtpd.handlers.Sink"]
    )
    try:
        wait_for(port)
        with override_settings(
            EMAIL_BACKEND="participation.mail.QueuedEmailBackend",
            MAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            TASKS={
                "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
                "worker": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
            },
        ):
            OutgoingMail.objects.all().delete()
            messages = []
            for n in range(args.mails):
                message = EmailMultiAlternatives(
                    f"Neue Phase im Prozess {n}",
                    "Eine neue Phase hat begonnen.\n" * 20,
                    None,
                    [f"person{n}@example.org"],
                    headers={"List-Unsubscribe": f"<https://example.org/u/{n}/>"},
                )
                message.attach_alternative("<p>Eine neue Phase hat begonnen.</p>" * 20, "text/html")
                messages.append(message)
            started = time.perf_counter()
            with transaction.atomic():
                mail.queue(messages)
            queued = time.perf_counter() - started

            started = time.perf_counter()
            call_command("run_worker", "--batch", "--no-clock", verbosity=0)
            sending = time.perf_counter() - started
    finally:
        sink.terminate()
        sink.wait()

    sent = OutgoingMail.objects.filter(state=OutgoingMail.State.SENT).count()
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"Database: {engine}")
    print(f"Queueing {args.mails} mails in one transaction: {queued * 1000:.0f} ms")
    print(f"Sending them (run_worker --batch): {sending:.2f} s, {sent} sent")
    print(f"Throughput: {sent / sending:.0f} mails/s (target: >= 200)")


if __name__ == "__main__":
    main()
