"""Who may join an action group, ask to join, answer requests, leave, remove members, give and
take the lead role, and keep the group's undertakings (Vorhaben) and progress updates.

Every action starts with :func:`person_obstacle` (joining needs a resident with a confirmed
address). A group that is not published (waiting for moderation, or hidden) takes no new members
and only its leads act on it. A group always keeps at least one lead. Moderators and editors
take part like every resident; they act on groups in the admin.

The person's membership and the group's number of leads are read once per group object
(:func:`membership_of`, :func:`lead_count`), so a page that asks several rules queries once.
The services load the group again under its lock, so they always decide on fresh rows.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import ActionGroup, Membership, Proposal
from .base import Refusal, person_obstacle

GROUP_SIGN_IN = _("Please sign in to take part in action groups.")
GROUP_NOT_OPEN = _("This group is not public at the moment, so only its leads can act on it.")
ALREADY_MEMBER = _("You are already a member of this group.")
REQUEST_WAITING = _("Your request to join this group is waiting for the leads' answer.")
BY_REQUEST = _(
    "This group accepts new members by request. Please send the leads a request to join."
)
WAS_REMOVED = _("The leads removed you from this group, so you cannot join it again.")
WAS_DECLINED = _("The leads declined your request to join this group.")
NOT_A_LEAD = _("Only the group's leads can do this.")
NOT_A_MEMBER = _("You are not a member of this group.")
NOT_A_REQUEST = _("This request has already been answered or withdrawn.")
NOT_ACTIVE = _("This person is not an active member of this group.")
LAST_LEAD = _("You are the group's last lead. Make another member a lead first.")
LAST_LEAD_OTHER = _("This is the group's last lead. Make another member a lead first.")
LEAD_NOT_REMOVED = _(
    "Leads cannot be removed from the group. Take the lead role away from them first."
)
REMOVE_SELF = _("You cannot remove yourself. Leave the group instead.")
ALREADY_LEAD = _("This member is already a lead.")
NOT_LEAD = _("This member is not a lead.")
FOREIGN_UNDERTAKING = _("This undertaking belongs to another group.")
NOT_A_VISION = _("Please choose a published vision.")

# The codes of the refusals above, for programs and the rule matrices.
GROUP_NOT_OPEN_CODE = "group_not_open"


def _refusal(code, message):
    return Refusal(code, message)


def membership_of(user, group):
    """``user``'s membership in ``group`` (any state), or ``None``; one query per group object
    and person."""
    if user is None or not user.is_authenticated:
        return None
    cache = group.__dict__.setdefault("_membership_of", {})
    if user.pk not in cache:
        cache[user.pk] = Membership.objects.filter(group_id=group.pk, user_id=user.pk).first()
    return cache[user.pk]


def remember_membership(group, user, membership):
    """Tell :func:`membership_of` what a page already loaded (no query then)."""
    if user is not None and user.is_authenticated:
        group.__dict__.setdefault("_membership_of", {})[user.pk] = membership


def lead_count(group):
    """How many people lead ``group`` (placeholder leads set by the platform not counted);
    one query per group object."""
    if "_lead_count" not in group.__dict__:
        group.__dict__["_lead_count"] = Membership.objects.filter(
            group_id=group.pk,
            state=Membership.State.ACTIVE,
            role=Membership.Role.LEAD,
            placeholder=False,
        ).count()
    return group.__dict__["_lead_count"]


def remember_lead_count(group, count):
    group.__dict__["_lead_count"] = count


def is_member(user, group):
    """Whether ``user`` is an active member or lead of ``group``."""
    membership = membership_of(user, group)
    return membership is not None and membership.is_active


def is_lead(user, group):
    """Whether ``user`` is an active lead of ``group``."""
    membership = membership_of(user, group)
    return membership is not None and membership.is_lead


def led_group_ids(user):
    """The ids of the groups ``user`` leads, in one query (for lists of groups)."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        Membership.objects.filter(
            user_id=user.pk, state=Membership.State.ACTIVE, role=Membership.Role.LEAD
        ).values_list("group_id", flat=True)
    )


def lead_counts(group_ids):
    """{group id: number of leads} for several groups in one query."""
    rows = (
        Membership.objects.filter(
            group_id__in=group_ids,
            state=Membership.State.ACTIVE,
            role=Membership.Role.LEAD,
            placeholder=False,
        )
        .values("group_id")
        .annotate(leads=Count("pk"))
    )
    counts = dict.fromkeys(group_ids, 0)
    counts.update({row["group_id"]: row["leads"] for row in rows})
    return counts


def vision_pages():
    """The live vision pages an undertaking may be tied to.

    Participation does not import the page apps: the vision page type is the model whose pages
    point at the proposal they were made from (``Proposal.visions``).
    """
    model = Proposal._meta.get_field("visions").related_model
    return model.objects.live()


def _person(user, *, verified=True):
    return person_obstacle(user, sign_in=GROUP_SIGN_IN, verified=verified)


def _open_obstacle(group):
    """Groups waiting for moderation or hidden take no part in anything but their leads' work."""
    if group.moderation != ActionGroup.Moderation.PUBLISHED:
        return _refusal(GROUP_NOT_OPEN_CODE, GROUP_NOT_OPEN)
    return None


def _standing_obstacle(membership):
    """Why somebody with ``membership`` cannot join or ask again, or ``None``."""
    if membership is None:
        return None
    if membership.is_active:
        return _refusal("already_member", ALREADY_MEMBER)
    if membership.state == Membership.State.REQUESTED:
        return _refusal("request_waiting", REQUEST_WAITING)
    if membership.state == Membership.State.REMOVED:
        return _refusal("removed", WAS_REMOVED)
    return _refusal("declined", WAS_DECLINED)


def join_obstacle(user, group):
    """Why ``user`` may not join ``group`` with one click, or ``None``. Groups that accept
    members by request send people to the request form."""
    obstacle = _person(user) or _open_obstacle(group)
    obstacle = obstacle or _standing_obstacle(membership_of(user, group))
    if obstacle is None and group.joining == ActionGroup.Joining.REQUEST:
        return _refusal("by_request", BY_REQUEST)
    return obstacle


def request_obstacle(user, group):
    """Why ``user`` may not ask to join ``group``, or ``None``. Asking to join an open group
    joins it (the service decides that)."""
    return _person(user) or _open_obstacle(group) or _standing_obstacle(membership_of(user, group))


def lead_obstacle(user, group):
    """Why ``user`` may not act as a lead of ``group`` (manage members, keep undertakings and
    updates), or ``None``. Leads act also while the group waits for moderation or is hidden."""
    obstacle = _person(user)
    if obstacle is None and not is_lead(user, group):
        return _refusal("not_a_lead", NOT_A_LEAD)
    return obstacle


def _target_obstacle(group, membership):
    if membership is None or membership.group_id != group.pk:
        return _refusal("not_a_member", NOT_ACTIVE)
    return None


def decide_obstacle(user, group, membership):
    """Why ``user`` may not accept or decline ``membership`` (a request to join ``group``)."""
    obstacle = lead_obstacle(user, group)
    if obstacle is None and (
        membership is None
        or membership.group_id != group.pk
        or membership.state != Membership.State.REQUESTED
    ):
        return _refusal("not_a_request", NOT_A_REQUEST)
    return obstacle


accept_obstacle = decide_obstacle
decline_obstacle = decide_obstacle


def leave_obstacle(user, group):
    """Why ``user`` may not leave ``group`` (or withdraw their request), or ``None``. The last
    lead stays until they made another member a lead."""
    obstacle = _person(user, verified=False)
    if obstacle:
        return obstacle
    membership = membership_of(user, group)
    if membership is None or membership.state not in (
        Membership.State.ACTIVE,
        Membership.State.REQUESTED,
    ):
        return _refusal("not_a_member", NOT_A_MEMBER)
    if membership.is_lead and lead_count(group) <= 1:
        return _refusal("last_lead", LAST_LEAD)
    return None


def remove_obstacle(user, group, membership):
    """Why ``user`` may not remove ``membership``'s person from ``group``, or ``None``. Leads
    remove members; a lead loses the lead role first, and nobody removes themselves."""
    obstacle = lead_obstacle(user, group) or _target_obstacle(group, membership)
    if obstacle:
        return obstacle
    if membership.user_id == user.pk:
        if lead_count(group) <= 1:
            return _refusal("last_lead", LAST_LEAD)
        return _refusal("remove_self", REMOVE_SELF)
    if not membership.is_active:
        return _refusal("not_a_member", NOT_ACTIVE)
    if membership.is_lead:
        return _refusal("lead_not_removed", LEAD_NOT_REMOVED)
    return None


def make_lead_obstacle(user, group, membership):
    """Why ``user`` may not make ``membership``'s person a lead of ``group``, or ``None``."""
    obstacle = lead_obstacle(user, group) or _target_obstacle(group, membership)
    if obstacle:
        return obstacle
    if not membership.is_active:
        return _refusal("not_a_member", NOT_ACTIVE)
    if membership.is_lead:
        return _refusal("already_lead", ALREADY_LEAD)
    return None


def drop_lead_obstacle(user, group, membership):
    """Why ``user`` may not take the lead role from ``membership``'s person (themselves
    included), or ``None``. At least one lead always remains."""
    obstacle = lead_obstacle(user, group) or _target_obstacle(group, membership)
    if obstacle:
        return obstacle
    if not membership.is_lead:
        return _refusal("not_lead", NOT_LEAD)
    if lead_count(group) <= 1:
        message = LAST_LEAD if membership.user_id == user.pk else LAST_LEAD_OTHER
        return _refusal("last_lead", message)
    return None


def undertaking_obstacle(user, group, undertaking=None):
    """Why ``user`` may not create (``undertaking`` None) or edit an undertaking of ``group``."""
    obstacle = lead_obstacle(user, group)
    if obstacle is None and undertaking is not None and undertaking.group_id != group.pk:
        return _refusal("foreign_undertaking", FOREIGN_UNDERTAKING)
    return obstacle


def post_update_obstacle(user, group, update=None):
    """Why ``user`` may not post (``update`` None) or edit a progress update of ``group``."""
    obstacle = lead_obstacle(user, group)
    if obstacle is None and update is not None and update.group_id != group.pk:
        return _refusal("foreign_update", NOT_A_LEAD)
    return obstacle


def manage_obstacle(user, group):
    """Why ``user`` may not open the members' page of ``group`` (leads only), or ``None``."""
    return lead_obstacle(user, group)


def group_is_open_to(user, group):
    """Whether ``user`` may see ``group`` at all: published groups for everybody; groups that
    wait for moderation or are hidden for their founder and leads only."""
    if group.moderation == ActionGroup.Moderation.PUBLISHED:
        return True
    if user is None or not user.is_authenticated:
        return False
    return group.author_id == user.pk or is_lead(user, group)
