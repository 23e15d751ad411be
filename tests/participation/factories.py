"""Factories for the tests of `participation`."""

import factory

from participation.models import Proposal, Support
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

from participation.models import (  # noqa: E402
    ActionGroup,
    BoardEntry,
    GroupUpdate,
    Membership,
)


class ActionGroupFactory(factory.django.DjangoModelFactory):
    """A published group founded by ``author``; its lead membership is ``MembershipFactory``'s
    to make (``lead=True`` here makes the founder its lead)."""

    author = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Aktionsgruppe {n}")
    purpose = "Wir bringen gemeinsam etwas in Bewegung."
    moderation = ActionGroup.Moderation.PUBLISHED

    class Meta:
        model = ActionGroup
        skip_postgeneration_save = True

    @factory.post_generation
    def lead(self, create, extracted, **kwargs):
        if create and extracted and self.author_id:
            MembershipFactory(group=self, user=self.author, role=Membership.Role.LEAD)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active membership; it does not touch ``group.member_count`` (the services do that)."""

    group = factory.SubFactory(ActionGroupFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER
    state = Membership.State.ACTIVE

    class Meta:
        model = Membership


class GroupUpdateFactory(factory.django.DjangoModelFactory):
    group = factory.SubFactory(ActionGroupFactory)
    author = factory.LazyAttribute(lambda o: o.group.author)
    title = factory.Sequence(lambda n: f"Neuigkeit {n}")
    text = "Wir haben angefangen."

    class Meta:
        model = GroupUpdate


class BoardEntryFactory(factory.django.DjangoModelFactory):
    kind = BoardEntry.Kind.NEED
    group = factory.SubFactory(ActionGroupFactory)
    author = factory.LazyAttribute(lambda o: o.group.author if o.group else None)
    category = BoardEntry.Category.ROOM
    title = factory.Sequence(lambda n: f"Gesucht {n}")
    description = "Ein Raum für unsere Treffen."

    class Meta:
        model = BoardEntry
