"""The worker in tests: the "worker" queue as the database queue it is in production, run until
empty inside the test's transaction, and a local SMTP server that can refuse or be down.

The test settings run the "worker" queue's tasks as they are queued (immediate backend).
:func:`use_database_queue` switches it to django-tasks-db's database backend (django-tasks
builds its backends once and forgets them on ``setting_changed`` for ``TASKS``, which the
``settings`` fixture sends). :func:`run_queue` runs the ready tasks with django-tasks-db's own
``Worker.run_task``, but picks them itself: ``Worker.run`` calls ``close_old_connections()``,
which would close the connection that holds the test's transaction.
"""

from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone

from aiosmtpd.controller import Controller
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from participation.models import OutgoingMail
from tests.loopback import spare_port

DATABASE_QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "worker": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
}


def use_outbox(settings):
    """Mail through the outbox, as outside tests: Django's test set-up replaces every
    ``EMAIL_BACKEND`` with its in-memory one, so mails would skip the outbox."""
    settings.EMAIL_BACKEND = "participation.mail.QueuedEmailBackend"


def use_database_queue(settings):
    use_outbox(settings)
    settings.TASKS = DATABASE_QUEUE


def ready_tasks():
    return DBTaskResult.objects.filter(status="READY", backend_name="worker").filter(
        Q(run_after=get_date_max()) | Q(run_after__lte=timezone.now())
    )


def run_queue(limit=500):
    """Run the worker queue's ready tasks (and those they queue) until none is ready; returns
    how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="worker",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while (task_result := ready_tasks().first()) is not None:
        task_result.claim(worker.worker_id)
        worker.run_task(task_result)
        ran += 1
        assert ran < limit, "the queue does not run empty"
    return ran


def pass_time(delta):
    """Let ``delta`` pass for the queue: deferred tasks and waiting mails come due that much
    earlier."""
    DBTaskResult.objects.filter(status="READY").exclude(run_after=get_date_max()).update(
        run_after=F("run_after") - delta
    )
    OutgoingMail.objects.exclude(next_attempt_at=None).update(
        next_attempt_at=F("next_attempt_at") - delta
    )


class Mailbox:
    """aiosmtpd handler: refuses the next ``refuse`` messages with "451 try later", then takes
    them; ``received`` holds the messages taken, ``sessions`` counts the connections used."""

    def __init__(self):
        self.refuse = 0
        self.refused = 0
        self.received = []
        self.sessions = set()
        self.refused_recipients = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused_recipients:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.sessions.add(id(session))
        if self.refuse > 0:
            self.refuse -= 1
            self.refused += 1
            return "451 4.3.0 Try again later"
        self.received.append(envelope)
        return "250 Message accepted"

    def message_ids(self):
        ids = []
        for envelope in self.received:
            for line in envelope.content.decode().splitlines():
                if line.lower().startswith("message-id:"):
                    ids.append(line.split(":", 1)[1].strip())
        return ids

    def recipients(self):
        return sorted(address for envelope in self.received for address in envelope.rcpt_tos)


class SMTPServer:
    """A mail server on 127.0.0.1 that the "worker" delivers to; down until :meth:`start`."""

    def __init__(self, settings):
        self.port = spare_port()
        self.mailbox = Mailbox()
        self.controller = None
        settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", self.port
        settings.EMAIL_TIMEOUT = 5

    def start(self):
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def due_in(mail, now):
    """How long ``mail`` waits for its next attempt, in whole seconds from ``now``."""
    return round((mail.next_attempt_at - now) / timedelta(seconds=1))
