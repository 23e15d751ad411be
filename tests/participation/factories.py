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


# --- Action groups (groups helper) ---------------------------------------------------------------


class ActionGroupFactory(factory.django.DjangoModelFactory):
    """A published group; its founder (``author``) is not yet a member: use
    :func:`group_led_by` for a group with its lead's membership, as the service starts one."""

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


def group_led_by(user, **fields):
    """A group founded and led by ``user`` (an active lead membership, one member)."""
    group = ActionGroupFactory(author=user, member_count=1, **fields)
    Membership.objects.create(
        group=group, user=user, role=Membership.Role.LEAD, state=Membership.State.ACTIVE
    )
    return group


class GroupUpdateFactory(factory.django.DjangoModelFactory):
    group = factory.SubFactory(ActionGroupFactory)
    author = factory.LazyAttribute(lambda o: o.group.author)
    title = factory.Sequence(lambda n: f"Neuigkeit {n}")
    text = "Wir haben uns getroffen und den nächsten Schritt geplant."
    moderation = "published"

    class Meta:
        model = GroupUpdate
