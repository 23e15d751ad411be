"""Who may post on the board of needs and offers, change or close an entry, and write to a
group's leads or an entry's author through the contact relay.

Needs belong to a group: its leads add, change and close them. Offers come from any verified
resident (optionally on behalf of a group they lead); their author and, for a group's offer,
its leads change and withdraw them. The relay takes messages from visitors (with a name and an
address) and residents, within limits counted from the relay's own records in the database,
so that they hold when the cache is down.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Block, Membership, RelayMessage
from .base import BLOCKED, BLOCKED_CODE, Refusal, person_obstacle

BOARD_SIGN_IN = _("Please sign in to post on the board.")
RELAY_SIGN_IN = _("Please sign in to write to the group.")
BOARD_NOT_GROUP_LEAD = _("Only the leads of the group can do this.")
NOT_ENTRY_AUTHOR = _("Only the author of this entry or the leads of its group can change it.")
ENTRY_CLOSED = _("This entry is closed: the need was met or the offer withdrawn.")
ENTRY_HIDDEN = _("This entry was hidden by the moderation.")
BOARD_GROUP_HIDDEN = _("This group was hidden by the moderation.")
RELAY_UNKNOWN = _("There is nobody to write to at this address. Please choose a group or an entry.")
RELAY_GROUP_GONE = _("This group cannot be written to: it is not published.")
RELAY_ENTRY_GONE = _("This entry cannot be answered: it is closed or not published.")
RELAY_NOBODY = _("Nobody can be reached there at the moment. Please try again later.")
RELAY_SELF = _("You cannot write to yourself.")
RELAY_TOO_MANY = _(
    "You have sent many messages in a short time. Please wait before you write again "
    "(at most %(hour)s messages an hour and %(day)s a day)."
)

# How many messages one person, or one email address, may send through the relay.
DEFAULT_RELAY_LIMITS = {"hour": 5, "day": 20}


def relay_limits():
    return {**DEFAULT_RELAY_LIMITS, **getattr(settings, "PARTICIPATION_RELAY_LIMITS", {})}


# --- Leads ---------------------------------------------------------------------------------------


def lead_group_ids(user):
    """The ids of the groups ``user`` leads (one query, remembered on the user object: a page
    asks for every entry it shows)."""
    if user is None or not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_participation_lead_groups"):
        user._participation_lead_groups = frozenset(
            Membership.objects.filter(
                user=user, role=Membership.Role.LEAD, state=Membership.State.ACTIVE
            ).values_list("group_id", flat=True)
        )
    return user._participation_lead_groups


def is_group_lead(user, group_id):
    return group_id is not None and group_id in lead_group_ids(user)


# --- Board entries -------------------------------------------------------------------------------


def need_obstacle(user, group):
    """Why ``user`` may not add a need for ``group``, or ``None``: the group's leads may, while
    the group is not hidden."""
    obstacle = person_obstacle(user, sign_in=BOARD_SIGN_IN)
    if obstacle:
        return obstacle
    if group.is_hidden:
        return Refusal("group_hidden", BOARD_GROUP_HIDDEN)
    if not is_group_lead(user, group.pk):
        return Refusal("not_lead", BOARD_NOT_GROUP_LEAD)
    return None


def offer_obstacle(user, group=None):
    """Why ``user`` may not offer something (on behalf of ``group``, if given), or ``None``."""
    obstacle = person_obstacle(user, sign_in=BOARD_SIGN_IN)
    if obstacle:
        return obstacle
    if group is not None:
        return need_obstacle(user, group)
    return None


def _entry_state_obstacle(user, entry):
    """What :func:`entry_obstacle` decides without a query, once the person may act."""
    if entry.is_hidden:
        return Refusal("hidden", ENTRY_HIDDEN)
    if entry.is_closed:
        return Refusal("closed", ENTRY_CLOSED)
    own = entry.author_id is not None and entry.author_id == user.pk
    if not own and not is_group_lead(user, entry.group_id):
        return Refusal("not_author", NOT_ENTRY_AUTHOR)
    return None


def entry_obstacle(user, entry):
    """Why ``user`` may not change or close (mark as met, withdraw) ``entry``, or ``None``:
    its author and the leads of its group may, while it is open and not hidden."""
    return person_obstacle(user, sign_in=BOARD_SIGN_IN) or _entry_state_obstacle(user, entry)


def may_change_entry(user, entry):
    """Whether the board offers ``user`` to change and close ``entry``; after the one query of
    :func:`lead_group_ids`, no query per entry."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return _entry_state_obstacle(user, entry) is None


# --- The contact relay ---------------------------------------------------------------------------


def relay_recipients(group=None, entry=None):
    """The people a relayed message reaches: the active leads of ``group`` (or of the group
    whose need ``entry`` is), or the author of the offer ``entry``. Placeholder leads, blocked
    people and people without an address are left out."""
    if entry is not None:
        if entry.is_need:
            group = entry.group
        else:
            author = entry.author
            usable = author is not None and author.is_active and author.email
            return [author] if usable else []
    if group is None:
        return []
    memberships = Membership.objects.filter(
        group=group,
        role=Membership.Role.LEAD,
        state=Membership.State.ACTIVE,
        placeholder=False,
        user__is_active=True,
    ).exclude(user__email="")
    return [membership.user for membership in memberships.select_related("user")]


def _sender_obstacle(user, sender_email):
    """Signed in: a verified resident who is not blocked. A visitor: an address that is not a
    blocked person's."""
    if user is not None and user.is_authenticated:
        return person_obstacle(user, sign_in=RELAY_SIGN_IN)
    if (
        sender_email
        and Block.objects.filter(user__email__iexact=sender_email, lifted_at=None).exists()
    ):
        return Refusal(BLOCKED_CODE, BLOCKED)
    return None


def _target_obstacle(group, entry):
    if group is None and entry is None:
        return Refusal("unknown", RELAY_UNKNOWN)
    if entry is not None:
        if not entry.is_published or entry.is_closed:
            return Refusal("entry_gone", RELAY_ENTRY_GONE)
        if entry.is_need and not entry.group.is_published:
            return Refusal("group_gone", RELAY_GROUP_GONE)
        return None
    if not group.is_published:
        return Refusal("group_gone", RELAY_GROUP_GONE)
    return None


def sender_address(user, sender_email=""):
    """The address a message comes from: the account's for a signed-in person."""
    if user is not None and user.is_authenticated:
        return user.email
    return sender_email


def relay_count_obstacle(user, sender_email="", now=None):
    """Why the sender may not send one more message now, or ``None``: counted in the
    database, per person and per address."""
    now = now or timezone.now()
    limits = relay_limits()
    address = sender_address(user, sender_email)
    sender = Q(sender_email__iexact=address) if address else Q(pk__in=[])
    if user is not None and user.is_authenticated:
        sender |= Q(author=user)
    hour_ago = now - timedelta(hours=1)
    counts = RelayMessage.objects.filter(sender, created_at__gt=now - timedelta(days=1)).aggregate(
        day=Count("pk"), hour=Count("pk", filter=Q(created_at__gt=hour_ago))
    )
    if counts["hour"] >= limits["hour"] or counts["day"] >= limits["day"]:
        return Refusal("too_many", RELAY_TOO_MANY, hour=limits["hour"], day=limits["day"])
    return None


def relay_obstacle(user, *, group=None, entry=None, sender_email="", recipients=None, now=None):
    """Why the sender (``user``, or a visitor with ``sender_email``) may not write to the leads
    of ``group`` or about ``entry``, or ``None``. Neither given: the address named nobody (a
    forged or removed recipient). ``recipients``: from :func:`relay_recipients`, if known."""
    obstacle = _sender_obstacle(user, sender_email) or _target_obstacle(group, entry)
    if obstacle:
        return obstacle
    if recipients is None:
        recipients = relay_recipients(group, entry)
    if not recipients:
        return Refusal("nobody", RELAY_NOBODY)
    address = sender_address(user, sender_email).lower()
    for recipient in recipients:
        if (user is not None and recipient.pk == user.pk) or (
            address and recipient.email.lower() == address
        ):
            return Refusal("self", RELAY_SELF)
    return relay_count_obstacle(user, sender_email, now)
