"""The platform's background worker: runs the tasks of the "worker" queue (e-mails,
notifications, digests) with django-tasks-db's worker loop, and a clock that starts the periodic
jobs (:mod:`participation.periodic`) every minute.

A database that is briefly unreachable is logged and tried again; SIGTERM or SIGINT let the task
that is running finish, then the worker exits (a second signal ends it at once).
"""

import contextlib
import logging
import threading
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.utils import timezone
from django.utils.crypto import get_random_string

from django_tasks_db.management.commands.db_worker import Worker

from participation import periodic

logger = logging.getLogger("participation.worker")

BACKEND = "worker"
DATABASE_RETRY_SECONDS = 5
LOGGERS = ("participation", "django_tasks", "django_tasks_db")


def _close_connections():
    """Drop this thread's database connections (a broken one is opened again when needed)."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):
            connection.close()


class Clock(threading.Thread):
    """Calls :func:`participation.periodic.run_due` at the start of every minute."""

    def __init__(self, every=60):
        super().__init__(name="periodic-clock", daemon=True)
        self.every = every
        self.stopped = threading.Event()

    def tick(self):
        try:
            started = periodic.run_due(timezone.now())
        except DatabaseError as error:
            logger.warning("Clock: database unavailable (%s); trying again next minute", error)
        except Exception:
            logger.exception("Clock: starting the periodic jobs failed")
        else:
            if started:
                logger.info("Clock: queued %s", ", ".join(started))

    def run(self):
        while not self.stopped.is_set():
            self.tick()
            # The thread's own connection; a broken one is opened again at the next tick.
            _close_connections()
            self.stopped.wait(self.every - time.time() % self.every)

    def stop(self):
        self.stopped.set()
        self.join(timeout=10)


class Command(BaseCommand):
    help = (
        "Run the background worker: send the outbox, run notifications and digests, and start "
        "the periodic jobs every minute."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds to wait when the queue is empty (default: %(default)s).",
        )
        parser.add_argument(
            "--batch",
            action="store_true",
            help="Start the due periodic jobs once, run every task that is ready, then exit.",
        )
        parser.add_argument(
            "--no-clock",
            action="store_false",
            dest="clock",
            help="Do not start periodic jobs (when another worker runs the clock; it is safe to "
            "run several clocks, though: each slot runs once).",
        )
        parser.add_argument(
            "--worker-id",
            default=None,
            help="A name for this worker, unique among the workers (default: random).",
        )

    def configure_logging(self, verbosity):
        level = logging.WARNING if verbosity == 0 else logging.INFO
        if verbosity > 1:
            level = logging.DEBUG
        for name in LOGGERS:
            logging.getLogger(name).setLevel(level)
        if not logger.hasHandlers():
            logging.getLogger("participation").addHandler(logging.StreamHandler(self.stderr))

    def handle(self, *, interval, batch, clock, worker_id, verbosity, **options):
        self.configure_logging(verbosity)
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=batch,
            backend_name=BACKEND,
            startup_delay=not batch,
            max_tasks=None,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        ticker = None
        if clock and batch:
            Clock().tick()
        elif clock:
            ticker = Clock()
            ticker.start()
        try:
            self.serve(worker)
        finally:
            if ticker is not None:
                ticker.stop()
            worker.reset_signals()

    def serve(self, worker):
        """Run the worker's loop until a signal or (with ``--batch``) an empty queue ends it."""
        while worker.running:
            try:
                worker.run()
            except (OperationalError, InterfaceError) as error:
                logger.warning(
                    "Database unavailable (%s); trying again in %s s", error, DATABASE_RETRY_SECONDS
                )
                _close_connections()
                time.sleep(DATABASE_RETRY_SECONDS)
            else:
                return
