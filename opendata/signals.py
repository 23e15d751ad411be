"""What makes the open data files out of date (:func:`opendata.generation.mark_changed`).

Contributions mark their own datasets; a page published, unpublished, moved, deleted or
restricted may change what every dataset holds (the host pages decide visibility), so it marks
them all. What happens without a signal (bulk updates) is in the next nightly run.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.taxonomy import FieldOfAction
from participation.models import (
    ActionGroup,
    Ballot,
    Comment,
    EventRegistration,
    Membership,
    Poll,
    PollChoice,
    Proposal,
    Support,
)

from .generation import mark_changed
from .models import OpenDataSettings

DATASETS_OF = {
    Proposal: ["proposals", "action-groups"],
    Support: ["proposals"],
    Comment: ["proposals"],
    Poll: ["polls"],
    PollChoice: ["polls"],
    Ballot: ["polls"],
    ActionGroup: ["action-groups"],
    Membership: ["action-groups"],
    EventRegistration: ["events"],
}


def contribution_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    mark_changed(DATASETS_OF[sender])


def everything_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    mark_changed()


for model in DATASETS_OF:
    for signal in (post_save, post_delete):
        signal.connect(
            contribution_changed, sender=model, dispatch_uid=f"opendata.{model.__name__}"
        )

# The licence is in every JSON and GeoJSON file.
for model in (PageViewRestriction, FieldOfAction, OpenDataSettings):
    for signal in (post_save, post_delete):
        signal.connect(everything_changed, sender=model, dispatch_uid=f"opendata.{model.__name__}")


@receiver(page_published, dispatch_uid="opendata.page_published")
@receiver(page_unpublished, dispatch_uid="opendata.page_unpublished")
@receiver(post_page_move, dispatch_uid="opendata.page_moved")
def page_changed(sender, **kwargs):
    mark_changed()


@receiver(post_delete, dispatch_uid="opendata.page_deleted")
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        mark_changed()
