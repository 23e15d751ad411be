"""What a person may follow, whether they follow it, and the follow button they see.

Following needs an account only (no confirmed address): it writes nothing anybody else reads.
What one follows must be visible to them: live public pages (processes, visions), the
contributions :meth:`visible_to` shows them (proposals, action groups), fields of action.

The follows themselves are written by :mod:`participation.notifications.events`
(``follow``/``unfollow``); :func:`set_following` calls them.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from cms.taxonomy import FieldOfAction

from ..models import ActionGroup, Follow, Proposal
from ..notifications.targets import title_of

FOLLOW_KINDS = ("process", "proposal", "vision", "group", "field")

FOLLOWING = _("You now follow “%(title)s”.")
NOT_FOLLOWING = _("You no longer follow “%(title)s”.")


def kind_of(target):
    """The follow kind of ``target`` ("process", "proposal" …), or ``None``."""
    if isinstance(target, Proposal):
        return "proposal"
    if isinstance(target, ActionGroup):
        return "group"
    if isinstance(target, FieldOfAction):
        return "field"
    if isinstance(target, Page):
        # Host pages say what they are (``ProcessHostMixin``, the vision page).
        return getattr(target, "follow_kind", None)
    return None


def followable(user, kind, pk):
    """The thing of ``kind`` with ``pk`` that ``user`` may follow, or ``None``."""
    if kind == "proposal":
        return Proposal.objects.visible_to(user).select_related("process").filter(pk=pk).first()
    if kind == "group":
        return ActionGroup.objects.visible_to(user).filter(pk=pk).first()
    if kind == "field":
        return FieldOfAction.objects.filter(pk=pk).first()
    if kind in ("process", "vision"):
        page = Page.objects.live().public().filter(pk=pk).first()
        page = page.specific if page is not None else None
        if page is not None and kind_of(page) == kind:
            return page
    return None


def is_following(user, target):
    """Whether ``user`` follows ``target``; one query (none for anonymous people)."""
    from ..notifications import events

    return target is not None and events.follows(user, target)


def set_following(user, target, follow):
    """Start (``follow``) or stop following ``target``."""
    from ..notifications import events

    if follow:
        events.follow(user, target)
    else:
        events.unfollow(user, target)


@dataclass(frozen=True)
class FollowButton:
    """The follow button of one thing for one person: where it posts and what it says."""

    kind: str
    pk: int
    title: str
    following: bool
    signed_in: bool

    @property
    def url(self):
        return reverse("participation:follow", kwargs={"kind": self.kind, "pk": self.pk})


def follow_button(request, target, *, following=None):
    """The :class:`FollowButton` of ``target`` for the person of ``request`` (``None`` when it
    cannot be followed). ``following`` may be given when it is already known."""
    kind = kind_of(target)
    if kind is None or target is None:
        return None
    user = request.user
    if following is None:
        following = is_following(user, target)
    return FollowButton(kind, target.pk, title_of(target), following, user.is_authenticated)


def followed_ids(user, model):
    """The pks of the ``model`` things (a model class) ``user`` follows, in one query."""
    if not user.is_authenticated:
        return set()
    return set(
        Follow.objects.filter(
            user=user, target_type=ContentType.objects.get_for_model(model)
        ).values_list("target_id", flat=True)
    )
