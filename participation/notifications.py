"""Emails to people about their registrations, in the language of the event's page."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from .models import EventRegistration


def send_moved_up(registration_ids):
    """Tell people who moved up from the waiting list that they now have a place."""
    registrations = EventRegistration.objects.confirmed().filter(pk__in=registration_ids)
    for registration in registrations.select_related("user", "event", "event__locale"):
        event = registration.event.specific
        context = {
            "person": registration.user,
            "event": event,
            "event_url": event.get_full_url(),
        }
        with translation.override(event.locale.language_code):
            subject = render_to_string("participation/email/moved_up_subject.txt", context)
            body = render_to_string("participation/email/moved_up_body.txt", context)
        send_mail(" ".join(subject.split()), body, None, [registration.user.email])
