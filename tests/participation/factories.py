"""Factories for the tests of `participation`."""

import factory

from participation.models import ActionGroup, GroupUpdate, Membership, Proposal, Support
from tests.cms.factories import FieldOfActionFactory, UserFactory
from tests.visions.factories import ProcessPageFactory


class ProposalFactory(factory.django.DjangoModelFactory):
    process = factory.SubFactory(ProcessPageFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Vorschlag {n}")
    summary = "Eine kurze Zusammenfassung des Vorschlags."
    text = "Der ausführliche Text des Vorschlags.\n\nMit einem zweiten Absatz."
    field_of_action = factory.SubFactory(FieldOfActionFactory)

    class Meta:
        model = Proposal


class SupportFactory(factory.django.DjangoModelFactory):
    """A support row; it does not touch ``proposal.support_count`` (the services do that)."""

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)
    process = factory.LazyAttribute(lambda o: o.proposal.process)

    class Meta:
        model = Support


# --- Action groups -------------------------------------------------------------------------------


class ActionGroupFactory(factory.django.DjangoModelFactory):
    """A published, open group with one field of action; its founder (``author``) is not yet a
    member: :func:`group_led_by` gives a group with its lead's membership, as the service starts
    one (``MembershipFactory`` with ``role="lead"`` makes anybody a lead)."""

    name = factory.Sequence(lambda n: f"Aktionsgruppe {n}")
    purpose = "Wir bringen eine Idee für die Region gemeinsam in Gang."
    author = factory.SubFactory(UserFactory)
    moderation = "published"

    class Meta:
        model = ActionGroup
        skip_postgeneration_save = True

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create:
            self.fields_of_action.set(extracted or [FieldOfActionFactory()])

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        """``lead=True``: the founder leads the group (a lead membership, not counted)."""
        if create and extracted and self.author_id:
            MembershipFactory(group=self, user=self.author, role=Membership.Role.LEAD)


def group_led_by(user, **fields):
    """A group founded and led by ``user`` (an active lead membership, one member)."""
    group = ActionGroupFactory(author=user, member_count=1, **fields)
    Membership.objects.create(
        group=group, user=user, role=Membership.Role.LEAD, state=Membership.State.ACTIVE
    )
    return group


class MembershipFactory(factory.django.DjangoModelFactory):
    """A membership row; it does not touch ``group.member_count`` (the services do that)."""

    group = factory.SubFactory(ActionGroupFactory)
    user = factory.SubFactory(UserFactory)
    role = "member"
    state = "active"

    class Meta:
        model = Membership


class UndertakingFactory(factory.django.DjangoModelFactory):
    group = factory.SubFactory(ActionGroupFactory)
    title = factory.Sequence(lambda n: f"Vorhaben {n}")
    description = "Was wir vorhaben."
    status = "planning"

    class Meta:
        model = "participation.Undertaking"


class GroupUpdateFactory(factory.django.DjangoModelFactory):
    """A published update, written by the group's founder."""

    group = factory.SubFactory(ActionGroupFactory)
    author = factory.LazyAttribute(lambda o: o.group.author)
    title = factory.Sequence(lambda n: f"Neuigkeit {n}")
    text = "Wir haben uns getroffen und den nächsten Schritt geplant."
    moderation = "published"

    class Meta:
        model = GroupUpdate


class BoardEntryFactory(factory.django.DjangoModelFactory):
    """An open need of a group (``kind="offer"``, ``group=None``: a resident's offer)."""

    kind = "need"
    group = factory.SubFactory(ActionGroupFactory)
    author = factory.SubFactory(UserFactory)
    category = "room"
    title = factory.Sequence(lambda n: f"Eintrag {n}")
    description = "Wir suchen einen Raum für unsere Treffen."
    field_of_action = factory.SubFactory(FieldOfActionFactory)

    class Meta:
        model = "participation.BoardEntry"


class RelayMessageFactory(factory.django.DjangoModelFactory):
    """The record of a message a visitor sent to a group's leads."""

    sender_name = "Besucherin"
    sender_email = factory.Sequence(lambda n: f"visitor{n}@example.net")
    group = factory.SubFactory(ActionGroupFactory)
    recipient_count = 1

    class Meta:
        model = "participation.RelayMessage"


# --- Notifications -------------------------------------------------------------------------------


class ActivityFactory(factory.django.DjangoModelFactory):
    """Something that happened about ``target`` (pass it: a proposal, a page, a group …)."""

    kind = "proposal_answered"

    class Meta:
        model = "participation.Activity"


class NotificationFactory(factory.django.DjangoModelFactory):
    """One activity for one recipient, as the fan-out leaves it (pass ``activity``)."""

    recipient = factory.SubFactory(UserFactory)
    reason = "proposal_answered"
    delivery = "immediately"

    class Meta:
        model = "participation.Notification"


def moderation_mails():
    """The statements of reasons and block notices that the moderation notifications carry, as
    delivery e-mails them (always at once), in the order they were decided."""
    from participation.models import Notification, NotificationReason
    from participation.notifications import compose_moderation

    notifications = (
        Notification.objects.filter(reason=NotificationReason.MODERATION)
        .select_related("activity")
        .order_by("pk")
    )
    assert all(n.delivery == "immediately" for n in notifications)
    return [compose_moderation(n.activity) for n in notifications]


def notified(reason):
    """``[(recipient's e-mail, activity data)]`` of the notifications for ``reason``, in the
    order they were created."""
    from participation.models import Notification

    notifications = (
        Notification.objects.filter(reason=reason)
        .select_related("recipient", "activity")
        .order_by("pk")
    )
    return [(n.recipient.email, n.activity.data) for n in notifications]
