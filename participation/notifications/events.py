"""What happened, and who hears about it (helper "events" implements this module).

Contract used by the other modules:

- ``notify(kind, target, *, actor=None, recipients=(), reason=None, followers_of=(),
  follower_reason=None, key=None, data=None)``: records one :class:`~participation.models.Activity`
  in the current transaction and queues its fan-out on the worker (``fan_out``). ``recipients``
  are the people directly concerned (heard about it for ``reason``); ``followers_of`` are things
  whose followers hear about it (for ``follower_reason``). The actor never hears about their own
  action; nobody hears twice about one activity (the most direct reason wins). ``key`` makes the
  same announcement twice a no-op.
- ``follow(user, target, *, automatic=False)`` / ``unfollow(user, target)`` /
  ``follows(user, target)``.
- ``fan_out`` (a task on the "worker" backend): creates the notifications with each recipient's
  delivery preference (in bulk; no query per recipient) and hands the immediate ones to
  :func:`participation.notifications.delivery.send_immediately`.
- periodic jobs ``announce_phase_starts(now)`` and ``remind_events(now)``.
"""
