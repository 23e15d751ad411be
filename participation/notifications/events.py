"""What happened, and who hears about it.

Contract used by the other modules:

- ``notify(kind, target, *, actor=None, recipients=(), reason=None, followers_of=(),
  follower_reason=None, key=None, data=None)``: records one :class:`~participation.models.Activity`
  in the current transaction and queues its fan-out on the worker (:func:`fan_out`). Returns the
  activity, or ``None`` when ``key`` was announced already (then nothing happens).

  ``recipients`` are the people directly concerned (users or user ids), who hear about it for
  ``reason`` (default: ``kind``); an item may also be a ``(user, reason)`` pair, for one
  activity that concerns people in different ways (a reply: the parent's author for
  ``comment_reply``, the proposal's author for ``new_comment``). ``followers_of`` are things
  whose followers hear about it for ``follower_reason`` (default: ``reason``). Nobody hears
  twice about one activity: the first direct reason wins, then the followers'.
- ``follow(user, target, automatic=False)`` / ``unfollow(user, target)`` /
  ``follows(user, target)`` / ``followers_of(target)`` (a queryset of the active followers).
  One follows processes, pages with a comment thread (visions, stories), proposals, action
  groups and fields of action; a page is recorded by its specific type, however it was loaded.
  Following what ``user`` may not see, or what is nothing one follows, raises
  :class:`NotFollowable` (an ``Http404``: the view may let it through). ``unfollow`` also
  records an :class:`~participation.models.Unfollow`, so that automatic following (authors of
  their proposals and groups, commenters of the thread) does not come back; a chosen
  ``follow`` lifts it.
- ``fan_out(activity_id)`` (a task on the "worker" backend): creates the notifications with
  each recipient's delivery preference (in bulk; no query per recipient) and hands the immediate
  ones to :func:`participation.notifications.delivery.send_immediately` in its transaction.
  Idempotent: the unique (recipient, activity) constraint and ``Activity.fanned_out_at`` make a
  retried task create nothing twice. The preferences are looked up here in bulk
  (:func:`~participation.notifications.delivery.deliveries_for`).
- periodic jobs :func:`announce_phase_starts` (phases that began today or up to
  ``PHASE_LOOKBACK`` ago and still run, so a worker that was down over midnight catches up;
  the key ``phase:<process>:<start>:<phase>`` keeps each single) and :func:`remind_events`
  (confirmed registrations of events that start tomorrow, key
  ``reminder:<registration>:<date>``).

Who hears, decided by :func:`fan_out`: the recipients, minus the actor, minus inactive people,
minus those who may not see the target now (:func:`participation.notifications.targets.
visible_objects`; checked once for everybody, and per person only when the target is not
public). A statement of reasons and a block notice (``moderation``, in ``FIXED_DELIVERY``) are
owed to the person even when they are blocked and when the thing is hidden: for direct
recipients of a fixed reason neither the activity check nor the visibility check applies (so
delivery must not drop them through ``describe()`` either, and composes them with
:func:`participation.notifications.mails.compose_moderation`).

What each kind points at (``target``) and carries in ``Activity.data`` for delivery to compose
its e-mails (every ``data`` has a ``title``; ``audience`` is this module's own):

=====================  =====================  ===================================================
kind / reason          target                 data
=====================  =====================  ===================================================
phase_started          the process page       ``phase`` (name), ``start``, ``end`` (ISO dates)
proposal_answered      the proposal           ``state`` (Proposal.State value), ``answer`` (HTML);
                                              templates ``proposal_answer_*``
comment_reply /        the comment            ``comment`` (pk), ``excerpt``, ``reply`` (bool);
new_comment                                   the thread is ``comment.target``
moderation             hidden item / Block    ``log_entry`` (pk) or ``block`` (pk), ``template``
                                              ``statement_of_reasons`` / ``block_notice``: compose
                                              with ``mails.compose_moderation(activity)``
vision_update          the vision page        ``update`` (pk), ``date``, ``update_title``, ``text``
group_update           the GroupUpdate        ``group`` (pk), ``group_name``
group_need             the BoardEntry (need)  ``group`` (pk), ``group_name``
join_request           the action group       ``membership`` (pk), ``requester`` (display name),
                                              ``message``; templates ``membership_request_*``
                                              (link: ``group.get_url(route="group_members")``)
membership             the action group       ``membership``, ``outcome`` (accepted / declined /
                                              removed), ``reason``; ``membership_<outcome>_*``
event_reminder         the event page         ``registration`` (pk), ``places``, ``start`` (ISO)
seat_freed             the event page         ``registration`` (pk), ``places``;
                                              templates ``moved_up_*``
new_in_field           new proposal / group   ``fields`` (pks of the fields of action)
=====================  =====================  ===================================================

Members: the active members of an action group hear about its updates and needs as if they
followed it (reason ``group_update`` / ``group_need``), whether they follow it or not; its leads
hear about join requests.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from django_tasks import task

from ..models import (
    FIXED_DELIVERY,
    Activity,
    Delivery,
    EventRegistration,
    Follow,
    Notification,
    ProcessHostMixin,
    RegistrationHost,
    Unfollow,
)
from ..models import NotificationReason as Reason
from ..models.moderation import target_type_of
from .delivery import deliveries_for, send_immediately
from .targets import title_of, visible_objects, visible_to_each

BATCH = 1000

# How far back the hourly job looks for phases that began: a worker that was down over
# midnight still announces them; the key keeps each announcement single.
PHASE_LOOKBACK = datetime.timedelta(days=2)


class NotFollowable(Http404):
    """The thing does not exist for this person (invisible, or not a thing one follows): the
    follow view answers 404, as for something that does not exist."""


# --- Following ----------------------------------------------------------------------------------


def _pair(target):
    return target_type_of(target).pk, target.pk


def _is_followable(target):
    """Processes, pages with a comment thread (visions, stories), proposals, action groups and
    fields of action."""
    from wagtail.models import Page

    from cms.models import CommentableMixin
    from cms.taxonomy import FieldOfAction

    from ..models import ActionGroup, Proposal

    if isinstance(target, Page):
        return issubclass(target.specific_class, ProcessHostMixin | CommentableMixin)
    return isinstance(target, Proposal | ActionGroup | FieldOfAction)


def follows(user, target):
    """Whether ``user`` follows ``target``."""
    if user is None or not user.is_authenticated:
        return False
    return Follow.objects.filter(
        user_id=user.pk, target_type_id=target_type_of(target).pk, target_id=target.pk
    ).exists()


def followers_of(target):
    """The active people who follow ``target``."""
    return get_user_model().objects.filter(
        is_active=True,
        follows__target_type_id=target_type_of(target).pk,
        follows__target_id=target.pk,
    )


def follow(user, target, automatic=False):
    """``user`` follows ``target`` (a process or vision page, a proposal, an action group, a field
    of action). A chosen follow needs ``target`` to be visible to ``user``
    (:class:`NotFollowable` otherwise) and lifts an earlier unfollow. An automatic follow (as
    author or commenter) is skipped when the person unfollowed the thing before. Returns the
    follow, or ``None`` when nothing was followed."""
    where = {
        "user_id": user.pk,
        "target_type_id": target_type_of(target).pk,
        "target_id": target.pk,
    }
    if automatic:
        if Unfollow.objects.filter(**where).exists():
            return None
    else:
        if not _is_followable(target) or not visible_objects([_pair(target)], user):
            raise NotFollowable("Nothing to follow here.")
        Unfollow.objects.filter(**where).delete()
    with transaction.atomic():
        existing = Follow.objects.filter(**where).first()
        if existing is not None:
            if existing.automatic and not automatic:
                existing.automatic = False
                existing.save(update_fields=["automatic"])
            return existing
        Follow.objects.bulk_create([Follow(**where, automatic=automatic)], ignore_conflicts=True)
        return Follow.objects.filter(**where).first()


def unfollow(user, target):
    """``user`` stops following ``target``; what they would follow automatically (their own
    proposal, a thread they comment in) stays unfollowed."""
    where = {
        "user_id": user.pk,
        "target_type_id": target_type_of(target).pk,
        "target_id": target.pk,
    }
    with transaction.atomic():
        Follow.objects.filter(**where).delete()
        Unfollow.objects.bulk_create([Unfollow(**where)], ignore_conflicts=True)


def unfollowed(user_id, target):
    """Whether the person chose not to follow ``target``."""
    return Unfollow.objects.filter(
        user_id=user_id, target_type_id=target_type_of(target).pk, target_id=target.pk
    ).exists()


# --- Announcing ---------------------------------------------------------------------------------


def _user_id(person):
    return getattr(person, "pk", person)


def notify(
    kind,
    target,
    *,
    actor=None,
    recipients=(),
    reason=None,
    followers_of=(),
    follower_reason=None,
    key=None,
    data=None,
):
    """Record that ``kind`` happened to ``target`` and queue who hears about it (see the
    module's docstring). Returns the activity, or ``None`` if ``key`` was used already."""
    reason = str(reason or kind)
    follower_reason = str(follower_reason or reason)
    direct = []
    for item in recipients:
        if isinstance(item, tuple):
            person, item_reason = item
        else:
            person, item_reason = item, reason
        if person is not None:
            direct.append([_user_id(person), str(item_reason)])
    followed = [list(_pair(thing)) for thing in followers_of if thing is not None]
    data = dict(data or {})
    data.setdefault("title", str(title_of(target)))
    data["audience"] = {
        "direct": direct,
        "followers_of": followed,
        "follower_reason": follower_reason,
    }
    activity = Activity(
        kind=str(kind),
        actor_id=_user_id(actor) if actor is not None else None,
        target_type_id=_pair(target)[0],
        target_id=target.pk,
        key=key,
        data=data,
    )
    if key is not None and Activity.objects.filter(key=key).exists():
        return None
    try:
        # A savepoint: two workers announcing the same key at once leave one activity, and the
        # loser's transaction goes on.
        with transaction.atomic():
            activity.save()
    except IntegrityError:
        if key is not None and Activity.objects.filter(key=key).exists():
            return None
        raise
    fan_out.enqueue(activity.pk)
    return activity


def _audience(activity):
    """``{user_id: reason}`` of everybody who may hear about ``activity``, before the checks
    of who may see it; and the ids of those owed it whatever they may see."""
    audience = activity.data.get("audience") or {}
    reasons = {}
    owed = set()
    for user_id, reason in audience.get("direct", []):
        reasons.setdefault(user_id, reason)
        if reason in FIXED_DELIVERY:
            owed.add(user_id)
    followed = audience.get("followers_of") or []
    if followed:
        condition = Q()
        for content_type_id, pk in followed:
            condition |= Q(target_type_id=content_type_id, target_id=pk)
        follower_reason = audience.get("follower_reason") or activity.kind
        for user_id in (
            # Who followed when it happened: a commenter who joins the thread afterwards
            # (before the worker fans out) does not hear about the answer before their time.
            Follow.objects.filter(
                condition, user__is_active=True, created_at__lte=activity.created_at
            )
            .values_list("user_id", flat=True)
            .order_by("user_id")
            .distinct()
        ):
            reasons.setdefault(user_id, follower_reason)
    reasons.pop(activity.actor_id, None)
    owed.discard(activity.actor_id)
    return reasons, owed


def _who_may_see(activity, user_ids):
    """Those of ``user_ids`` (active people) who may see the activity's target now."""
    pair = (activity.target_type_id, activity.target_id)
    # Most targets are public: then nobody needs loading.
    if visible_objects([pair], None):
        return set(user_ids)
    people = get_user_model().objects.filter(pk__in=user_ids)
    seen = visible_to_each({person: {pair} for person in people})
    return {pk for pk, objects in seen.items() if pair in objects}


@task(backend="worker")
def fan_out(activity_id):
    """Create the notifications of one activity (see the module's docstring); idempotent."""
    with transaction.atomic():
        activity = Activity.objects.select_for_update().filter(pk=activity_id).first()
        if activity is None or activity.fanned_out_at is not None:
            return 0
        reasons, owed = _audience(activity)
        audience = activity.data.get("audience") or {}
        direct = {user_id for user_id, _reason in audience.get("direct", [])}
        if direct:
            # Followers come active from their query; the people named directly are checked
            # here: gone since, or inactive (except for what they are owed).
            found = dict(
                get_user_model().objects.filter(pk__in=direct).values_list("pk", "is_active")
            )
            for user_id in direct:
                if user_id not in found or not (found[user_id] or user_id in owed):
                    reasons.pop(user_id, None)
                    owed.discard(user_id)
        others = [user_id for user_id in reasons if user_id not in owed]
        seeing = _who_may_see(activity, others) if others else set()
        recipients = {
            user_id: reason
            for user_id, reason in reasons.items()
            if user_id in owed or user_id in seeing
        }
        by_reason = {}
        for user_id, reason in recipients.items():
            by_reason.setdefault(reason, []).append(user_id)
        now = timezone.now()
        rows = []
        for reason, user_ids in by_reason.items():
            deliveries = deliveries_for(user_ids, reason)
            rows.extend(
                Notification(
                    recipient_id=user_id,
                    activity_id=activity.pk,
                    reason=reason,
                    delivery=deliveries[user_id],
                    # When it happened, not when the worker got to it: the in-site list is in
                    # that order, and a digest at that moment includes it (digests take what is
                    # not yet e-mailed, so a late fan-out is never left out either).
                    created_at=activity.created_at,
                )
                for user_id in user_ids
            )
        Notification.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
        activity.fanned_out_at = now
        activity.save(update_fields=["fanned_out_at"])
        immediate = list(
            Notification.objects.filter(
                activity_id=activity.pk, delivery=Delivery.IMMEDIATELY, emailed_at=None
            ).values_list("pk", flat=True)
        )
        if immediate:
            send_immediately(immediate)
        return len(rows)


# --- Periodic jobs ------------------------------------------------------------------------------


def _concrete_subclasses(mixin):
    return [
        model
        for model in apps.get_models()
        if issubclass(model, mixin) and not model._meta.abstract and not model._meta.proxy
    ]


def announce_phase_starts(now):
    """Tell the followers of each process that a phase began (today, or in the days the job
    may have missed)."""
    today = timezone.localdate(now)
    announced = 0
    for model in _concrete_subclasses(ProcessHostMixin):
        phase_model = model._meta.get_field("phases").related_model
        link = model._meta.get_field("phases").field.name
        phases = phase_model.objects.filter(
            start__lte=today, start__gte=today - PHASE_LOOKBACK, end__gte=today
        ).select_related(link)
        for phase in phases:
            process = getattr(phase, link)
            if not process.live:
                continue
            activity = notify(
                Reason.PHASE_STARTED,
                process,
                followers_of=[process],
                key=f"phase:{process.pk}:{phase.start.isoformat()}:{phase.pk}",
                data={
                    "title": process.title,
                    "phase": str(phase),
                    "start": phase.start.isoformat(),
                    "end": phase.end.isoformat(),
                },
            )
            announced += activity is not None
    return announced


def remind_events(now):
    """Remind everybody with a confirmed place of an event that starts tomorrow."""
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    reminded = 0
    for model in _concrete_subclasses(RegistrationHost):
        events = {event.pk: event for event in model.objects.live().filter(start__date=tomorrow)}
        if not events:
            continue
        registrations = (
            EventRegistration.objects.confirmed()
            # Guests (no account) get no notifications; their e-mails have the event's date.
            .filter(event_id__in=events, user__isnull=False)
            .select_related("user")
            .order_by("pk")
        )
        for registration in registrations:
            event = events[registration.event_id]
            activity = notify(
                Reason.EVENT_REMINDER,
                event,
                recipients=[registration.user_id],
                key=f"reminder:{registration.pk}:{tomorrow.isoformat()}",
                data={
                    "title": event.title,
                    "registration": registration.pk,
                    "places": registration.places,
                    "start": event.start.isoformat(),
                },
            )
            reminded += activity is not None
    return reminded
