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
