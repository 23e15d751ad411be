"""Deleting a person's account: one transaction that removes what is only theirs and keeps
everybody else's data right (house plan: every relation to a person has a decided fate;
``tests/test_person_relations.py`` lists them).

What goes: sessions (the person row goes, so no session finds it), e-mail addresses, profile,
follows, notifications and their settings, second factors, data downloads, reports they made,
supports (the proposals' counts go down in the same transaction and the budgets are free),
helpful marks (the counts too), group memberships (a group they alone led goes to the
moderators' queue "Without a lead"), event registrations (freed places go to the waiting
list, which is told by e-mail). Poll ballots stay counted without the link to the person.

What stays, under "Deleted account": proposals with their versions, comments (the threads keep
their shape and every counter stays right), group updates, board entries, action groups.
The moderation record stays pseudonymised: blocks and log entries name a pseudonym instead of
the person.

Administrators may delete a spam account "with contributions": what the person wrote is
hidden as a moderator's hiding would (others' replies stay as replies to a placeholder),
logged under the pseudonym.
"""

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat

from cms.accounts import DELETED_ACCOUNT

from ..models import (
    Activity,
    Ballot,
    Block,
    Comment,
    HelpfulMark,
    Membership,
    ModerationLogEntry,
    NotificationReason,
    OutgoingMail,
    Reason,
    Support,
)
from . import moderation
from .registrations import release_places_of


def pseudonym_of(person):
    """A stable stand-in for ``person`` in the moderation record: the same person always gets
    the same one, and it reveals nothing about them without the site's secret."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"person:{person.pk}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{DELETED_ACCOUNT} {digest[:8]}"


def delete_account(person, *, by=None, with_contributions=False):
    """Delete ``person``'s account (see the module's docstring). ``by``: who deletes (the person
    themselves, or an administrator); ``with_contributions``: hide what they wrote too (spam
    accounts). Returns the pseudonym, or ``None`` when the account was gone already (two
    requests at once: the second finds nothing to do)."""
    user_model = get_user_model()
    with transaction.atomic():
        person = user_model.objects.select_for_update().filter(pk=person.pk).first()
        if person is None:
            return None
        pseudonym = pseudonym_of(person)
        # Computed before the memberships go: the groups that lose their only lead.
        orphaned = list(moderation.orphan_groups_of(person))
        if with_contributions:
            _hide_contributions(person, by, orphaned)
        release_places_of(person)
        _withdraw_supports(person)
        _take_back_helpful_marks(person)
        _detach_ballots(person)
        # The post_delete receiver takes active members off their groups' counts.
        Membership.objects.filter(user=person).delete()
        _pseudonymise_moderation_record(person, pseudonym)
        _forget_requests(person)
        _drop_unsent_mail(person)
        person.delete()
    return pseudonym


def _hide_contributions(person, by, orphaned):
    acting = by if by is not None and by.pk != person.pk else None
    moderation.hide_with_the_person(person, orphaned, acting, Reason.SPAM)


def _withdraw_supports(person):
    # The post_delete receiver (participation.signals) takes each off its proposal's count.
    Support.objects.filter(user=person).delete()


def _take_back_helpful_marks(person):
    marked = HelpfulMark.objects.filter(user=person).values("comment_id")
    Comment.objects.filter(pk__in=marked).update(helpful_count=F("helpful_count") - 1)
    HelpfulMark.objects.filter(user=person).delete()


def _detach_ballots(person):
    """The ballot keeps counting; it no longer says whose it was. A ballot needs a voter (a
    person or a session): a session key no browser can have stands in."""
    Ballot.objects.filter(user=person).update(
        user=None, session_key=Concat(Value("deleted:"), Cast("pk", CharField()))
    )


def _pseudonymise_moderation_record(person, pseudonym):
    Block.objects.filter(user=person).update(pseudonym=pseudonym)
    ModerationLogEntry.objects.filter(author=person).update(author_pseudonym=pseudonym)
    # Blocking and unblocking are logged with the person's name as the item's label.
    ModerationLogEntry.objects.filter(
        target_type=ContentType.objects.get_for_model(person), target_id=person.pk
    ).update(target_label=pseudonym)


def _forget_requests(person):
    """A request to join that the person made is gone with them: the leads' notifications
    about it (which name them) go too."""
    Activity.objects.filter(actor=person, kind=NotificationReason.JOIN_REQUEST).delete()


def _drop_unsent_mail(person):
    """Mails to the person that the worker has not sent yet would go to an address nobody
    should use any more."""
    address = person.email.lower()
    unsent = OutgoingMail.objects.exclude(state=OutgoingMail.State.SENT).values_list(
        "pk", "recipients"
    )
    drop = [
        pk for pk, recipients in unsent.iterator() if [r.lower() for r in recipients] == [address]
    ]
    OutgoingMail.objects.filter(pk__in=drop).delete()
