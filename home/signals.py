"""Keep event registrations in step with what editors publish, and cached labels with the
fields of action."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published

from cms import layout
from participation import services


def give_free_places_to_waiting_people(sender, instance, **kwargs):
    """After a publish (e.g. a raised capacity) waiting people move up into free places."""
    if instance.registration_enabled:
        services.fill_free_places(instance)


def connect():
    from home.models import EventPage, FieldOfAction

    page_published.connect(
        give_free_places_to_waiting_people,
        sender=EventPage,
        dispatch_uid="home.give_free_places_to_waiting_people",
    )
    # Every page shows fields of action from the layout cache (``fields_of_action_for``).
    for signal in (post_save, post_delete):
        signal.connect(
            layout.start_new_generation,
            sender=FieldOfAction,
            dispatch_uid=f"home.fields_of_action_layout_{signal is post_save}",
        )
