"""Publishing, unpublishing, moderating, editing and deleting keep the index current.

Moderation, blocking and the admin all save contributions through the model (the services use
``save(update_fields=…)``), so ``post_save`` sees every change of their state. A deleted page
takes its rows (and those of what it hosts) along through the foreign key.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from participation.models import ActionGroup, Comment, Proposal, Undertaking

from . import documents


@receiver(page_published, dispatch_uid="search.page_published")
def page_published_handler(sender, instance, **kwargs):
    documents.index_page(instance)


@receiver(post_save, dispatch_uid="search.alias_created")
def alias_created(sender, instance, created=False, raw=False, **kwargs):
    """An alias (also one wagtail-localize's tree sync makes) is live from the start without
    being published; later changes reach it as publications of its original."""
    if (
        created
        and not raw
        and isinstance(instance, Page)
        and instance.alias_of_id
        and instance.live
    ):
        documents.index_page(instance)


@receiver(page_unpublished, dispatch_uid="search.page_unpublished")
def page_unpublished_handler(sender, instance, **kwargs):
    documents.remove_page(instance)


@receiver(post_save, sender=Proposal, dispatch_uid="search.proposal_saved")
def proposal_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.index_proposal(instance)


@receiver(post_delete, sender=Proposal, dispatch_uid="search.proposal_deleted")
def proposal_deleted(sender, instance, **kwargs):
    documents.remove_proposal(instance)


@receiver(post_save, sender=Comment, dispatch_uid="search.comment_saved")
def comment_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.index_comment(instance)


@receiver(post_delete, sender=Comment, dispatch_uid="search.comment_deleted")
def comment_deleted(sender, instance, **kwargs):
    documents.remove_comment(instance)


# What a group's row does not show: its counters and the home page's choice.
UNSEARCHED_GROUP_FIELDS = {"member_count", "comment_count", "featured", "updated_at"}


@receiver(post_save, sender=ActionGroup, dispatch_uid="search.group_saved")
def group_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= UNSEARCHED_GROUP_FIELDS):
        return
    documents.index_group(instance)


@receiver(
    m2m_changed, sender=ActionGroup.fields_of_action.through, dispatch_uid="search.group_fields"
)
def group_fields_changed(sender, instance, action, reverse=False, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, ActionGroup):
        documents.index_group(instance)


@receiver(post_delete, sender=ActionGroup, dispatch_uid="search.group_deleted")
def group_deleted(sender, instance, **kwargs):
    documents.remove_group(instance)


@receiver(post_save, sender=Undertaking, dispatch_uid="search.undertaking_saved")
def undertaking_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        documents.index_undertaking(instance)


@receiver(post_delete, sender=Undertaking, dispatch_uid="search.undertaking_deleted")
def undertaking_deleted(sender, instance, **kwargs):
    documents.remove_undertaking(instance)
