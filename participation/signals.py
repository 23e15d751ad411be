"""Keep the counters on proposals in step with the rows they count.

A support can disappear without the services: an account is deleted (its supports go with it),
an editor deletes a support in the admin. The receiver takes it off the proposal's count in every
case, so :func:`participation.services.withdraw_support` relies on it instead of counting itself.
"""

from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Proposal, Support


@receiver(post_delete, sender=Support, dispatch_uid="participation.support_deleted")
def support_deleted(sender, instance, **kwargs):
    Proposal.objects.filter(pk=instance.proposal_id, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )
