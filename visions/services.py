"""Turning an accepted proposal into a draft vision: who may, and the draft itself, in one
transaction that locks the proposal."""

from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.coreutils import find_available_slug

from participation.models import Proposal
from participation.rules import Refusal

from .models import VisionIndexPage, VisionPage

ADOPTABLE_STATES = {Proposal.State.ACCEPTED, Proposal.State.IMPLEMENTED}


def vision_index_for(proposal):
    """The vision index in the language of the proposal's process, or ``None``."""
    return VisionIndexPage.objects.filter(locale_id=proposal.process.locale_id).first()


def may_add_vision(user, index):
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def adoption_obstacle(user, proposal, index):
    """Why ``user`` may not turn ``proposal`` into a vision now (a refusal in the rules' one
    dialect), or ``None``."""
    if proposal.state not in ADOPTABLE_STATES:
        return Refusal("not_accepted", _("Only accepted proposals can become a vision."))
    if proposal.visions.exists():
        return Refusal("already_a_vision", _("This proposal has already become a vision."))
    if index is None:
        return Refusal(
            "no_vision_index",
            _("There is no vision index page in the language of this process yet."),
        )
    if not may_add_vision(user, index):
        return Refusal("may_not_add_vision", _("You may not create vision pages."))
    return None


def paragraphs_html(text):
    """The resident's plain text as rich-text paragraphs, escaped."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks
        if block
    )


def draft_vision(proposal, index, user):
    """Create the draft vision below ``index`` from ``proposal``; returns the page."""
    field = proposal.field_of_action
    field = field.get_translation_or_none(index.locale) or field
    vision = VisionPage(
        title=proposal.title,
        slug=find_available_slug(index, slugify(proposal.title) or "zielbild"),
        locale=index.locale,
        intro=proposal.summary[:600],
        body=[("paragraph", paragraphs_html(proposal.text))] if proposal.text.strip() else [],
        origin=proposal,
        live=False,
        owner=user,
    )
    vision.fields_of_action.set([field])
    index.add_child(instance=vision)
    vision.save_revision(user=user, log_action=True)
    return vision


def adopt_proposal(user, pk):
    """``user`` turns proposal ``pk`` into a draft vision. Returns ``(vision, None)``, or
    ``(None, why not)``."""
    with transaction.atomic():
        # Locked, so that a double click cannot create two visions.
        proposal = Proposal.objects.select_for_update().select_related("process").get(pk=pk)
        index = vision_index_for(proposal)
        problem = adoption_obstacle(user, proposal, index)
        if problem is not None:
            return None, problem
        return draft_vision(proposal, index, user), None
