"""Download my data (GDPR Art. 15 and 20): a ZIP of everything stored about a person, built by
the worker, fetched once through a secret link.

- :func:`request_export` (one transaction, the person's row locked): a new
  :class:`~participation.models.DataExport` with a new link secret, and its build queued on the
  "worker" queue. While one is being prepared or ready and unused, no second one is made: the
  open one is returned (with a new secret when the asking browser does not hold the current
  one: the secret is only in the browser that asked, never in the database). At most
  ``DAILY_LIMIT`` downloads a day.
- :func:`build_export` (a task on the "worker" queue): builds the archive; a database error (or
  any other) leaves the export "failed", and the person may ask again. An export whose person was
  deleted meanwhile is gone with them: the task does nothing.
- :func:`claim_download`: the link's single use, decided by the database
  (``UPDATE … WHERE downloaded_at IS NULL``): of two requests with one link, one gets the file.
- :func:`build_archive`: the ZIP. ``data.json`` and one CSV file per kind, and a README in the
  person's language. Nothing of other people: what a row points at (a proposal supported, the
  thread of a comment) appears by title and address only while the person may see it on the site,
  and never with another person's name, address or text.

Where it is built: on the worker, when ``TASKS["worker"]`` is a real queue (django-tasks-db, as
in production and ``make run``). A deployment without a worker sets that backend to django-tasks'
``ImmediateBackend`` (its mails then go out in the request too); the export is then built in the
request and ready when the page comes back. A worker that is down leaves the export "being
prepared" until it is back; asked again after ``STALE_AFTER``, the build is queued once more.
"""

import csv
import html
import io
import json
import logging
import secrets
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site
from wagtail.users.models import UserProfile

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django_tasks import task
from django_tasks_db.utils import exclusive_transaction

from ..models import (
    ActionGroup,
    Ballot,
    Block,
    BoardEntry,
    Comment,
    DataExport,
    EventRegistration,
    Follow,
    GroupUpdate,
    HelpfulMark,
    Membership,
    ModerationLogEntry,
    Notification,
    NotificationPreference,
    Proposal,
    ProposalVersion,
    RelayMessage,
    Report,
    Support,
    Unfollow,
)
from ..models.accounts import hash_token
from ..notifications import targets
from ..polls import polls_by_key
from ..rules.follows import kind_of

logger = logging.getLogger(__name__)

State = DataExport.State

EXPIRES_AFTER = timedelta(hours=24)
"""How long a ready download waits for its one use; also how long a queued one may wait for
the worker before it counts as failed."""

STALE_AFTER = timedelta(minutes=15)
"""A build queued this long ago may have lost its task: asking again queues it once more."""

DAILY_LIMIT = 5
"""Downloads one person may ask for within 24 hours (failed ones not counted)."""

TOKEN_BYTES = 32
TOKEN_LENGTH = 43
"""``secrets.token_urlsafe(TOKEN_BYTES)`` is this long; other link secrets are refused unread."""


# --- Asking for a download -----------------------------------------------------------------------


class Outcome:
    CREATED = "created"
    OPEN = "open"
    RENEWED = "renewed"
    LIMITED = "limited"


@dataclass
class Requested:
    """What :func:`request_export` did: ``outcome`` (an :class:`Outcome`), the export (``None``
    when limited) and the link secret the asking browser keeps (``None`` when limited)."""

    outcome: str
    export: DataExport | None
    token: str | None


def new_token():
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_token(value):
    """Whether ``value`` looks like a link secret at all (a cheap refusal before any query)."""
    return (
        isinstance(value, str)
        and len(value) == TOKEN_LENGTH
        and all(c.isascii() and (c.isalnum() or c in "-_") for c in value)
    )


def open_exports(now):
    """Being prepared (and not given up), or ready and unused."""
    return Q(state=State.QUEUED, expires_at__gt=now) | Q(
        state=State.READY, downloaded_at=None, expires_at__gt=now
    )


def _lock_person(user):
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk").first()


def request_export(user, *, known_token=None, now=None):
    """Ask for ``user``'s data (see the module's notes); ``known_token`` is the link secret the
    asking browser holds, if any. Returns a :class:`Requested`."""
    # SQLite has no row locks: an exclusive transaction serialises two requests instead.
    with exclusive_transaction():
        now = now or timezone.now()
        _lock_person(user)
        export = (
            DataExport.objects.filter(open_exports(now), user=user)
            .defer("archive")
            .order_by("-created_at", "-pk")
            .first()
        )
        if export is not None:
            if is_stale(export, now):
                build_export.enqueue(export.pk)
            if known_token and export.token_hash == hash_token(known_token):
                return Requested(Outcome.OPEN, _fresh(export), known_token)
            token = new_token()
            DataExport.objects.filter(pk=export.pk).update(token_hash=hash_token(token))
            return Requested(Outcome.RENEWED, _fresh(export), token)
        recent = (
            DataExport.objects.filter(user=user, created_at__gt=now - EXPIRES_AFTER)
            .exclude(state=State.FAILED)
            .count()
        )
        if recent >= DAILY_LIMIT:
            return Requested(Outcome.LIMITED, None, None)
        token = new_token()
        export = DataExport.objects.create(
            user=user,
            token_hash=hash_token(token),
            created_at=now,
            # Until it is ready: how long it may wait for the worker.
            expires_at=now + EXPIRES_AFTER,
        )
        # In the transaction: the task exists exactly when the export does. The immediate
        # queue (no worker) builds it here and now.
        build_export.enqueue(export.pk)
        return Requested(Outcome.CREATED, _fresh(export), token)


def _fresh(export):
    return DataExport.objects.defer("archive").get(pk=export.pk)


class Phase:
    """Where a download stands for its person (:func:`phase_of`)."""

    PREPARING = "preparing"
    READY = "ready"
    DOWNLOADED = "downloaded"
    EXPIRED = "expired"
    FAILED = "failed"


def phase_of(export, now):
    """The :class:`Phase` of ``export`` at ``now``: one the worker never got to within its day
    counts as failed."""
    if export.state == State.QUEUED:
        return Phase.PREPARING if export.expires_at > now else Phase.FAILED
    if export.state == State.FAILED:
        return Phase.FAILED
    if export.downloaded_at is not None:
        return Phase.DOWNLOADED
    return Phase.READY if export.expires_at > now else Phase.EXPIRED


def is_stale(export, now):
    """Whether a download being prepared waited so long that its task may be lost."""
    return export.state == State.QUEUED and export.created_at <= now - STALE_AFTER


def latest_export(user):
    """The person's most recent download request (without its archive), or ``None``."""
    return (
        DataExport.objects.filter(user=user).defer("archive").order_by("-created_at", "-pk").first()
    )


# --- Building ------------------------------------------------------------------------------------


@task(backend="worker")
def build_export(export_id):
    """Build the archive of export ``export_id`` if it still waits; returns its new state."""
    export = (
        DataExport.objects.filter(pk=export_id, state=State.QUEUED)
        .select_related("user")
        .defer("archive")
        .first()
    )
    if export is None:
        # Built by an earlier task, or deleted with its person.
        return None
    try:
        # A savepoint: a failing query leaves the caller's transaction usable (the immediate
        # queue runs this inside the request's).
        with transaction.atomic():
            archive = build_archive(export.user)
    except Exception:
        logger.exception("Data download %s could not be built", export_id)
        DataExport.objects.filter(pk=export_id, state=State.QUEUED).update(state=State.FAILED)
        return State.FAILED.value
    now = timezone.now()
    built = DataExport.objects.filter(pk=export_id, state=State.QUEUED).update(
        state=State.READY, archive=archive, ready_at=now, expires_at=now + EXPIRES_AFTER
    )
    return State.READY.value if built else None


# --- Downloading ---------------------------------------------------------------------------------


def find_download(user, token, now=None):
    """The ready, unused, unexpired export of ``user`` that ``token`` opens, or ``None``."""
    if not is_token(token):
        return None
    return DataExport.objects.usable(now).filter(user=user, token_hash=hash_token(token)).first()


def claim_download(export, now=None):
    """Mark ``export`` downloaded, once: ``True`` for the one request that may hand out the
    archive. The stored copy is dropped at once (empty bytes: the model requires an archive
    while the state is "ready"); the row stays as a record until the retention job."""
    now = now or timezone.now()
    return (
        DataExport.objects.usable(now).filter(pk=export.pk).update(downloaded_at=now, archive=b"")
        == 1
    )


def file_name(export):
    day = timezone.localdate(export.ready_at or export.created_at)
    return f"landvorteil-daten-{day.isoformat()}.zip"


# --- The archive ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of data: its CSV file's name, what the README says of it, and its columns (in
    their order, separated by spaces)."""

    name: str
    description: str
    column_names: str

    @property
    def columns(self):
        return tuple(self.column_names.split())


KINDS = [
    Kind(
        "account",
        _(
            "Your account: e-mail address, display name, language, roles, dates of sign-up and "
            "last sign-in."
        ),
        (
            "email display_name display_name_changed_at language date_joined last_login is_active "
            "roles staff inactivity_warned_at"
        ),
    ),
    Kind(
        "email_addresses",
        _("Your e-mail addresses, whether each is confirmed and which is the main one."),
        "email primary verified",
    ),
    Kind(
        "profile",
        _("Your profile: the words about yourself, your fields of interest, whether it is public."),
        "about fields_of_interest public_profile",
    ),
    Kind(
        "proposals",
        _("Your proposals as they are now, with their state and the official answer."),
        (
            "id address process title summary text field_of_action municipality latitude "
            "longitude image image_alt state state_label moderation moderation_label "
            "support_count comment_count created_at updated_at qualified_at withdrawn_at answer "
            "answered_at"
        ),
    ),
    Kind(
        "proposal_versions",
        _("What your proposals said before each edit."),
        (
            "proposal_id number title summary text field_of_action municipality latitude "
            "longitude had_image image_alt created_at"
        ),
    ),
    Kind(
        "comments",
        _(
            "Your comments and replies, with the thread they are in (a deleted comment's text is "
            "gone)."
        ),
        (
            "id address thread thread_address reply_to text official moderation moderation_label "
            "helpful_count reply_count created_at edited_at deleted_at"
        ),
    ),
    Kind(
        "helpful_marks",
        _("The comments you marked as helpful."),
        "comment thread created_at",
    ),
    Kind(
        "supports",
        _("The proposals you support."),
        "proposal address created_at",
    ),
    Kind(
        "poll_ballots",
        _("Your answers in polls."),
        "poll address answers own_answer created_at updated_at",
    ),
    Kind(
        "event_registrations",
        _("Your registrations for events and places on waiting lists."),
        "event address status status_label places note for_group created_at",
    ),
    Kind(
        "group_memberships",
        _("The action groups you belong to or asked to join, with your role and your message."),
        "group address role role_label state state_label message reason created_at decided_at",
    ),
    Kind(
        "founded_groups",
        _("The action groups you founded."),
        (
            "id name address purpose fields_of_action municipality joining seeks_members "
            "moderation moderation_label created_at"
        ),
    ),
    Kind(
        "group_updates",
        _("The updates you posted for action groups."),
        "group address title text moderation moderation_label created_at updated_at",
    ),
    Kind(
        "board_entries",
        _("Your needs and offers on the board."),
        (
            "kind kind_label group address category title description field_of_action "
            "municipality moderation moderation_label closed_at created_at"
        ),
    ),
    Kind(
        "relay_messages",
        _("The messages you sent through the contact form (the text itself is not kept)."),
        "to address sender_name sender_email reply_to_shared created_at",
    ),
    Kind(
        "follows",
        _("What you follow."),
        "kind title address automatic created_at",
    ),
    Kind(
        "unfollows",
        _("What you stopped following and that should not be followed again automatically."),
        "kind title address",
    ),
    Kind(
        "notifications",
        _("The notifications you received, when you read them and when they were e-mailed."),
        "reason reason_label about address delivery created_at read_at emailed_at",
    ),
    Kind(
        "notification_settings",
        _("How you chose to receive each kind of notification (others: the default)."),
        "reason reason_label delivery delivery_label",
    ),
    Kind(
        "reports",
        _("The reports you made about contributions."),
        "about title address reason reason_label note created_at reviewed_at",
    ),
    Kind(
        "moderation_decisions",
        _("Moderators' decisions about your contributions."),
        "action action_label item reason reason_label note created_at",
    ),
    Kind(
        "blocks",
        _("Blocks of your account, with the reason you were given."),
        "reason reason_label note contributions_hidden created_at lifted_at",
    ),
    Kind(
        "two_factor_authentication",
        _("Your second factors: their kind and when they were added and last used (no secrets)."),
        "type type_label name created_at last_used_at",
    ),
    Kind(
        "admin_settings",
        _("Your settings in the editorial admin, if you work there."),
        (
            "preferred_language time_zone submitted_notifications approved_notifications "
            "rejected_notifications comment_notifications avatar"
        ),
    ),
    Kind(
        "data_downloads",
        _("Your requests to download your data, this one included."),
        "state state_label requested_at ready_at expires_at downloaded_at",
    ),
]

# Moderators' decisions the person was told about or sees on the site; those that come from
# reports ("hidden automatically after reports", "reports reviewed") would tell about reports.
TOLD_ACTIONS = (
    ModerationLogEntry.Action.HIDE,
    ModerationLogEntry.Action.RESTORE,
    ModerationLogEntry.Action.APPROVE,
)
# The note of a hiding is quoted in the statement of reasons the person received.
NOTE_TOLD = (ModerationLogEntry.Action.HIDE,)

FOLLOW_KINDS = {
    "process": _("Process"),
    "proposal": _("Proposal"),
    "vision": _("Vision"),
    "group": _("Action group"),
    "field": _("Field of action"),
}


def _moment(value):
    if value is None:
        return None
    return timezone.localtime(value).isoformat()


def _plain(value):
    """JSON-ready: moments in the site's time zone, decimals as text."""
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _answer_text(answer):
    return html.unescape(strip_tags(answer or "")).strip()


class _Collector:
    """Reads one person's data, one query per kind (and one per kind of thing it points at),
    however many rows there are."""

    def __init__(self, user):
        self.user = user
        site = Site.objects.filter(is_default_site=True).first()
        self.root = site.root_url if site is not None else ""
        self.types = {
            model: ContentType.objects.get_for_model(model)
            for model in (Proposal, Comment, ActionGroup, BoardEntry)
        }

    # Addresses and titles of what rows point at ---------------------------------------------

    def absolute(self, url):
        if not url:
            return ""
        return self.root + url if url.startswith("/") else url

    def address(self, obj):
        """The absolute address of ``obj`` (empty when it has none, e.g. an unpublished page's
        proposal)."""
        if obj is None:
            return ""
        try:
            return self.absolute(targets.url_of(obj))
        except (AttributeError, TypeError):
            return ""

    def title(self, obj):
        """What a row points at, by its title: a comment by the title of its thread (the
        comment's text may be somebody else's)."""
        if obj is None:
            return ""
        if isinstance(obj, Comment):
            return self.title(getattr(obj, "target", None))
        if isinstance(obj, Block):
            return str(obj.get_reason_display())
        return str(targets.title_of(obj))

    def pair(self, model, pk):
        return (self.types[model].pk, pk) if pk is not None else None

    def resolve(self, pairs):
        """``{(content type id, pk): object}`` of the things the person may see now."""
        self.seen = targets.visible_objects({p for p in pairs if p is not None}, self.user)

    def seen_object(self, pair):
        return self.seen.get(pair) if pair is not None else None

    # Reading -----------------------------------------------------------------------------

    def load(self):
        user = self.user
        self.got = SimpleNamespace()
        self.got.proposals = list(
            Proposal.objects.filter(author=user)
            .select_related("field_of_action")
            .order_by("created_at", "pk")
        )
        targets.load_processes(self.got.proposals)
        self.got.versions = list(
            ProposalVersion.objects.filter(proposal__author=user)
            .select_related("field_of_action")
            .order_by("proposal_id", "number")
        )
        self.got.comments = list(Comment.objects.filter(author=user).order_by("created_at", "pk"))
        self.got.helpful = list(HelpfulMark.objects.filter(user=user).order_by("created_at", "pk"))
        self.got.supports = list(Support.objects.filter(user=user).order_by("created_at", "pk"))
        self.got.ballots = list(
            Ballot.objects.filter(user=user).prefetch_related("choices").order_by("created_at")
        )
        self.got.registrations = list(
            EventRegistration.objects.filter(user=user)
            .select_related("event")
            .order_by("created_at", "pk")
        )
        self.got.memberships = list(
            Membership.objects.filter(user=user).order_by("created_at", "pk")
        )
        self.got.founded = list(
            ActionGroup.objects.filter(author=user)
            .prefetch_related("fields_of_action")
            .order_by("created_at", "pk")
        )
        self.got.updates = list(
            GroupUpdate.objects.filter(author=user).order_by("created_at", "pk")
        )
        self.got.entries = list(
            BoardEntry.objects.filter(author=user)
            .select_related("field_of_action")
            .order_by("created_at", "pk")
        )
        self.got.relayed = list(
            RelayMessage.objects.filter(author=user).order_by("created_at", "pk")
        )
        self.got.follows = list(Follow.objects.filter(user=user).order_by("created_at", "pk"))
        self.got.unfollows = list(Unfollow.objects.filter(user=user).order_by("pk"))
        self.got.notifications = list(
            Notification.objects.filter(recipient=user)
            .select_related("activity")
            .order_by("created_at", "pk")
        )
        self.got.reports = list(Report.objects.filter(reporter=user).order_by("created_at", "pk"))
        pairs = [self.pair(Proposal, s.proposal_id) for s in self.got.supports]
        pairs += [(c.target_type_id, c.target_id) for c in self.got.comments]
        pairs += [self.pair(Comment, m.comment_id) for m in self.got.helpful]
        pairs += [(r.event.content_type_id, r.event_id) for r in self.got.registrations]
        pairs += [self.pair(ActionGroup, r.group_id) for r in self.got.registrations]
        pairs += [self.pair(ActionGroup, m.group_id) for m in self.got.memberships]
        pairs += [self.pair(ActionGroup, u.group_id) for u in self.got.updates]
        pairs += [self.pair(ActionGroup, e.group_id) for e in self.got.entries]
        pairs += [self.pair(ActionGroup, m.group_id) for m in self.got.relayed]
        pairs += [self.pair(BoardEntry, m.entry_id) for m in self.got.relayed]
        pairs += [(f.target_type_id, f.target_id) for f in self.got.follows]
        pairs += [(u.target_type_id, u.target_id) for u in self.got.unfollows]
        pairs += [(n.activity.target_type_id, n.activity.target_id) for n in self.got.notifications]
        pairs += [(r.target_type_id, r.target_id) for r in self.got.reports]
        self.resolve(pairs)

    def kinds(self):
        self.load()
        return {kind.name: getattr(self, kind.name)() for kind in KINDS}

    # One method per kind -----------------------------------------------------------------

    def account(self):
        user = self.user
        return [
            {
                "email": user.email,
                "display_name": user.display_name,
                "display_name_changed_at": user.display_name_changed_at,
                "language": user.language,
                "date_joined": user.date_joined,
                "last_login": user.last_login,
                "is_active": user.is_active,
                "roles": sorted(user.groups.values_list("name", flat=True)),
                "staff": user.is_staff,
                "inactivity_warned_at": user.inactivity_warned_at,
            }
        ]

    def email_addresses(self):
        return [
            {"email": a.email, "primary": a.primary, "verified": a.verified}
            for a in EmailAddress.objects.filter(user=self.user).order_by("-primary", "email")
        ]

    def profile(self):
        return [
            {
                "about": self.user.about,
                "fields_of_interest": sorted(
                    self.user.fields_of_interest.values_list("name", flat=True)
                ),
                "public_profile": self.user.public_profile,
            }
        ]

    def proposals(self):
        rows = []
        for p in self.got.proposals:
            rows.append(
                {
                    "id": p.pk,
                    "address": self.address(p),
                    "process": p.process.title,
                    "title": p.title,
                    "summary": p.summary,
                    "text": p.text,
                    "field_of_action": p.field_of_action.name,
                    "municipality": p.municipality,
                    "latitude": p.latitude,
                    "longitude": p.longitude,
                    "image": self.absolute(p.image.url) if p.image else "",
                    "image_alt": p.image_alt,
                    "state": p.state,
                    "state_label": p.get_state_display(),
                    "moderation": p.moderation,
                    "moderation_label": p.get_moderation_display(),
                    "support_count": p.support_count,
                    "comment_count": p.comment_count,
                    "created_at": p.created_at,
                    "updated_at": p.updated_at,
                    "qualified_at": p.qualified_at,
                    "withdrawn_at": p.withdrawn_at,
                    "answer": _answer_text(p.answer),
                    "answered_at": p.answered_at,
                }
            )
        return rows

    def proposal_versions(self):
        return [
            {
                "proposal_id": v.proposal_id,
                "number": v.number,
                "title": v.title,
                "summary": v.summary,
                "text": v.text,
                "field_of_action": v.field_of_action.name if v.field_of_action else "",
                "municipality": v.municipality,
                "latitude": v.latitude,
                "longitude": v.longitude,
                "had_image": v.had_image,
                "image_alt": v.image_alt,
                "created_at": v.created_at,
            }
            for v in self.got.versions
        ]

    def comments(self):
        rows = []
        for c in self.got.comments:
            thread = self.seen_object((c.target_type_id, c.target_id))
            thread_address = self.address(thread)
            rows.append(
                {
                    "id": c.pk,
                    "address": f"{thread_address}#comment-{c.pk}" if thread_address else "",
                    "thread": self.title(thread),
                    "thread_address": thread_address,
                    # The comment answered, by its address only: its text is its author's.
                    "reply_to": (
                        f"{thread_address}#comment-{c.parent_id}"
                        if c.parent_id and thread_address
                        else ""
                    ),
                    "text": c.text,
                    "official": c.is_official,
                    "moderation": c.moderation,
                    "moderation_label": c.get_moderation_display(),
                    "helpful_count": c.helpful_count,
                    "reply_count": c.reply_count,
                    "created_at": c.created_at,
                    "edited_at": c.edited_at,
                    "deleted_at": c.deleted_at,
                }
            )
        return rows

    def helpful_marks(self):
        rows = []
        for mark in self.got.helpful:
            comment = self.seen_object(self.pair(Comment, mark.comment_id))
            rows.append(
                {
                    "comment": self.address(comment),
                    "thread": self.title(comment),
                    "created_at": mark.created_at,
                }
            )
        return rows

    def supports(self):
        rows = []
        for s in self.got.supports:
            proposal = self.seen_object(self.pair(Proposal, s.proposal_id))
            rows.append(
                {
                    "proposal": self.title(proposal),
                    "address": self.address(proposal),
                    "created_at": s.created_at,
                }
            )
        return rows

    def poll_ballots(self):
        keys = {ballot.poll_key for ballot in self.got.ballots}
        polls = polls_by_key(keys, self.user.language)
        rows = []
        for ballot in self.got.ballots:
            poll = polls.get(ballot.poll_key)
            labels = (
                {choice.translation_key: choice.label for choice in poll.choices.all()}
                if poll is not None
                else {}
            )
            rows.append(
                {
                    "poll": poll.question if poll is not None else "",
                    "address": (
                        self.absolute(reverse("participation:poll", kwargs={"pk": poll.pk}))
                        if poll is not None
                        else ""
                    ),
                    "answers": [
                        labels[c.choice_key] for c in ballot.choices.all() if c.choice_key in labels
                    ],
                    "own_answer": ballot.other_text,
                    "created_at": ballot.created_at,
                    "updated_at": ballot.updated_at,
                }
            )
        return rows

    def event_registrations(self):
        rows = []
        for r in self.got.registrations:
            event = self.seen_object((r.event.content_type_id, r.event_id))
            group = self.seen_object(self.pair(ActionGroup, r.group_id))
            rows.append(
                {
                    "event": self.title(event),
                    "address": self.address(event),
                    "status": r.status,
                    "status_label": r.get_status_display(),
                    "places": r.places,
                    "note": r.note,
                    "for_group": self.title(group),
                    "created_at": r.created_at,
                }
            )
        return rows

    def group_memberships(self):
        rows = []
        for m in self.got.memberships:
            group = self.seen_object(self.pair(ActionGroup, m.group_id))
            rows.append(
                {
                    "group": self.title(group),
                    "address": self.address(group),
                    "role": m.role,
                    "role_label": m.get_role_display(),
                    "state": m.state,
                    "state_label": m.get_state_display(),
                    "message": m.message,
                    # The leads' reason for declining or removing: the person sees it on the
                    # group's page.
                    "reason": m.reason,
                    "created_at": m.created_at,
                    "decided_at": m.decided_at,
                }
            )
        return rows

    def founded_groups(self):
        return [
            {
                "id": g.pk,
                "name": g.name,
                "address": self.absolute(g.get_url()),
                "purpose": g.purpose,
                "fields_of_action": sorted(f.name for f in g.fields_of_action.all()),
                "municipality": g.municipality,
                "joining": g.joining,
                "seeks_members": g.seeks_members,
                "moderation": g.moderation,
                "moderation_label": g.get_moderation_display(),
                "created_at": g.created_at,
            }
            for g in self.got.founded
        ]

    def group_updates(self):
        rows = []
        for u in self.got.updates:
            group = self.seen_object(self.pair(ActionGroup, u.group_id))
            rows.append(
                {
                    "group": self.title(group),
                    "address": self.absolute(u.get_url()) if group is not None else "",
                    "title": u.title,
                    "text": u.text,
                    "moderation": u.moderation,
                    "moderation_label": u.get_moderation_display(),
                    "created_at": u.created_at,
                    "updated_at": u.updated_at,
                }
            )
        return rows

    def board_entries(self):
        rows = []
        for e in self.got.entries:
            group = self.seen_object(self.pair(ActionGroup, e.group_id))
            rows.append(
                {
                    "kind": e.kind,
                    "kind_label": e.get_kind_display(),
                    "group": self.title(group),
                    "address": self.absolute(e.get_url()),
                    "category": e.get_category_display(),
                    "title": e.title,
                    "description": e.description,
                    "field_of_action": e.field_of_action.name if e.field_of_action else "",
                    "municipality": e.municipality,
                    "moderation": e.moderation,
                    "moderation_label": e.get_moderation_display(),
                    "closed_at": e.closed_at,
                    "created_at": e.created_at,
                }
            )
        return rows

    def relay_messages(self):
        rows = []
        for m in self.got.relayed:
            recipient = self.seen_object(self.pair(ActionGroup, m.group_id)) or self.seen_object(
                self.pair(BoardEntry, m.entry_id)
            )
            rows.append(
                {
                    "to": self.title(recipient),
                    "address": self.address(recipient),
                    # What the person gave as their own name and address.
                    "sender_name": m.sender_name,
                    "sender_email": m.sender_email,
                    "reply_to_shared": m.reply_to_shared,
                    "created_at": m.created_at,
                }
            )
        return rows

    def _followed(self, item):
        thing = self.seen_object((item.target_type_id, item.target_id))
        kind = kind_of(thing) if thing is not None else None
        return {
            "kind": str(FOLLOW_KINDS.get(kind, "")),
            "title": self.title(thing),
            "address": self.address(thing),
        }

    def follows(self):
        return [
            {**self._followed(f), "automatic": f.automatic, "created_at": f.created_at}
            for f in self.got.follows
        ]

    def unfollows(self):
        return [self._followed(u) for u in self.got.unfollows]

    def notifications(self):
        rows = []
        for n in self.got.notifications:
            thing = self.seen_object((n.activity.target_type_id, n.activity.target_id))
            rows.append(
                {
                    "reason": n.reason,
                    "reason_label": n.get_reason_display(),
                    # Not the activity's stored title: for a reply it quotes somebody's text.
                    "about": self.title(thing),
                    "address": self.address(thing),
                    "delivery": n.get_delivery_display(),
                    "created_at": n.created_at,
                    "read_at": n.read_at,
                    "emailed_at": n.emailed_at,
                }
            )
        return rows

    def notification_settings(self):
        return [
            {
                "reason": p.reason,
                "reason_label": p.get_reason_display(),
                "delivery": p.delivery,
                "delivery_label": p.get_delivery_display(),
            }
            for p in NotificationPreference.objects.filter(user=self.user).order_by("reason")
        ]

    def reports(self):
        rows = []
        for r in self.got.reports:
            thing = self.seen_object((r.target_type_id, r.target_id))
            model = ContentType.objects.get_for_id(r.target_type_id).model_class()
            rows.append(
                {
                    "about": str(model._meta.verbose_name) if model is not None else "",
                    "title": self.title(thing),
                    "address": self.address(thing),
                    "reason": r.reason,
                    "reason_label": r.get_reason_display(),
                    "note": r.note,
                    "created_at": r.created_at,
                    "reviewed_at": r.reviewed_at,
                }
            )
        return rows

    def moderation_decisions(self):
        return [
            {
                "action": e.action,
                "action_label": e.get_action_display(),
                "item": e.target_label,
                "reason": e.reason,
                "reason_label": e.get_reason_display(),
                "note": e.note if e.action in NOTE_TOLD else "",
                "created_at": e.created_at,
            }
            for e in ModerationLogEntry.objects.filter(
                author=self.user, action__in=TOLD_ACTIONS
            ).order_by("created_at", "pk")
        ]

    def blocks(self):
        return [
            {
                "reason": b.reason,
                "reason_label": b.get_reason_display(),
                "note": b.note,
                "contributions_hidden": b.hid_contributions,
                "created_at": b.created_at,
                "lifted_at": b.lifted_at,
            }
            for b in Block.objects.filter(user=self.user).order_by("created_at", "pk")
        ]

    def two_factor_authentication(self):
        rows = []
        for a in Authenticator.objects.filter(user=self.user).order_by("created_at", "pk"):
            name = ""
            if a.type == Authenticator.Type.WEBAUTHN and isinstance(a.data, dict):
                # The name the person gave their passkey; the rest of ``data`` is key material.
                name = str(a.data.get("name") or "")
            rows.append(
                {
                    "type": a.type,
                    "type_label": a.get_type_display(),
                    "name": name,
                    "created_at": a.created_at,
                    "last_used_at": a.last_used_at,
                }
            )
        return rows

    def admin_settings(self):
        return [
            {
                "preferred_language": p.preferred_language,
                "time_zone": p.current_time_zone,
                "submitted_notifications": p.submitted_notifications,
                "approved_notifications": p.approved_notifications,
                "rejected_notifications": p.rejected_notifications,
                "comment_notifications": p.updated_comments_notifications,
                "avatar": bool(p.avatar),
            }
            for p in UserProfile.objects.filter(user=self.user)
        ]

    def data_downloads(self):
        return [
            {
                "state": e.state,
                "state_label": e.get_state_display(),
                "requested_at": e.created_at,
                "ready_at": e.ready_at,
                "expires_at": e.expires_at,
                "downloaded_at": e.downloaded_at,
            }
            for e in DataExport.objects.filter(user=self.user)
            .defer("archive", "token_hash")
            .order_by("created_at", "pk")
        ]


def collect(user):
    """``{kind: [row, …]}`` of everything stored about ``user`` (see :data:`KINDS`), in their
    language."""
    with translation.override(user.language):
        return _Collector(user).kinds()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A CSV cell: lists joined, and text that a spreadsheet would run as a formula (a title
    somebody chose may start with "=") quoted with a leading apostrophe."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = " | ".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(kind, rows):
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=kind.columns, extrasaction="raise", lineterminator="\r\n"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(value) for name, value in row.items()})
    # With a byte order mark: spreadsheet programs then read the umlauts right.
    return "\ufeff" + out.getvalue()


def build_archive(user, now=None):
    """The ZIP of everything stored about ``user``, as bytes."""
    now = now or timezone.now()
    data = collect(user)
    for kind in KINDS:
        for row in data[kind.name]:
            if set(row) != set(kind.columns):
                raise ValueError(f"Columns of {kind.name} differ from its declaration")
    document = {
        "generated_at": _moment(now),
        "language": user.language,
        **{
            name: [{k: _plain(v) for k, v in row.items()} for row in rows]
            for name, rows in data.items()
        },
    }
    with translation.override(user.language):
        readme = render_to_string(
            "participation/area/export_readme.txt",
            {
                "generated_at": timezone.localtime(now),
                "kinds": [
                    {
                        "file": f"csv/{kind.name}.csv",
                        "description": kind.description,
                        "count": len(data[kind.name]),
                    }
                    for kind in KINDS
                ],
            },
        )
    buffer = io.BytesIO()
    stamp = timezone.localtime(now).timetuple()[:6]
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name, text):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))

        add("README.txt", readme)
        add("data.json", json.dumps(document, ensure_ascii=False, indent=2))
        for kind in KINDS:
            add(f"csv/{kind.name}.csv", _csv(kind, data[kind.name]))
    return buffer.getvalue()
