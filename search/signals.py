"""Publishing, unpublishing, moderating, editing and deleting keep the index current.

Moderation, blocking and the admin all save contributions through the model (the services use
``save(update_fields=…)``), so ``post_save`` sees every change of their state. A deleted page
takes its rows (and those of what it hosts) along through the foreign key.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from participation.models import Comment, Proposal

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
