"""Keep the counters on proposals and action groups in step with the rows they count; and an
account signed in to again is in use (its warning of disuse is void).

A support or a membership can disappear without the services: an account is deleted (its
supports and memberships go with it), an editor deletes a row in the admin. The receivers take
it off the count in every case, so :func:`participation.services.withdraw_support` and
:func:`participation.services.leave_group` rely on them instead of counting themselves.
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ActionGroup, Membership, Proposal, Support


@receiver(post_delete, sender=Support, dispatch_uid="participation.support_deleted")
def support_deleted(sender, instance, **kwargs):
    Proposal.objects.filter(pk=instance.proposal_id, support_count__gt=0).update(
        support_count=F("support_count") - 1
    )


@receiver(post_delete, sender=Membership, dispatch_uid="participation.membership_deleted")
def membership_deleted(sender, instance, **kwargs):
    if instance.state == Membership.State.ACTIVE:
        ActionGroup.objects.filter(pk=instance.group_id, member_count__gt=0).update(
            member_count=F("member_count") - 1
        )


@receiver(user_logged_in, dispatch_uid="participation.in_use_again")
def in_use_again(sender, request, user, **kwargs):
    """A later period of disuse warns again (``participation.retention``)."""
    if getattr(user, "inactivity_warned_at", None) is not None:
        type(user).objects.filter(pk=user.pk).update(inactivity_warned_at=None)
        user.inactivity_warned_at = None
