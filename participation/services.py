"""Registering for events and cancelling; submitting, editing, withdrawing, supporting and
answering proposals; writing, editing and deleting comments and marking them helpful. Each in
one transaction that checks the rules again under its locks.

Every registration change first locks the page rows of the event (all its language versions,
which share the places), so registrations for one event are processed one after the other and
the capacity is never exceeded, however many people register at once.
"""

from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from wagtail.models import Page

from . import notifications, rules
from .models import (
    Ballot,
    BallotChoice,
    Block,
    Comment,
    EventRegistration,
    HelpfulMark,
    Moderation,
    ModerationLogEntry,
    Poll,
    Proposal,
    ProposalVersion,
    Reason,
    Report,
    Support,
)
from .models.comments import target_type_of


def _lock(event):
    """Lock the event's page rows and return the event as it is now (capacity may have changed)."""
    # Always in the same order, so that two transactions cannot wait for each other.
    list(
        Page.objects.select_for_update()
        .filter(translation_key=event.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return event.specific_class._default_manager.get(pk=event.pk)


def _fill_free_places(event, now):
    """Give free places to the people waiting longest; the caller holds the event's lock."""
    if not rules.waiting_list_moves(event, now):
        return []
    registrations = EventRegistration.objects.for_event(event)
    waiting = registrations.waiting().in_queue_order()
    free = rules.places_left(event.capacity, registrations.confirmed().count())
    if free is not None:
        waiting = waiting[:free]
    moving_up = list(waiting.values_list("pk", flat=True))
    if moving_up:
        EventRegistration.objects.filter(pk__in=moving_up).update(
            status=EventRegistration.Status.CONFIRMED
        )
        transaction.on_commit(partial(notifications.send_moved_up, moving_up), robust=True)
    return moving_up


def register(user, event):
    """Register ``user`` for ``event``: a place if one is free, else the waiting list.

    Raises :class:`rules.RegistrationError` (and changes nothing) when the rules forbid it.
    """
    with transaction.atomic():
        event = _lock(event)
        # Taken under the lock, so that the waiting list's order is the order of registering.
        now = timezone.now()
        existing = EventRegistration.objects.for_event(event).filter(user_id=user.pk).first()
        rules.check_may_register(user, event, existing, now)
        # Nobody overtakes the waiting list, even if places became free without a publish.
        _fill_free_places(event, now)
        confirmed_count = EventRegistration.objects.for_event(event).confirmed().count()
        has_place = rules.places_left(event.capacity, confirmed_count) != 0
        return EventRegistration.objects.create(
            event_id=event.pk,
            user=user,
            status=(
                EventRegistration.Status.CONFIRMED
                if has_place
                else EventRegistration.Status.WAITING
            ),
            created_at=now,
        )


def cancel(user, event):
    """Cancel ``user``'s registration; a freed place goes to the person waiting longest.

    Returns the cancelled registration. Raises :class:`rules.RegistrationError` when there is
    nothing ``user`` may cancel.
    """
    with transaction.atomic():
        event = _lock(event)
        now = timezone.now()
        registration = EventRegistration.objects.for_event(event).filter(user_id=user.pk).first()
        rules.check_may_cancel(user, event, registration, now)
        registration.delete()
        if registration.is_confirmed:
            _fill_free_places(event, now)
        return registration


def fill_free_places(event):
    """Move waiting people up while there are free places, e.g. after the capacity was raised.

    Returns the ids of the registrations that got a place.
    """
    with transaction.atomic():
        event = _lock(event)
        return _fill_free_places(event, timezone.now())


# --- Proposals and supports ----------------------------------------------------------------------
#
# Lock order, the same everywhere so that two transactions never wait for each other: the
# person's user row first (it serialises one person's requests, which keeps their proposal limit
# and support budget), then the proposal row (it serialises the supports of one proposal).

PROPOSAL_FIELDS = (
    "title",
    "summary",
    "text",
    "field_of_action",
    "municipality",
    "latitude",
    "longitude",
    "image_alt",
)


def _lock_person(user):
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()


def _lock_proposal(proposal):
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _save_version(proposal):
    """Keep what the proposal says now; the caller holds the proposal's lock."""
    last = proposal.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ProposalVersion.objects.create(
        proposal=proposal,
        number=last + 1,
        title=proposal.title,
        summary=proposal.summary,
        text=proposal.text,
        field_of_action_id=proposal.field_of_action_id,
        municipality=proposal.municipality,
        latitude=proposal.latitude,
        longitude=proposal.longitude,
        had_image=bool(proposal.image),
        image_alt=proposal.image_alt if proposal.image else "",
    )


def _apply(proposal, data):
    for name in PROPOSAL_FIELDS:
        if name in data:
            setattr(proposal, name, data[name])
    if data.get("remove_image") and proposal.image:
        proposal.image.delete(save=False)
        proposal.image = ""
        proposal.image_alt = ""
    image = data.get("image")
    if image:
        if proposal.image:
            proposal.image.delete(save=False)
        proposal.image.save(image.name, image, save=False)


def submit_proposal(user, process, data):
    """Create ``user``'s proposal in ``process`` from cleaned form ``data``.

    ``data["image"]`` is an already re-encoded file (:func:`participation.images.clean_image`)
    or missing. Under pre-moderation the proposal waits for a moderator.
    """
    with transaction.atomic():
        _lock_person(user)
        rules.check_proposal_action(user, process, "submit")
        proposal = Proposal(
            process_id=process.pk,
            author=user,
            moderation=(
                Proposal.Moderation.PENDING
                if getattr(process, "moderation", "post") == "pre"
                else Proposal.Moderation.PUBLISHED
            ),
        )
        _apply(proposal, {key: value for key, value in data.items() if key != "remove_image"})
        proposal.full_clean(exclude=["image", "process", "author"])
        proposal.save()
        _save_version(proposal)
        return proposal


def _values(proposal, names):
    return tuple(
        getattr(proposal, name if name != "field_of_action" else "field_of_action_id")
        for name in names
    )


def edit_proposal(user, proposal, data):
    """Change ``user``'s own ``proposal``; every changed state is kept as a version. Under
    pre-moderation a changed proposal waits for a moderator again.

    Nothing is saved when nothing changed; the returned proposal's ``changed`` says whether
    anything was.
    """
    with transaction.atomic():
        _lock_person(user)
        proposal = _lock_proposal(proposal)
        process = proposal.process.specific
        rules.check_proposal_action(user, process, "edit", proposal)
        before = _values(proposal, PROPOSAL_FIELDS)
        image_before = proposal.image.name
        _apply(proposal, data)
        proposal.full_clean(exclude=["image", "process", "author"])
        proposal.changed = (
            _values(proposal, PROPOSAL_FIELDS) != before or proposal.image.name != image_before
        )
        if proposal.changed:
            # Under pre-moderation a changed proposal is checked again before it is public:
            # otherwise an approved proposal could be turned into anything afterwards.
            if (
                getattr(process, "moderation", "post") == "pre"
                and proposal.moderation == Proposal.Moderation.PUBLISHED
            ):
                proposal.moderation = Proposal.Moderation.PENDING
            proposal.save()
            _save_version(proposal)
        return proposal


def withdraw_proposal(user, proposal):
    """Withdraw ``user``'s own proposal: it stays visible, marked as withdrawn."""
    with transaction.atomic():
        _lock_person(user)
        proposal = _lock_proposal(proposal)
        process = proposal.process.specific
        rules.check_proposal_action(user, process, "withdraw", proposal)
        proposal.withdrawn_at = timezone.now()
        proposal.save(update_fields=["withdrawn_at", "updated_at"])
        return proposal


def _change_support_count(proposal, process, delta):
    Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + delta)
    threshold = getattr(process, "qualified_threshold", 0)
    if delta > 0 and threshold:
        # Once qualified, a proposal stays qualified: the mark records that it got there.
        Proposal.objects.filter(
            pk=proposal.pk, qualified_at__isnull=True, support_count__gte=threshold
        ).update(qualified_at=timezone.now())
    proposal.refresh_from_db(fields=["support_count", "qualified_at"])
    return proposal


def support(user, proposal):
    """``user`` supports ``proposal``; returns it with the new count."""
    with transaction.atomic():
        _lock_person(user)
        proposal = _lock_proposal(proposal)
        process = proposal.process.specific
        rules.check_proposal_action(user, process, "support", proposal)
        Support.objects.create(proposal=proposal, user=user, process_id=proposal.process_id)
        return _change_support_count(proposal, process, +1)


def withdraw_support(user, proposal):
    """``user`` takes back their support of ``proposal``; returns it with the new count."""
    with transaction.atomic():
        _lock_person(user)
        proposal = _lock_proposal(proposal)
        process = proposal.process.specific
        rules.check_proposal_action(user, process, "unsupport", proposal)
        # The post_delete receiver (participation.signals) takes the support off the count.
        Support.objects.filter(proposal=proposal, user=user).delete()
        proposal.refresh_from_db(fields=["support_count", "qualified_at"])
        return proposal


def _same_html(html):
    """Rich text as compared for "did the answer change": surrounding white space is ignored."""
    return (html or "").strip()


def answer_proposal(proposal, state, answer_html, by):
    """Set the official ``state`` and answer (rich text) of ``proposal`` and email its author.

    ``by`` is the editor who answered (kept for the admin's log by the caller).
    """
    if state not in Proposal.State.values:
        raise ValueError(f"Unknown state {state!r}")
    with transaction.atomic():
        proposal = _lock_proposal(proposal)
        # Saving the same state and answer again changes nothing and sends no second email.
        proposal.changed = state != proposal.state or _same_html(answer_html) != _same_html(
            proposal.answer
        )
        if not proposal.changed:
            return proposal
        proposal.state = state
        proposal.answer = answer_html
        proposal.answered_at = timezone.now()
        proposal.save(update_fields=["state", "answer", "answered_at", "updated_at"])
        transaction.on_commit(partial(notifications.send_proposal_answer, proposal.pk), robust=True)
        return proposal


# --- Comments ------------------------------------------------------------------------------------


def _lock_comment(comment):
    return Comment.objects.select_for_update().select_related("author").get(pk=comment.pk)


def _counts(comment):
    """Whether ``comment`` counts in the numbers pages show (discussed proposals, replies)."""
    return comment.moderation == Comment.Moderation.PUBLISHED and not comment.is_deleted


def _change_comment_counts(comment, delta):
    if isinstance(comment.target, Proposal):
        Proposal.objects.filter(pk=comment.target_id).update(
            comment_count=F("comment_count") + delta
        )
    if comment.parent_id:
        Comment.objects.filter(pk=comment.parent_id).update(reply_count=F("reply_count") + delta)


def _pre_moderated(process):
    return getattr(process, "moderation", "post") == "pre"


def create_comment(user, target, text, *, process=None, parent=None, official=False):
    """``user``'s comment on ``target`` (a proposal or a page), or a reply to ``parent``.

    Replies are one level deep: a reply to a reply answers the same comment. Under
    pre-moderation the comment waits for a moderator. Moderators may write ``official``
    comments, shown with a badge.
    """
    with transaction.atomic():
        _lock_person(user)
        rules.check_comment_action(user, "comment", target=target, process=process)
        if parent is not None:
            parent = _lock_comment(parent.parent or parent)
            if parent.is_deleted:
                raise rules.ParticipationError(rules.COMMENT_GONE)
            if parent.moderation != Comment.Moderation.PUBLISHED:
                raise rules.ParticipationError(rules.COMMENT_HIDDEN)
        if official and not rules.may_reply_officially(user):
            raise rules.ParticipationError(rules.NOT_A_MODERATOR)
        comment = Comment(
            target=target,
            process_id=getattr(process, "pk", None),
            parent=parent,
            author=user,
            text=text,
            is_official=official,
            moderation=(
                Comment.Moderation.PENDING
                if _pre_moderated(process)
                else Comment.Moderation.PUBLISHED
            ),
        )
        comment.full_clean(exclude=["target_type", "process", "parent", "author"])
        comment.save()
        if _counts(comment):
            _change_comment_counts(comment, +1)
        return comment


def edit_comment(user, comment, text, *, target, process=None):
    """Change ``user``'s own comment; it shows as edited, with the time. Under pre-moderation a
    changed comment waits for a moderator again."""
    with transaction.atomic():
        _lock_person(user)
        comment = _lock_comment(comment)
        rules.check_comment_action(user, "edit", target=target, process=process, comment=comment)
        if text == comment.text:
            comment.changed = False
            return comment
        counted = _counts(comment)
        comment.text = text
        comment.edited_at = timezone.now()
        if _pre_moderated(process):
            comment.moderation = Comment.Moderation.PENDING
        comment.full_clean(exclude=["target_type", "process", "parent", "author"])
        comment.save()
        if counted and not _counts(comment):
            _change_comment_counts(comment, -1)
        comment.changed = True
        return comment


def delete_comment(user, comment, *, target):
    """The author deletes their comment: its text is gone, a placeholder keeps the thread's
    shape (its replies stay)."""
    with transaction.atomic():
        _lock_person(user)
        comment = _lock_comment(comment)
        rules.check_comment_action(user, "delete", target=target, comment=comment)
        counted = _counts(comment)
        comment.text = ""
        comment.deleted_at = timezone.now()
        comment.save(update_fields=["text", "deleted_at"])
        if counted:
            _change_comment_counts(comment, -1)
        return comment


def mark_helpful(user, comment, *, target, process=None, helpful=True):
    """``user`` marks ``comment`` as helpful (or takes the mark back); returns the comment with
    the new count. One mark per person: the database's unique constraint decides."""
    with transaction.atomic():
        _lock_person(user)
        comment = _lock_comment(comment)
        action = "helpful" if helpful else "unhelpful"
        rules.check_comment_action(user, action, target=target, process=process, comment=comment)
        if helpful:
            HelpfulMark.objects.create(comment=comment, user=user)
            delta = +1
        else:
            HelpfulMark.objects.filter(comment=comment, user=user).delete()
            delta = -1
        Comment.objects.filter(pk=comment.pk).update(helpful_count=F("helpful_count") + delta)
        comment.refresh_from_db(fields=["helpful_count"])
        return comment


# --- Reports -------------------------------------------------------------------------------------


def report(user, target, reason, note=""):
    """``user`` reports ``target`` (a proposal or a comment) with a reason. When as many
    different people as the threshold have open reports about it, it is hidden until a
    moderator decides. Returns the report; ``report.hid`` says whether it hid the target."""
    model = type(target)
    with transaction.atomic():
        _lock_person(user)
        # Reports about one contribution are counted one after the other.
        target = model.objects.select_for_update().get(pk=target.pk)
        rules.check(rules.report_obstacle(user, target))
        report = Report(target=target, reporter=user, reason=reason, note=note)
        report.full_clean(exclude=["target_type", "reporter"])
        report.save()
        open_reports = Report.objects.of(target).open()
        reporters = open_reports.values("reporter").distinct().count()
        report.hid = (
            reporters >= rules.report_threshold() and target.moderation == Moderation.PUBLISHED
        )
        if report.hid:
            commonest = (
                open_reports.values("reason")
                .annotate(count=Count("pk"))
                .order_by("-count", "reason")
                .values_list("reason", flat=True)
                .first()
            )
            moderate(target, Action.AUTO_HIDE, None, reason=commonest)
        return report


# --- Moderation ----------------------------------------------------------------------------------
#
# Every moderation action goes through :func:`moderate` (contributions) or :func:`block_user` and
# :func:`unblock_user` (people), which write the moderation log in the same transaction.

Action = ModerationLogEntry.Action

CONTRIBUTION_MODELS = (Proposal, Comment)
"""What residents write and moderators moderate; later kinds of contribution join here."""

# The moderation state each action leads to (reviewing reports leaves it as it is).
OUTCOME = {
    Action.APPROVE: Moderation.PUBLISHED,
    Action.RESTORE: Moderation.PUBLISHED,
    Action.HIDE: Moderation.HIDDEN,
    Action.AUTO_HIDE: Moderation.HIDDEN,
}


def applies(action, item, open_reports):
    """Whether ``action`` changes anything for ``item`` as it is now; ``open_reports``: how
    many reports about it no moderator has decided on."""
    if action == Action.APPROVE:
        return item.moderation != Moderation.PUBLISHED
    if action == Action.RESTORE:
        return item.moderation == Moderation.HIDDEN
    if action == Action.HIDE:
        # Hidden by enough reports, it still waits for a moderator's decision (and the author
        # for the reasons).
        return item.moderation != Moderation.HIDDEN or open_reports > 0
    if action == Action.AUTO_HIDE:
        return item.moderation != Moderation.HIDDEN
    if action == Action.REVIEW:
        return open_reports > 0
    raise ValueError(f"{action!r} is no moderation action for contributions")


def label_of(item):
    """What the moderation log calls an item: a proposal's title, a comment's beginning, a
    person's display name."""
    if isinstance(item, Comment):
        text = item.excerpt if not item.is_deleted else "–"
    elif isinstance(item, Proposal):
        text = item.title
    else:
        text = str(item)
    return text[:200]


def _log(action, item, by, *, author_id=None, reason="", note="", block=None, previous=""):
    return ModerationLogEntry.objects.create(
        action=action,
        previous_moderation=previous,
        moderator=by,
        target_type=target_type_of(item),
        target_id=item.pk,
        target_label=label_of(item),
        author_id=author_id if author_id is not None else getattr(item, "author_id", None),
        reason=reason or "",
        note=note or "",
        block=block,
    )


def _set_moderation(item, moderation):
    """Change ``item``'s moderation state; the numbers pages show follow (a hidden comment no
    longer counts). The caller holds the item's lock."""
    if isinstance(item, Comment):
        counted = _counts(item)
        item.moderation = moderation
        item.save(update_fields=["moderation"])
        if counted != _counts(item):
            _change_comment_counts(item, -1 if counted else +1)
    else:
        item.moderation = moderation
        item.save(update_fields=["moderation", "updated_at"])


def moderate(item, action, by, *, reason="", note="", block=None, notify=True, restore_to=None):
    """Approve, hide, restore or review the reports of a contribution, and log it.

    ``by`` is the moderator (``None`` when the platform hides an item after enough reports).
    Hiding needs a reason; a moderator's hiding emails the author a statement of reasons
    (unless ``notify`` is off: a block tells the person once, for everything). A moderator's
    decision settles the open reports. Restoring publishes the item, or puts it back to
    ``restore_to`` (lifting a block: what waited for moderation waits again). Returns the log
    entry, or ``None`` when the action does not apply to the item as it is now (approving a
    published item, say): nothing changed. Raises :class:`rules.ParticipationError` when
    ``by`` may not moderate such items.
    """
    if action in (Action.HIDE, Action.AUTO_HIDE) and reason not in Reason.values:
        raise ValueError("Hiding needs a reason")
    if by is not None:
        rules.check(rules.moderate_obstacle(by, type(item)))
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        open_reports = Report.objects.of(item).open()
        if not applies(action, item, open_reports.count()):
            return None
        previous = item.moderation
        if action in OUTCOME:
            outcome = restore_to if action == Action.RESTORE and restore_to else OUTCOME[action]
            _set_moderation(item, outcome)
        if by is not None:
            open_reports.update(reviewed_at=timezone.now())
        entry = _log(action, item, by, reason=reason, note=note, block=block, previous=previous)
        if action == Action.HIDE and notify and by is not None:
            transaction.on_commit(
                partial(notifications.send_statement_of_reasons, entry.pk), robust=True
            )
        return entry


def contributions_of(person):
    """Every contribution ``person`` wrote, of every kind."""
    for model in CONTRIBUTION_MODELS:
        for item in model.objects.filter(author=person).order_by("pk"):
            if not getattr(item, "is_deleted", False):
                yield item


def block_user(person, by, reason, note="", *, hide_contributions=False, notify=True):
    """Block ``person``: they can no longer sign in or take part (their sessions end with the
    next request) and are told why by email (unless ``notify`` is off); optionally hide
    everything they wrote. Raises :class:`rules.ParticipationError` when ``by`` may not block
    them."""
    with transaction.atomic():
        person = get_user_model().objects.select_for_update().get(pk=person.pk)
        rules.check(rules.block_obstacle(by, person))
        # An administrator may have reactivated the account in Settings → Users: that ended
        # the earlier block.
        Block.objects.filter(user=person, lifted_at=None).update(lifted_at=timezone.now())
        block = Block(
            user=person,
            reason=reason,
            note=note,
            hid_contributions=hide_contributions,
            blocked_by=by,
        )
        block.full_clean(exclude=["user", "blocked_by"])
        block.save()
        person.is_active = False
        person.save(update_fields=["is_active"])
        _log(Action.BLOCK, person, by, author_id=person.pk, reason=reason, note=note, block=block)
        if hide_contributions:
            for item in contributions_of(person):
                if item.moderation == Moderation.HIDDEN:
                    # Hidden already (by a moderator, or by reports and waiting for one): the
                    # block neither takes it over nor settles its reports.
                    continue
                moderate(item, Action.HIDE, by, reason=reason, note=note, block=block, notify=False)
        if notify:
            transaction.on_commit(partial(notifications.send_block_notice, block.pk), robust=True)
        return block


def unblock_user(person, by, note="", *, restore_contributions=False):
    """Lift ``person``'s block: they may sign in and take part again. With
    ``restore_contributions``, what the block hid is published again (not what moderators hid
    for other reasons before or after)."""
    rules.check(None if rules.may_block(by) else rules.MAY_NOT_BLOCK)
    with transaction.atomic():
        person = get_user_model().objects.select_for_update().get(pk=person.pk)
        block = Block.objects.filter(user=person, lifted_at=None).first()
        if block is None:
            raise rules.ParticipationError(rules.NOT_BLOCKED)
        block.lifted_at = timezone.now()
        block.lifted_by = by
        block.save(update_fields=["lifted_at", "lifted_by"])
        person.is_active = True
        person.save(update_fields=["is_active"])
        _log(Action.UNBLOCK, person, by, author_id=person.pk, note=note, block=block)
        if restore_contributions:
            for entry in _hidden_by(block):
                moderate(
                    entry.target,
                    Action.RESTORE,
                    by,
                    note=note,
                    block=block,
                    restore_to=entry.previous_moderation or Moderation.PUBLISHED,
                )
        return block


def _hidden_by(block):
    """The log entries of what ``block`` hid and nobody moderated since (a moderator may have
    restored an item during the block and hidden it again for another reason)."""
    hidden = block.log_entries.filter(action=Action.HIDE).select_related("target_type")
    for entry in hidden:
        latest = (
            ModerationLogEntry.objects.filter(
                target_type_id=entry.target_type_id, target_id=entry.target_id
            )
            .order_by("-created_at", "-pk")
            .values_list("pk", flat=True)
            .first()
        )
        if latest == entry.pk and entry.target is not None:
            yield entry


# --- Polls ---------------------------------------------------------------------------------------


def _lock_poll(poll):
    """Lock the poll's rows in every language (ballots of all of them count together), in the
    same order everywhere, and return the poll as it is now."""
    list(
        Poll.objects.select_for_update()
        .filter(translation_key=poll.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Poll.objects.get(pk=poll.pk)


def vote(poll, choice_keys, other_text="", *, user=None, session_key=""):
    """Cast or change a ballot in ``poll``: the choices by their ``translation_key`` and an
    optional own answer. Signed-in people vote as themselves; where anyone may vote, visitors
    vote with their browser session. One ballot per person (or session) and poll in all its
    languages: voting again changes it. Raises :class:`rules.ParticipationError` and changes
    nothing when the rules forbid the vote. Returns the ballot."""
    other_text = " ".join((other_text or "").split())
    choice_keys = list(dict.fromkeys(str(key) for key in choice_keys))
    signed_in = user is not None and user.is_authenticated
    with transaction.atomic():
        poll = _lock_poll(poll)
        rules.check(rules.poll_obstacle(user, poll, has_session=bool(session_key)))
        valid = {str(key) for key in poll.choices.values_list("translation_key", flat=True)}
        rules.check(rules.ballot_obstacle(poll, choice_keys, other_text, valid))
        voter = {"user": user} if signed_in else {"user": None, "session_key": session_key}
        ballot, _created = Ballot.objects.get_or_create(
            poll_key=poll.translation_key, **voter, defaults={"other_text": other_text}
        )
        ballot.other_text = other_text
        ballot.save()
        ballot.choices.exclude(choice_key__in=choice_keys).delete()
        ticked = {str(key) for key in ballot.choices.values_list("choice_key", flat=True)}
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, choice_key=key) for key in choice_keys if key not in ticked
        )
        return ballot
