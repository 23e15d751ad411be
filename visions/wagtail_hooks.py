"""Admin for visions: turning an accepted proposal into a draft vision page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.widgets import Button

from participation.admin.proposals import PROPOSAL_LISTING_BUTTONS_HOOK

from . import services, views


@hooks.register("register_admin_urls")
def register_vision_admin_urls():
    return [
        path(
            "visions/from-proposal/<int:pk>/",
            views.create_vision,
            name="visions_create_from_proposal",
        )
    ]


@hooks.register(PROPOSAL_LISTING_BUTTONS_HOOK)
def create_vision_button(proposal, user, next_url=None):
    if proposal.state not in services.ADOPTABLE_STATES:
        return
    index = services.vision_index_for(proposal)
    if not services.may_add_vision(user, index) or proposal.visions.exists():
        return
    yield Button(
        _("Turn into a vision"),
        url=reverse("visions_create_from_proposal", args=[proposal.pk]),
        icon_name="pick",
        priority=50,
    )
