"""How long the platform keeps what it no longer needs: one function per rule, run daily by the
worker (``retention`` in :mod:`participation.periodic`) and by ``manage.py apply_retention``.

Each rule takes ``now`` (and ``dry_run``: find, change nothing) and returns an
:class:`Outcome`. What is deleted or erased, and when:

- Sign-ups never confirmed: no confirmed e-mail address, never signed in, joined more than
  ``UNCONFIRMED_SIGNUP_AFTER`` (7 days) ago. Deleted through the one way to delete a person,
  :func:`participation.services.accounts.delete_account`; the address is free again.
- Data downloads: once expired, or a day after they were downloaded.
- The outbox: mails sent (or given up on) more than ``PERSONAL_DATA_AFTER`` (30 days) ago. They
  hold addresses and texts (a reset link, a relayed message, an allauth security notice with
  the address and browser of a sign-in); the worker needs them only until they are sent.
- Finished tasks of the worker older than 30 days: their arguments and results may name people.
- Expired sessions (Django's ``clearsessions``).
- Notices of illegal content: the notifier's name and address are erased six months
  (``NOTICE_CONTACT_AFTER``) after the notice was handled. The notice itself stays (the
  content, reason and dates: the moderators' record under the Digital Services Act, and the
  time in which the decision can be challenged has passed).
- Relayed messages from visitors: name and address erased once the recipient's report link
  has expired (``RELAY_REPORT_MAX_AGE``, 90 days) and no report is open.
- Guests' reservations (no account) never confirmed: deleted ``GUEST_CONFIRM_MAX_AGE``
  (48 hours) after they were asked for, when the confirmation link expires.
- Guests' reservations, confirmed or waiting: deleted ``GUEST_DATA_AFTER_EVENT`` (7 days)
  after their event ended (the organisers' time for questions after it); with them the guest's
  name, address and note. Reservations of people with an account stay until they delete it.
- Accounts unused for ``INACTIVE_AFTER`` (2 years): warned once by e-mail
  (``User.inactivity_warned_at``; signing in again clears it); those still unused
  ``WARNING_NOTICE`` (30 days) after the warning are listed for an administrator, who decides.

No table of the platform, allauth (``usersessions`` is not installed) or Wagtail keeps IP
addresses or user agents: the rate limits count them in the cache, where they expire with the
limit's window. The test ``test_no_model_stores_addresses_or_browsers`` fails when one does.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from allauth.account.models import EmailAddress
from django_tasks_db.models import DBTaskResult

from cms.roles import RESIDENTS

from .models import (
    DataExport,
    EventRegistration,
    IllegalContentNotice,
    OutgoingMail,
    RegistrationHost,
    RelayMessage,
    Report,
)
from .models.accounts import DOWNLOADED_KEPT
from .models.groups import full_url
from .models.moderation import target_type_of
from .services.accounts import delete_account
from .services.board import RELAY_REPORT_MAX_AGE
from .services.registrations import GUEST_CONFIRM_MAX_AGE

logger = logging.getLogger(__name__)

UNCONFIRMED_SIGNUP_AFTER = timedelta(days=7)
PERSONAL_DATA_AFTER = timedelta(days=30)
DOWNLOADED_EXPORT_AFTER = DOWNLOADED_KEPT
NOTICE_CONTACT_AFTER = timedelta(days=183)
RELAY_SENDER_AFTER = timedelta(seconds=RELAY_REPORT_MAX_AGE)
GUEST_DATA_AFTER_EVENT = timedelta(days=7)
INACTIVE_AFTER = timedelta(days=2 * 365)
WARNING_NOTICE = timedelta(days=30)


@dataclass
class Outcome:
    """What a rule did (or, in a dry run, would do): ``count`` things, ``action`` done to
    them ("deleted"), and a line per thing in ``items`` where a person may want to look."""

    rule: str
    label: str
    action: str
    count: int
    items: list = field(default_factory=list)


def _day(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else "-"


# --- Accounts ------------------------------------------------------------------------------------


def unconfirmed_signups(now):
    """People who signed up and never confirmed their address nor signed in. Accounts without
    any e-mail address record were made by staff (in the admin), not by signing up: never
    these."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    recorded = EmailAddress.objects.filter(user=OuterRef("pk"))
    return (
        get_user_model()
        .objects.filter(
            last_login=None,
            is_staff=False,
            is_superuser=False,
            date_joined__lt=now - UNCONFIRMED_SIGNUP_AFTER,
        )
        .filter(Exists(recorded), ~Exists(verified))
        .order_by("pk")
    )


def delete_unconfirmed_signups(now, dry_run=False):
    people = list(unconfirmed_signups(now).values_list("pk", "display_name", "date_joined"))
    items = [f"#{pk} {name} (signed up {_day(joined)})" for pk, name, joined in people]
    deleted = 0
    if not dry_run:
        for pk, *_ in people:
            with transaction.atomic():
                # Asked again under the lock: the person may have confirmed meanwhile.
                person = unconfirmed_signups(now).select_for_update().filter(pk=pk).first()
                if person is not None:
                    delete_account(person)
                    deleted += 1
    return Outcome(
        "unconfirmed-signups",
        f"Sign-ups not confirmed within {UNCONFIRMED_SIGNUP_AFTER.days} days",
        "deleted",
        len(people) if dry_run else deleted,
        items,
    )


def _staff():
    """Whether the person has a role beyond resident (editors, moderators, administrators)."""
    other_groups = Group.objects.filter(user=OuterRef("pk")).exclude(name=RESIDENTS)
    return Q(is_staff=True) | Q(is_superuser=True) | Exists(other_groups)


def inactive_accounts(now):
    """Active accounts nobody signed in to for ``INACTIVE_AFTER`` (never signed in: since they
    were made)."""
    cutoff = now - INACTIVE_AFTER
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(last_login__lt=cutoff) | Q(last_login=None, date_joined__lt=cutoff))
        .annotate(staff=_staff())
        .order_by("pk")
    )


def _describe_account(person):
    staff = " [staff]" if person.staff else ""
    return f"#{person.pk} {person.display_name}{staff} (last signed in {_day(person.last_login)})"


def warn_inactive_accounts(now, dry_run=False):
    """E-mail each account unused for two years once (in its language): sign in to keep it,
    or delete it yourself. Staff accounts too; the list marks them."""
    people = list(inactive_accounts(now).filter(inactivity_warned_at=None))
    warned = 0
    if not dry_run:
        for person in people:
            with transaction.atomic():
                # Conditional: two runs at once warn a person once.
                claimed = (
                    get_user_model()
                    .objects.filter(pk=person.pk, inactivity_warned_at=None)
                    .update(inactivity_warned_at=now)
                )
                if claimed:
                    person.inactivity_warned_at = now
                    _inactivity_warning(person).send()
                    warned += 1
    return Outcome(
        "inactive-accounts",
        f"Accounts unused for {INACTIVE_AFTER.days // 365} years",
        "warned by e-mail",
        len(people) if dry_run else warned,
        [_describe_account(person) for person in people],
    )


def list_unused_after_warning(now, dry_run=False):
    """Accounts still unused ``WARNING_NOTICE`` after their warning: for an administrator to
    delete (Settings → Users, which runs the same deletion as the person's own)."""
    people = list(inactive_accounts(now).filter(inactivity_warned_at__lt=now - WARNING_NOTICE))
    return Outcome(
        "unused-after-warning",
        f"Accounts still unused {WARNING_NOTICE.days} days after the warning",
        "listed for an administrator",
        len(people),
        [
            f"{_describe_account(person)}, warned {_day(person.inactivity_warned_at)}"
            for person in people
        ],
    )


def _inactivity_warning(person):
    language = person.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "person": person,
            "last_seen": person.last_login or person.date_joined,
            "deadline": person.inactivity_warned_at + WARNING_NOTICE,
            "login_url": full_url(reverse("account_login")),
            "account_url": full_url(reverse("area:account")),
        }
        subject = render_to_string("participation/email/inactivity_warning_subject.txt", context)
        body = render_to_string("participation/email/inactivity_warning_body.txt", context)
    return EmailMessage(" ".join(subject.split()), body, None, [person.email])


# --- Data past its use ---------------------------------------------------------------------------


def _delete(queryset, dry_run):
    if dry_run:
        return queryset.count()
    deleted, per_model = queryset.delete()
    return per_model.get(queryset.model._meta.label, 0)


def delete_expired_data_exports(now, dry_run=False):
    exports = DataExport.objects.past_keeping(now)
    items = [
        f"#{pk} of person #{user_id} (requested {_day(created)})"
        for pk, user_id, created in exports.order_by("pk").values_list(
            "pk", "user_id", "created_at"
        )
    ]
    return Outcome(
        "data-exports",
        "Data downloads expired or downloaded a day ago",
        "deleted",
        _delete(exports, dry_run),
        items if dry_run else [],
    )


def delete_old_mails(now, dry_run=False):
    cutoff = now - PERSONAL_DATA_AFTER
    mails = OutgoingMail.objects.filter(
        Q(state=OutgoingMail.State.SENT, sent_at__lt=cutoff)
        | Q(state=OutgoingMail.State.DEAD, created_at__lt=cutoff)
    )
    return Outcome(
        "outbox",
        f"E-mails sent or given up on more than {PERSONAL_DATA_AFTER.days} days ago",
        "deleted",
        _delete(mails, dry_run),
    )


def delete_finished_tasks(now, dry_run=False):
    tasks = DBTaskResult.objects.finished().filter(finished_at__lt=now - PERSONAL_DATA_AFTER)
    return Outcome(
        "tasks",
        f"Worker tasks finished more than {PERSONAL_DATA_AFTER.days} days ago",
        "deleted",
        _delete(tasks, dry_run),
    )


def delete_expired_sessions(now, dry_run=False):
    """Django's ``clearsessions`` at ``now``, for session engines that keep sessions in the
    database; other engines clear their own (the cache expires them)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    label = "Expired sessions"
    if not hasattr(store, "get_model_class"):
        if not dry_run:
            store.clear_expired()
        return Outcome("sessions", label, "cleared by the session engine", 0)
    sessions = store.get_model_class().objects.filter(expire_date__lt=now)
    return Outcome("sessions", label, "deleted", _delete(sessions, dry_run))


def erase_notice_contacts(now, dry_run=False):
    notices = IllegalContentNotice.objects.filter(
        handled_at__lt=now - NOTICE_CONTACT_AFTER
    ).exclude(name="", email="")
    count = notices.count() if dry_run else notices.update(name="", email="")
    return Outcome(
        "notice-contacts",
        "Notifiers' names and addresses, six months after their notice was handled",
        "erased",
        count,
    )


def erase_relay_senders(now, dry_run=False):
    open_reports = Report.objects.open().filter(
        target_type=target_type_of(RelayMessage), target_id=OuterRef("pk")
    )
    messages = (
        RelayMessage.objects.filter(author=None, created_at__lt=now - RELAY_SENDER_AFTER)
        .exclude(sender_name="", sender_email="")
        .exclude(Exists(open_reports))
    )
    count = messages.count() if dry_run else messages.update(sender_name="", sender_email="")
    return Outcome(
        "relay-senders",
        f"Visitors' names and addresses in messages relayed {RELAY_SENDER_AFTER.days} days ago",
        "erased",
        count,
    )


def delete_unconfirmed_guest_registrations(now, dry_run=False):
    """Pending reservations of guests whose confirmation link has expired: they took no place,
    so nobody moves up."""
    pending = EventRegistration.objects.guests().filter(
        status=EventRegistration.Status.PENDING, created_at__lt=now - GUEST_CONFIRM_MAX_AGE
    )
    return Outcome(
        "guest-reservations-unconfirmed",
        f"Guests' reservations not confirmed within {GUEST_CONFIRM_MAX_AGE.days * 24} hours",
        "deleted",
        _delete(pending, dry_run),
    )


def _ended_events(cutoff):
    """The ids of event pages (every page type with registration) that ended before
    ``cutoff``, as one subquery per page type."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, RegistrationHost) and not model._meta.abstract
    ]
    ended = Q(pk__in=[])
    for model in models:
        ended |= Q(event_id__in=model.objects.filter(end__lt=cutoff).values("pk"))
    return ended


def delete_guest_data_after_events(now, dry_run=False):
    """Guests' reservations of events that ended a week ago: the name, address and note go
    with them (the event is over, no place moves)."""
    guests = EventRegistration.objects.guests().filter(_ended_events(now - GUEST_DATA_AFTER_EVENT))
    return Outcome(
        "guest-reservations-after-event",
        f"Guests' reservations {GUEST_DATA_AFTER_EVENT.days} days after their event",
        "deleted",
        _delete(guests, dry_run),
    )


RULES = [
    delete_unconfirmed_signups,
    delete_unconfirmed_guest_registrations,
    delete_guest_data_after_events,
    delete_expired_data_exports,
    delete_old_mails,
    delete_finished_tasks,
    delete_expired_sessions,
    erase_notice_contacts,
    erase_relay_senders,
    warn_inactive_accounts,
    list_unused_after_warning,
]


class RuleFailed(Exception):
    pass


def apply(now=None, dry_run=False):
    """Run every rule; a rule that fails is logged and the others still run. Returns the
    outcomes and the names of the rules that failed."""
    now = now or timezone.now()
    outcomes, failed = [], []
    for rule in RULES:
        try:
            outcomes.append(rule(now, dry_run=dry_run))
        except Exception:
            logger.exception("Retention rule %s failed", rule.__name__)
            failed.append(rule.__name__)
    return outcomes, failed


def run(now):
    """The worker's daily job."""
    outcomes, failed = apply(now)
    for outcome in outcomes:
        if outcome.count:
            logger.info("Retention: %s: %s %s", outcome.label, outcome.count, outcome.action)
    if failed:
        raise RuleFailed(", ".join(failed))
    return outcomes
