"""Submitting, editing, withdrawing, supporting and answering proposals."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .. import rules
from ..models import NotificationReason as Reason
from ..models import (
    Proposal,
    ProposalVersion,
    Support,
)
from ..notifications import events
from .announcements import announce_new_in_field

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
    """``proposal`` read again under a row lock; the process page the caller loaded (with its
    phases) is kept rather than read again."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if Proposal.process.is_cached(proposal):
        locked.process = proposal.process
    return locked


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
                if process.is_pre_moderated
                else Proposal.Moderation.PUBLISHED
            ),
        )
        _apply(proposal, {key: value for key, value in data.items() if key != "remove_image"})
        proposal.full_clean(exclude=["image", "process", "author"])
        proposal.save()
        _save_version(proposal)
        events.follow(user, proposal, automatic=True)
        if proposal.is_published:
            announce_new_in_field(proposal)
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
            if process.is_pre_moderated and proposal.moderation == Proposal.Moderation.PUBLISHED:
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
    threshold = process.qualified_threshold
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
    """Set the official ``state`` and answer (rich text) of ``proposal``; its author and its
    followers hear about it.

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
        events.notify(
            Reason.PROPOSAL_ANSWERED,
            proposal,
            actor=by,
            recipients=[proposal.author_id],
            followers_of=[proposal],
            key=f"answer:{proposal.pk}:{proposal.answered_at.isoformat()}",
            data={"title": proposal.title, "state": proposal.state, "answer": answer_html},
        )
        return proposal
