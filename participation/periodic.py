"""Periodic jobs the worker runs (helper "worker" implements the clock that calls ``run_due``).

``JOBS``: (name, how often, dotted path of a function taking ``now``). ``run_due(now)`` runs each
job whose slot (the hour, the day, the ISO week) has not run yet; a
:class:`~participation.models.PeriodicRun` row per job and slot makes several workers (or a
restarted one) run each slot once.
"""

JOBS = [
    ("phase-starts", "hourly", "participation.notifications.events.announce_phase_starts"),
    ("event-reminders", "hourly", "participation.notifications.events.remind_events"),
    ("daily-digest", "daily", "participation.notifications.delivery.send_daily_digests"),
    ("weekly-digest", "weekly", "participation.notifications.delivery.send_weekly_digests"),
]
