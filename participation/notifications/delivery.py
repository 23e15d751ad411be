"""How notifications reach people (helper "delivery" implements this module).

Contract used by the other modules:

- ``send_immediately(notification_ids)``: queue (on the worker) the e-mails of notifications
  whose delivery is "immediately"; each is checked against what the recipient may still see
  (:func:`participation.notifications.targets.describe`) when it is composed.
- ``send_digests(delivery, now)``: the daily or weekly digests due at ``now`` (periodic job).
- ``preferences_of(user)`` -> ``{reason: delivery}`` with the defaults filled in;
  ``deliveries_for(user_ids, reason)`` -> ``{user_id: delivery}`` in one query.
- ``unsubscribe_token(user, reason)`` / ``read_unsubscribe_token(token)`` -> ``(user, reason)``;
  the view at ``participation:unsubscribe`` turns a reason off without signing in.
"""
