"""Factories for the tests of `home`."""

import datetime

from django.utils import timezone

import factory
import wagtail_factories

from home.models import (
    EventIndexPage,
    EventPage,
    LearningPathIndexPage,
    LearningPathPage,
    Person,
    PlaceIndexPage,
    PlacePage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
    TopicIndexPage,
    TopicPage,
)
from tests.cms.factories import FieldOfActionFactory, german


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Seite {n}")
    intro = "Einleitung"

    class Meta:
        model = StandardPage


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Autorin {n}")
    role = "Redaktion"
    locale = factory.LazyFunction(german)

    class Meta:
        model = Person


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Geschichten"
    slug = "geschichten"

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Geschichte {n}")
    intro = "Eine Geschichte aus der Region."
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)
            self.save()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Veranstaltungen"
    slug = "veranstaltungen"

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """An upcoming event a week from now, two hours long, at a free address."""

    title = factory.Sequence(lambda n: f"Werkstatt {n}")
    intro = "Eine Werkstatt für Aktionsgruppen."
    organiser = "LANDVORTEIL"
    address = "Dorfgemeinschaftshaus, Am Markt 1, 23936 Grevesmühlen"
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    capacity = 10

    class Meta:
        model = EventPage


class PlaceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Orte"
    slug = "orte"

    class Meta:
        model = PlaceIndexPage


class PlacePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Coworking {n}")
    kind = "coworking"
    intro = "Ein Ort zum Arbeiten und Treffen."
    municipality = "Wismar"
    latitude = "53.89100"
    longitude = "11.46500"

    class Meta:
        model = PlacePage


class LearningPathIndexPageFactory(wagtail_factories.PageFactory):
    title = "Handlungspfade"
    slug = "handlungspfade"

    class Meta:
        model = LearningPathIndexPage


def learning_steps(count=3):
    return [
        {
            "type": "step",
            "value": {
                "title": f"Schritt {number}",
                "text": f"<p>Was in Schritt {number} zu tun ist.</p>",
                "stories": [],
                "documents": [],
            },
        }
        for number in range(1, count + 1)
    ]


class LearningPathPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Pfad {n}")
    intro = "Ein Weg zum eigenen Vorhaben."
    audience = "Gründerinnen und Gründer"
    duration = "etwa 3 Stunden"
    steps = factory.LazyFunction(learning_steps)

    class Meta:
        model = LearningPathPage


class TopicIndexPageFactory(wagtail_factories.PageFactory):
    title = "Handlungsfelder"
    slug = "handlungsfelder"

    class Meta:
        model = TopicIndexPage


class TopicPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Thema {n}")
    intro = "Worum es geht."
    field_of_action = factory.SubFactory(FieldOfActionFactory)

    class Meta:
        model = TopicPage
