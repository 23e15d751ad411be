"""Periodic jobs the worker runs: ``manage.py run_worker`` calls :func:`run_due` every minute.

``JOBS``: (name, how often, dotted path of a function taking ``now``). ``run_due(now)`` starts
each job whose current slot has not run yet; a :class:`~participation.models.PeriodicRun` row per
job and slot (unique) makes several workers, or a restarted one, start each slot once. The job
itself runs as a task on the worker's queue (:func:`run_job`), so a slow digest never holds up
the e-mails queued beside it.

The slots:

- ``every-10-minutes`` and ``hourly``: the UTC clock (local hours repeat or vanish when the
  clocks change; UTC hours do not).
- ``daily``: from 07:00 in the site's ``TIME_ZONE`` to 07:00 the next day; the slot is that day.
- ``weekly``: from Monday 07:00 local time to the next Monday 07:00; the slot is the ISO week.

A job runs at the first minute of its slot the worker is up: a worker that was down at 07:00
sends the daily digest when it is back, and one that was down for days runs each job once, not
once per missed slot.
"""

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from django_tasks import task

from .models import PeriodicRun

logger = logging.getLogger(__name__)

JOBS = [
    ("phase-starts", "hourly", "participation.notifications.events.announce_phase_starts"),
    ("event-reminders", "hourly", "participation.notifications.events.remind_events"),
    ("daily-digest", "daily", "participation.notifications.delivery.send_daily_digests"),
    ("weekly-digest", "weekly", "participation.notifications.delivery.send_weekly_digests"),
    ("mail-retries", "every-10-minutes", "participation.mail.resend_due"),
    ("prune-periodic-runs", "daily", "participation.periodic.prune_runs"),
    ("retention", "daily", "participation.retention.run"),
    ("statistics", "hourly", "participation.statistics.rebuild_job"),
    # Apps above participation add theirs in the settings, so that participation never names them.
    *getattr(settings, "EXTRA_PERIODIC_JOBS", []),
]

DAY_STARTS = timedelta(hours=7)
"""Daily and weekly jobs start at 07:00 local time (a digest read with the morning coffee)."""


def slot(frequency, now):
    """The slot ``now`` falls in, as the text stored in :class:`PeriodicRun`."""
    utc = now.astimezone(ZoneInfo("UTC"))
    if frequency == "every-10-minutes":
        return utc.strftime("%Y-%m-%dT%H:") + f"{utc.minute // 10}0Z"
    if frequency == "hourly":
        return utc.strftime("%Y-%m-%dT%HZ")
    day = (now.astimezone(ZoneInfo(settings.TIME_ZONE)) - DAY_STARTS).date()
    if frequency == "daily":
        return day.isoformat()
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    raise ValueError(f"Unknown frequency {frequency!r}")


def run_due(now=None):
    """Queue each job whose slot at ``now`` has not run; returns the names of those queued."""
    now = now or timezone.now()
    started = []
    for name, frequency, path in JOBS:
        try:
            with transaction.atomic():
                PeriodicRun.objects.create(job=name, slot=slot(frequency, now), started_at=now)
                run_job.using(backend="worker").enqueue(path, now.isoformat())
        except IntegrityError:
            continue  # another worker (or an earlier call) has this slot
        started.append(name)
    return started


@task(backend="worker")
def run_job(path, now_iso):
    """Run the periodic job at ``path`` for ``now_iso``; a job whose code is missing is skipped."""
    try:
        job = import_string(path)
    except ImportError:
        logger.error("Periodic job %s cannot be imported: skipped", path)
        return
    job(datetime.fromisoformat(now_iso))


KEEP_RUNS = timedelta(days=60)


def prune_runs(now):
    """Forget the slots of long ago (a slot is never run again once it is past anyway)."""
    deleted, _ = PeriodicRun.objects.filter(started_at__lt=now - KEEP_RUNS).delete()
    return deleted
