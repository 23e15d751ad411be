"""Keep event registrations in step with what editors publish."""

from wagtail.signals import page_published

from participation import services

from .models import EventPage


def give_free_places_to_waiting_people(sender, instance, **kwargs):
    """After a publish (e.g. a raised capacity) waiting people move up into free places."""
    if instance.registration_enabled:
        services.fill_free_places(instance)


def connect():
    page_published.connect(
        give_free_places_to_waiting_people,
        sender=EventPage,
        dispatch_uid="home.give_free_places_to_waiting_people",
    )
