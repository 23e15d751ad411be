"""Factories for vision processes, their phases and visions (proposals and supports:
tests/participation/factories.py).

A process page is created under a parent like any Wagtail page factory::

    index = ProcessIndexPageFactory(parent=home)
    process = ProcessPageFactory(parent=index)                     # one running phase, all allowed
    process = ProcessPageFactory(parent=index, phases=[{"allows_support": True}])
    proposal = ProposalFactory(process=process)
    SupportFactory(proposal=proposal)
"""

import datetime

from django.utils import timezone

import factory
import wagtail_factories

from visions.models import (
    ProcessIndexPage,
    ProcessPage,
    ProcessPhase,
    VisionIndexPage,
    VisionPage,
    VisionUpdate,
)


class ProcessIndexPageFactory(wagtail_factories.PageFactory):
    title = "Visionsprozesse"
    slug = "prozesse"
    intro = "Gemeinsam Zielbilder für die Region entwickeln."

    class Meta:
        model = ProcessIndexPage


def running_phase(**overrides):
    """A phase from a week ago to a week ahead that allows everything, with ``overrides``."""
    today = timezone.localdate()
    phase = {
        "title": "Ideen sammeln",
        "description": "Reichen Sie Ihre Ideen ein und unterstützen Sie andere.",
        "start": today - datetime.timedelta(days=7),
        "end": today + datetime.timedelta(days=7),
        "allows_submit": True,
        "allows_edit": True,
        "allows_comment": True,
        "allows_support": True,
    }
    phase.update(overrides)
    return phase


class ProcessPageFactory(wagtail_factories.PageFactory):
    """A process with one running phase that allows submit, edit, comment and support.

    ``phases=[{…}, …]`` replaces it: each dict gives ProcessPhase fields; missing ones come from
    :func:`running_phase` (so ``{"allows_submit": False}`` is a running phase without submitting).
    ``phases=[]`` makes a process without phases.
    """

    title = factory.Sequence(lambda n: f"Prozess {n}")
    slug = factory.Sequence(lambda n: f"prozess-{n}")
    question = "Wie soll unsere Region 2040 aussehen?"
    intro = "Ein Prozess, in dem Bewohnerinnen und Bewohner Zielbilder entwickeln."

    class Meta:
        model = ProcessPage
        skip_postgeneration_save = True

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if not create:
            return
        specs = [{}] if extracted is None else extracted
        for order, spec in enumerate(specs):
            ProcessPhase.objects.create(process=self, sort_order=order, **running_phase(**spec))

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_action.set(extracted)
            self.save()


class VisionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Zielbilder"
    slug = "zielbilder"
    intro = "Was aus den Vorschlägen der Region geworden ist."

    class Meta:
        model = VisionIndexPage


class VisionPageFactory(wagtail_factories.PageFactory):
    """A vision; ``updates=[{"title": …, "date": …, "text": …}]`` adds implementation updates,
    ``fields_of_action=[…]`` sets its fields of action."""

    title = factory.Sequence(lambda n: f"Zielbild {n}")
    slug = factory.Sequence(lambda n: f"zielbild-{n}")
    intro = "Ein Zielbild für die Region."
    status = VisionPage.Status.PLANNED

    class Meta:
        model = VisionPage
        skip_postgeneration_save = True

    @factory.post_generation
    def updates(self, create, extracted, **kwargs):
        if create and extracted:
            for order, spec in enumerate(extracted):
                spec = {"text": "<p>Es geht voran.</p>", **spec}
                VisionUpdate.objects.create(vision=self, sort_order=order, **spec)

    @factory.post_generation
    def fields_of_action(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields_of_action.set(extracted)
            self.save()
