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


class ActionGroupFactory(factory.django.DjangoModelFactory):
    """A published, open action group; ``fields_of_action`` takes a list of fields."""

    name = factory.Sequence(lambda n: f"Aktionsgruppe {n}")
    purpose = "Wir bringen eine Idee für die Region in Gang."
    author = factory.SubFactory(UserFactory)
    moderation = "published"

    class Meta:
        model = "participation.ActionGroup"
        skip_postgeneration_save = True

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_action.add(*extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member; pass ``role="lead"`` for a lead. Keeps ``group.member_count`` as the
    services would for active memberships."""

    group = factory.SubFactory(ActionGroupFactory)
    user = factory.SubFactory(UserFactory)
    role = "member"
    state = "active"

    class Meta:
        model = "participation.Membership"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from django.db.models import F

        membership = super()._create(model_class, *args, **kwargs)
        if membership.state == "active":
            type(membership.group).objects.filter(pk=membership.group_id).update(
                member_count=F("member_count") + 1
            )
            membership.group.refresh_from_db(fields=["member_count"])
        return membership


class UndertakingFactory(factory.django.DjangoModelFactory):
    group = factory.SubFactory(ActionGroupFactory)
    title = factory.Sequence(lambda n: f"Vorhaben {n}")
    description = "Was wir vorhaben."
    status = "idea"

    class Meta:
        model = "participation.Undertaking"


class GroupUpdateFactory(factory.django.DjangoModelFactory):
    group = factory.SubFactory(ActionGroupFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Neuigkeit {n}")
    text = "Was sich getan hat."
    moderation = "published"

    class Meta:
        model = "participation.GroupUpdate"
