"""How notifications reach people: immediately, in a daily or weekly digest, or only on the site.

Contract used by the other modules:

- ``send_immediately(notification_ids)``: queue (on the worker) the e-mails of notifications
  whose delivery is "immediately"; each is checked against what the recipient may still see
  (:mod:`participation.notifications.targets`) when it is composed.
- ``send_digests(delivery, now)``: the daily or weekly digests due at ``now`` (periodic job;
  ``send_daily_digests(now)`` and ``send_weekly_digests(now)`` are the jobs' entry points).
- ``preferences_of(user)`` -> ``{reason: delivery}`` with the defaults filled in;
  ``deliveries_for(user_ids, reason)`` -> ``{user_id: delivery}`` in one query;
  ``set_preferences(user, {reason: delivery})`` (fixed reasons are ignored).
- ``unsubscribe_token(user, kind)`` / ``read_unsubscribe_token(token)`` -> ``(user, kind)``;
  ``unsubscribe(user, kind)``; the view at ``participation:unsubscribe`` turns e-mails off
  without signing in.

Guarantees:

- Nothing twice: a notification is marked ``emailed_at`` in the same transaction that writes its
  e-mail to the outbox, and only rows with ``emailed_at`` empty are taken, locked
  (``select_for_update(skip_locked=True)``) so that two workers never take the same row.
- Nothing left out: a digest at ``now`` takes everything not yet e-mailed that was created up to
  and including ``now``; what comes a moment later waits for the next one. Changing a reason's
  delivery moves the notifications still waiting to the new delivery (a pending daily item goes
  into the weekly digest, or is sent at once, or stays on the site only).
- Nothing the recipient may no longer see: targets are checked when the e-mail is composed. What
  is public is checked once per batch for everybody (``visible_objects(pairs, None)``; what is
  public is visible to every signed-in person too); only the rest (usually the recipient's own
  waiting or hidden contributions) is checked per person. Such notifications are marked
  ``skipped`` and never e-mailed.
- Nobody inactive (blocked, deleted) gets notification e-mails, except the one owed to them:
  a statement of reasons or block notice (``MODERATION``) is always sent at once, about the
  hidden item itself (so without the visibility check), composed by
  :func:`participation.notifications.mails.compose_moderation` with the existing
  ``statement_of_reasons``/``block_notice`` wording, an HTML part added and no unsubscribe link.

Unsubscribing: each e-mail carries a signed token (``django.core.signing`` with its own salt)
holding the person, the *kind* and a fingerprint of the person's password hash and e-mail
address (so a token stops working when either changes and cannot be made for someone else).
The kind of an immediate e-mail is its reason: unsubscribing turns that reason off. The kind of
a digest is its delivery (``daily`` or ``weekly``): unsubscribing turns off every reason that is
delivered in that digest at that moment; the others stay as they are.
"""

from collections import defaultdict
from datetime import datetime
from itertools import groupby

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from django_tasks import task

from .. import mail as outbox
from ..models import (
    DEFAULT_DELIVERY,
    FIXED_DELIVERY,
    ActionGroup,
    Comment,
    Delivery,
    Notification,
    NotificationPreference,
    Proposal,
)
from ..models import NotificationReason as Reason
from . import mails, targets
from .mails import rich_text_as_plain

# Notifications per immediate-sending task: 5,000 recipients are 25 tasks.
BATCH = 200
# Recipients per digest transaction: their notifications are loaded and checked together.
DIGEST_CHUNK = 500
TOKEN_SALT = "participation.notifications.unsubscribe"  # noqa: S105 - a salt, not a secret
DIGEST_KINDS = (Delivery.DAILY, Delivery.WEEKLY)

# The subject of an immediate e-mail and the sentence it starts with (after the greeting).
SUBJECTS = {
    Reason.PHASE_STARTED: _("A new phase in “%(title)s”"),
    Reason.PROPOSAL_ANSWERED: _("News about the proposal “%(title)s”"),
    Reason.COMMENT_REPLY: _("A reply to your comment on “%(title)s”"),
    Reason.NEW_COMMENT: _("A new comment on “%(title)s”"),
    Reason.VISION_UPDATE: _("News about the implementation of “%(title)s”"),
    Reason.GROUP_UPDATE: _("An update from an action group: “%(title)s”"),
    Reason.GROUP_NEED: _("An action group needs support: “%(title)s”"),
    Reason.JOIN_REQUEST: _("A request to join “%(group)s”"),
    Reason.MEMBERSHIP: _("Your request to join “%(group)s”"),
    Reason.EVENT_REMINDER: _("Tomorrow: %(title)s"),
    Reason.SEAT_FREED: _("You have a place: %(title)s"),
    Reason.NEW_IN_FIELD: _("New in a field of action you follow: “%(title)s”"),
}
LEADS = {
    Reason.PHASE_STARTED: _("a new phase has started in the process “%(title)s”."),
    Reason.PROPOSAL_ANSWERED: _("the proposal “%(title)s” has an official answer or a new state."),
    Reason.COMMENT_REPLY: _("%(actor)s replied to your comment on “%(title)s”."),
    Reason.NEW_COMMENT: _("%(actor)s wrote a new comment on “%(title)s”."),
    Reason.VISION_UPDATE: _("there is news about the implementation of the vision “%(title)s”."),
    Reason.GROUP_UPDATE: _("an action group you follow posted an update: “%(title)s”."),
    Reason.GROUP_NEED: _("an action group you follow is looking for support: “%(title)s”."),
    Reason.JOIN_REQUEST: _("%(person)s asks to join the action group “%(group)s”."),
    Reason.MEMBERSHIP: _("the leads of the action group “%(group)s” answered your request."),
    Reason.EVENT_REMINDER: _("a reminder: “%(title)s” takes place tomorrow."),
    Reason.SEAT_FREED: _(
        "a place has become free at “%(title)s”, and you were next on the waiting list. "
        "You are now registered."
    ),
    Reason.NEW_IN_FIELD: _("there is something new in a field of action you follow: “%(title)s”."),
}
# The outcome of a join request (``activity.data["state"]`` or the activity's kind), in the
# wording of the membership e-mails.
MEMBERSHIP_OUTCOMES = {
    "accepted": (
        _("Welcome to “%(group)s”"),
        _(
            "the leads of the action group “%(group)s” accepted your request to join. "
            "You are now a member."
        ),
    ),
    "declined": (
        _("Your request to join “%(group)s”"),
        _("the leads of the action group “%(group)s” declined your request to join."),
    ),
    "removed": (
        _("You are no longer a member of “%(group)s”"),
        _("the leads of the action group “%(group)s” removed you from the group."),
    ),
}
OWN_PROPOSAL_ANSWERED = _("Your proposal “%(title)s” has an answer")
SEAT_FREED_ADVICE = _(
    "If you cannot come after all, please cancel your registration on the event page so that "
    "the next person gets your place."
)
DIGEST_SUBJECTS = {
    Delivery.DAILY: _("Your daily summary"),
    Delivery.WEEKLY: _("Your weekly summary"),
}


# Preferences ------------------------------------------------------------------------------


# People per query when preferences are looked up in bulk (SQLite limits the parameters).
PREFERENCE_BATCH = 1000


def preferences_of(user):
    """``{reason: delivery}`` for every reason: the person's choice, else the default; a fixed
    delivery always wins."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("reason", "delivery")
    )
    return {reason: _effective(reason, chosen.get(reason)) for reason in Reason}


def deliveries_for(user_ids, reason):
    """``{user_id: delivery}`` of ``reason`` for ``user_ids``: one query per thousand people
    (none for a fixed reason)."""
    reason = Reason(reason)
    user_ids = list(user_ids)
    if reason in FIXED_DELIVERY:
        return dict.fromkeys(user_ids, FIXED_DELIVERY[reason])
    chosen = {}
    for start in range(0, len(user_ids), PREFERENCE_BATCH):
        chosen.update(
            NotificationPreference.objects.filter(
                user_id__in=user_ids[start : start + PREFERENCE_BATCH], reason=reason
            ).values_list("user_id", "delivery")
        )
    return {user_id: _effective(reason, chosen.get(user_id)) for user_id in user_ids}


def _effective(reason, chosen):
    if reason in FIXED_DELIVERY:
        return FIXED_DELIVERY[reason]
    if chosen in Delivery.values:
        return Delivery(chosen)
    return DEFAULT_DELIVERY[reason]


def set_preferences(user, choices):
    """Store ``{reason: delivery}`` for ``user`` (fixed reasons are left alone) and move the
    notifications still waiting for an e-mail to the new delivery; ``ValueError`` for an unknown
    reason or delivery. Returns the reasons whose delivery changed."""
    wanted = {}
    for reason, delivery in choices.items():
        if reason not in Reason.values or delivery not in Delivery.values:
            raise ValueError(f"Unknown notification setting {reason!r}: {delivery!r}")
        if Reason(reason) not in FIXED_DELIVERY:
            wanted[Reason(reason)] = Delivery(delivery)
    if not wanted:
        return []
    with transaction.atomic():
        before = preferences_of(user)
        NotificationPreference.objects.bulk_create(
            [
                NotificationPreference(user=user, reason=reason, delivery=delivery)
                for reason, delivery in wanted.items()
            ],
            update_conflicts=True,
            unique_fields=["user", "reason"],
            update_fields=["delivery"],
        )
        changed = [reason for reason, delivery in wanted.items() if before[reason] != delivery]
        now_immediate = []
        for delivery in {wanted[reason] for reason in changed}:
            reasons = [reason for reason in changed if wanted[reason] == delivery]
            waiting = Notification.objects.filter(
                recipient=user, reason__in=reasons, emailed_at=None, skipped=False
            ).exclude(delivery=delivery)
            if delivery == Delivery.IMMEDIATELY:
                now_immediate = list(waiting.values_list("pk", flat=True))
            waiting.update(delivery=delivery)
        if now_immediate:
            send_immediately(now_immediate)
    return changed


# Unsubscribe tokens -----------------------------------------------------------------------


def _fingerprint(user):
    """Changes when the person's password or e-mail address changes."""
    value = f"{user.pk}:{user.password}:{user.email}"
    return salted_hmac(TOKEN_SALT, value).hexdigest()[:20]


def _valid_kind(kind):
    if kind in DIGEST_KINDS:
        return True
    return kind in Reason.values and Reason(kind) not in FIXED_DELIVERY


def unsubscribe_token(user, kind):
    """A token that turns ``kind`` (a reason, or ``daily``/``weekly`` for a digest) off for
    ``user``."""
    if not _valid_kind(kind):
        raise ValueError(f"Cannot unsubscribe from {kind!r}")
    return signing.dumps(
        {"u": user.pk, "k": str(kind), "f": _fingerprint(user)}, salt=TOKEN_SALT, compress=False
    )


def read_unsubscribe_token(token):
    """``(user, kind)`` of a token made by :func:`unsubscribe_token`; ``signing.BadSignature``
    for one that was tampered with, made for a fixed reason or belongs to an old password or
    e-mail address."""
    payload = signing.loads(token, salt=TOKEN_SALT)
    if not isinstance(payload, dict):
        raise signing.BadSignature("Not an unsubscribe token")
    kind = payload.get("k")
    if not isinstance(kind, str) or not _valid_kind(kind):
        raise signing.BadSignature("Unknown kind")
    user = get_user_model().objects.filter(pk=payload.get("u"), is_active=True).first()
    if user is None or not constant_time_compare(str(payload.get("f")), _fingerprint(user)):
        raise signing.BadSignature("The token does not belong to this person any more")
    return user, kind


def reasons_of_kind(user, kind, preferences=None):
    """The reasons an unsubscribe of ``kind`` turns off: the reason itself, or every reason
    currently delivered in that digest."""
    if kind in DIGEST_KINDS:
        preferences = preferences if preferences is not None else preferences_of(user)
        return [reason for reason, delivery in preferences.items() if delivery == kind]
    return [Reason(kind)]


def unsubscribe(user, kind):
    """Turn the e-mails of ``kind`` off for ``user``; returns the reasons turned off."""
    reasons = reasons_of_kind(user, kind)
    set_preferences(user, dict.fromkeys(reasons, Delivery.OFF))
    return reasons


# Composing --------------------------------------------------------------------------------


class _Links:
    """Absolute addresses for one batch: the default site's root is looked up once, each
    address pattern resolved once per language."""

    PLACEHOLDER = "__TOKEN__"

    def __init__(self):
        site = Site.objects.filter(is_default_site=True).first()
        self.root = site.root_url if site is not None else ""
        self.targets = {}
        self.patterns = {}

    def absolute(self, path):
        return self.root + path

    def target(self, obj):
        key = (type(obj), obj.pk, translation.get_language())
        if key not in self.targets:
            self.targets[key] = _absolute_url(obj, self)
        return self.targets[key]

    def _reversed(self, name, **kwargs):
        key = (name, translation.get_language())
        if key not in self.patterns:
            self.patterns[key] = self.absolute(reverse(name, kwargs=kwargs))
        return self.patterns[key]

    def unsubscribe(self, user, kind):
        # A signed token is URL-safe (base64 and ":"), so it may replace the placeholder.
        pattern = self._reversed("participation:unsubscribe", token=self.PLACEHOLDER)
        return pattern.replace(self.PLACEHOLDER, unsubscribe_token(user, kind))

    def settings(self):
        return self._reversed("area:notification_settings")


def _absolute_url(obj, links):
    if obj is None:
        return None
    try:
        url = targets.url_of(obj, full=True)
    except (AttributeError, TypeError):
        return None
    if url and url.startswith("/"):
        url = links.absolute(url)
    return url


def _pair(notification):
    return (notification.activity.target_type_id, notification.activity.target_id)


def _visible_targets(notifications):
    """``{notification pk: target}`` for the notifications whose target their recipient may
    still see."""
    pairs_of = defaultdict(set)
    for notification in notifications:
        pairs_of[notification.recipient].add(_pair(notification))
    seen = targets.visible_to_each(pairs_of)
    found = {}
    for notification in notifications:
        obj = seen[notification.recipient_id].get(_pair(notification))
        if obj is not None:
            found[notification.pk] = obj
    return found


def _item(notification, obj, links):
    """What a mail or a digest line says about one notification (in the active language), from
    its target and what the activity recorded (``Activity.data``, see :mod:`.events`)."""
    activity = notification.activity
    data = activity.data or {}
    reason = Reason(notification.reason)
    if isinstance(obj, Comment):
        about = getattr(obj, "target", None)
        title = data.get("title") or (targets.title_of(about) if about else obj.excerpt)
        quote = obj.excerpt
    elif reason == Reason.PROPOSAL_ANSWERED and data.get("answer"):
        title = data.get("title") or targets.title_of(obj)
        quote = rich_text_as_plain(data["answer"])
    else:
        title = data.get("title") or targets.title_of(obj)
        quote = data.get("excerpt") or data.get("text") or ""
    actor = activity.actor.display_name if activity.actor_id and activity.actor else ""
    message = ""
    url = links.target(obj)
    if reason == Reason.JOIN_REQUEST:
        actor = data.get("requester") or actor
        message = data.get("message") or ""
        if isinstance(obj, ActionGroup):
            url = links.absolute(obj.get_url(route="group_members"))
    elif reason == Reason.MEMBERSHIP:
        message = data.get("reason") or ""
    return {
        "notification": notification,
        "target": obj,
        "reason": reason,
        "reason_label": reason.label,
        "title": title,
        "quote": quote,
        # For the plain-text parts: quoted line by line, and one short line for a digest.
        "quote_text": "\n".join(f"> {line}" for line in quote.splitlines() if line.strip()),
        "short_quote": Truncator(" ".join(quote.split())).chars(200),
        "detail": _detail(reason, data),
        "message": message,
        "actor": actor,
        "when": getattr(obj, "start", None),
        "created_at": notification.created_at,
        "url": url,
    }


def _detail(reason, data):
    """One line more for some reasons: the phase, the proposal's new state, the title of a
    vision's update, the group of an update or need."""
    if reason == Reason.PHASE_STARTED:
        return data.get("phase") or ""
    if reason == Reason.PROPOSAL_ANSWERED:
        state = data.get("state")
        return Proposal.State(state).label if state in Proposal.State.values else ""
    if reason == Reason.VISION_UPDATE:
        return data.get("update_title") or ""
    if reason in (Reason.GROUP_UPDATE, Reason.GROUP_NEED):
        return data.get("group_name") or ""
    return ""


def _membership_outcome(activity):
    data = activity.data or {}
    outcome = data.get("outcome") or data.get("state") or ""
    if outcome not in MEMBERSHIP_OUTCOMES:
        outcome = next((key for key in MEMBERSHIP_OUTCOMES if key in activity.kind), "")
    return MEMBERSHIP_OUTCOMES.get(outcome)


def _subject_and_lead(item):
    reason = Reason(item["reason"])
    values = {
        "title": item["title"],
        "group": item["title"],
        "actor": item["actor"] or gettext("Somebody"),
        "person": item["actor"] or gettext("Somebody"),
    }
    subject, lead = SUBJECTS[reason], LEADS[reason]
    if reason == Reason.MEMBERSHIP:
        subject, lead = _membership_outcome(item["notification"].activity) or (subject, lead)
    author_id = getattr(item["target"], "author_id", None)
    if reason == Reason.PROPOSAL_ANSWERED and author_id == item["notification"].recipient_id:
        subject = OWN_PROPOSAL_ANSWERED
    return str(subject) % values, str(lead) % values


def _message(recipient, subject, text, html, *, headers=None, reply_to=None):
    message = EmailMultiAlternatives(
        " ".join(subject.split()),
        text,
        None,
        [recipient.email],
        headers=headers,
        reply_to=reply_to,
    )
    message.attach_alternative(html, "text/html")
    return message


def _unsubscribe_headers(url):
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _compose_immediate(notification, obj, links):
    recipient = notification.recipient
    with translation.override(recipient.language):
        item = _item(notification, obj, links)
        subject, lead = _subject_and_lead(item)
        unsubscribe_url = links.unsubscribe(recipient, notification.reason)
        context = {
            "language": recipient.language,
            "subject": subject,
            "name": recipient.display_name,
            "lead": lead,
            "item": item,
            "advice": SEAT_FREED_ADVICE if item["reason"] == Reason.SEAT_FREED else "",
            "delivery_label": Delivery.IMMEDIATELY.label,
            "reasons": [str(item["reason_label"])],
            "unsubscribe_url": unsubscribe_url,
            "unsubscribe_label": gettext("Turn off these e-mails"),
            "settings_url": links.settings(),
        }
        text = render_to_string("participation/email/notification_body.txt", context)
        html = render_to_string("participation/email/notification_body.html", context)
    return _message(recipient, subject, text, html, headers=_unsubscribe_headers(unsubscribe_url))


def _compose_moderation(notification):
    """The statement of reasons (or block notice) of a ``moderation`` activity, composed by
    :func:`participation.notifications.mails.compose_moderation`, with an HTML part added;
    ``None`` when there is nobody or nothing to tell any more."""
    plain = mails.compose_moderation(notification.activity)
    if plain is None:
        return None
    language = translation.get_language()
    html = render_to_string(
        "participation/email/notification_text.html",
        {"language": language, "subject": plain.subject, "text": plain.body},
    )
    return _message(
        notification.recipient, plain.subject, plain.body, html, reply_to=plain.reply_to
    )


def _compose_digest(recipient, delivery, items, links):
    with translation.override(recipient.language):
        subject = str(DIGEST_SUBJECTS[delivery])
        order = {reason: index for index, reason in enumerate(Reason)}
        sections = []
        for reason, group in groupby(
            sorted(items, key=lambda i: (order[Reason(i["reason"])], i["created_at"])),
            key=lambda i: i["reason"],
        ):
            sections.append({"label": Reason(reason).label, "items": list(group)})
        unsubscribe_url = links.unsubscribe(recipient, delivery)
        context = {
            "language": recipient.language,
            "subject": subject,
            "name": recipient.display_name,
            "lead": ngettext(
                "here is what happened since your last summary (%(count)s notification).",
                "here is what happened since your last summary (%(count)s notifications).",
                len(items),
            )
            % {"count": len(items)},
            "sections": sections,
            "delivery_label": Delivery(delivery).label,
            "reasons": [str(section["label"]) for section in sections],
            "unsubscribe_url": unsubscribe_url,
            "unsubscribe_label": gettext("Turn off this summary"),
            "settings_url": links.settings(),
        }
        text = render_to_string("participation/email/digest_body.txt", context)
        html = render_to_string("participation/email/digest_body.html", context)
    return _message(recipient, subject, text, html, headers=_unsubscribe_headers(unsubscribe_url))


def _finish(sent, skipped, messages):
    """Mark and queue in the caller's transaction: what is marked is in the outbox."""
    now = timezone.now()
    if sent:
        Notification.objects.filter(pk__in=sent).update(emailed_at=now)
    if skipped:
        Notification.objects.filter(pk__in=skipped).update(skipped=True)
    outbox.queue(messages)


# Immediate e-mails ------------------------------------------------------------------------


def send_immediately(notification_ids):
    """Queue the e-mails of the immediate notifications among ``notification_ids`` on the
    worker, :data:`BATCH` per task."""
    ids = sorted(set(notification_ids))
    for start in range(0, len(ids), BATCH):
        send_notification_mails.enqueue(ids[start : start + BATCH])


@task(backend="worker")
def send_notification_mails(notification_ids):
    """Compose and queue one e-mail per immediate notification not yet e-mailed whose target
    its recipient may still see; the others are marked skipped."""
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                pk__in=notification_ids,
                delivery=Delivery.IMMEDIATELY,
                emailed_at=None,
                skipped=False,
            )
            .select_related("activity", "activity__actor", "recipient")
            .order_by("pk")
        )
        if not notifications:
            return 0
        links = _Links()
        moderation = [n for n in notifications if n.reason == Reason.MODERATION]
        others = [n for n in notifications if n.reason != Reason.MODERATION]
        found = _visible_targets(others) if others else {}
        messages, sent, skipped = [], [], []
        for notification in moderation:
            message = None
            if notification.recipient.email:
                message = _compose_moderation(notification)
            _sort(notification, message, messages, sent, skipped)
        for notification in others:
            obj = found.get(notification.pk)
            message = None
            if obj is not None and _reachable(notification.recipient):
                message = _compose_immediate(notification, obj, links)
            _sort(notification, message, messages, sent, skipped)
        _finish(sent, skipped, messages)
    return len(messages)


def _reachable(person):
    return bool(person.email) and person.is_active


def _sort(notification, message, messages, sent, skipped):
    if message is None:
        skipped.append(notification.pk)
    else:
        messages.append(message)
        sent.append(notification.pk)


# Digests ----------------------------------------------------------------------------------


def send_daily_digests(now):
    return send_digests(Delivery.DAILY, now)


def send_weekly_digests(now):
    return send_digests(Delivery.WEEKLY, now)


def send_digests(delivery, now):
    """Send every ``delivery`` digest due at ``now``: one e-mail per recipient with all their
    notifications of that delivery created up to ``now`` and not yet e-mailed; returns how many
    e-mails were queued. Works in chunks of :data:`DIGEST_CHUNK` recipients, each in its own
    transaction, so the number of queries grows with the chunks, not with the recipients."""
    delivery = Delivery(delivery)
    if delivery not in DIGEST_KINDS:
        raise ValueError(f"{delivery} is not a digest")
    if isinstance(now, str):
        now = datetime.fromisoformat(now)
    recipient_ids = sorted(
        set(
            Notification.objects.due_for_digest(delivery, now)
            .filter(skipped=False)
            .values_list("recipient_id", flat=True)
            .distinct()
        )
    )
    count = 0
    for start in range(0, len(recipient_ids), DIGEST_CHUNK):
        count += _send_digest_chunk(delivery, now, recipient_ids[start : start + DIGEST_CHUNK])
    return count


def _send_digest_chunk(delivery, now, recipient_ids):
    with transaction.atomic():
        notifications = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .due_for_digest(delivery, now)
            .filter(skipped=False, recipient_id__in=recipient_ids)
            .select_related("activity", "activity__actor", "recipient")
            .order_by("recipient_id", "created_at", "pk")
        )
        if not notifications:
            return 0
        links = _Links()
        found = _visible_targets(notifications)
        messages, sent, skipped = [], [], []
        for _recipient_id, group in groupby(notifications, key=lambda n: n.recipient_id):
            group = list(group)
            recipient = group[0].recipient
            shown = [n for n in group if n.pk in found]
            skipped.extend(n.pk for n in group if n.pk not in found)
            if not shown:
                continue
            if not _reachable(recipient):
                skipped.extend(n.pk for n in shown)
                continue
            with translation.override(recipient.language):
                items = [_item(n, found[n.pk], links) for n in shown]
            messages.append(_compose_digest(recipient, delivery, items, links))
            sent.extend(n.pk for n in shown)
        _finish(sent, skipped, messages)
    return len(messages)
