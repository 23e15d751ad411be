"""One serializer per resource of the read API. Every field has a help text: they are the
OpenAPI description and the open-data page's data dictionary, and the open-data files are
written by these serializers, so that the files and the API say the same.

A serializer reads what its view prepared for the page of results (``context["view"]``:
fields of action in the request's language, which linked pages are public, poll results), so
that it never queries per item.
"""

import re

from django.utils.translation import gettext_lazy as _

from wagtail.rich_text import expand_db_html

from rest_framework import serializers

# --- Shared ---------------------------------------------------------------------------------------

_RELATIVE_LINK = re.compile(r'\b(href|src)="/(?!/)')


def absolute_html(html, request):
    """Rich text as HTML, internal links expanded and every address made absolute."""
    if not html:
        return ""
    html = expand_db_html(html)
    if request is None:
        return html
    base = request.build_absolute_uri("/")
    return _RELATIVE_LINK.sub(lambda match: f'{match.group(1)}="{base}', html)


class FieldOfActionSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("Identifier of the field of action (any language)."))
    name = serializers.CharField(
        help_text=_("Name of the field of action in the request's language.")
    )


class PageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Identifier of the page."))
    title = serializers.CharField(help_text=_("Title of the page."))
    url = serializers.URLField(help_text=_("Address of the page."))


# --- Pages (helper pages) -------------------------------------------------------------------------
# The page views (opendata.api.pages) give each page ``api_url``, ``api_summary`` and
# ``api_fields_of_action`` (and what each type adds below) before these serialize it.


class PageResourceSerializer(serializers.Serializer):
    """What every page-based resource has."""

    id = serializers.IntegerField(help_text=_("Identifier of the page."))
    language = serializers.CharField(
        source="locale.language_code",
        help_text=_("Language of the page: de (German) or en (English)."),
    )
    title = serializers.CharField(help_text=_("Title of the page."))
    summary = serializers.CharField(
        source="api_summary", help_text=_("Short description (plain text).")
    )
    url = serializers.URLField(source="api_url", help_text=_("Address of the page on the site."))
    first_published_at = serializers.DateTimeField(
        help_text=_("When the page was first published.")
    )
    last_published_at = serializers.DateTimeField(help_text=_("When the page was last published."))


def fields_of_action_field():
    return FieldOfActionSerializer(
        source="api_fields_of_action",
        many=True,
        help_text=_("The fields of action the page belongs to (empty: none)."),
    )


class PhaseSerializer(serializers.Serializer):
    title = serializers.CharField(help_text=_("Name of the phase."))
    start = serializers.DateField(help_text=_("First day of the phase."))
    end = serializers.DateField(help_text=_("Last day of the phase."))
    current = serializers.BooleanField(
        source="is_active", help_text=_("Whether the phase is running today.")
    )


class ProcessSerializer(PageResourceSerializer):
    question = serializers.CharField(help_text=_("The question residents answer in the process."))
    fields_of_action = fields_of_action_field()
    phases = PhaseSerializer(
        source="api_phases", many=True, help_text=_("The phases of the process, in order.")
    )
    state = serializers.ChoiceField(
        source="api_state",
        choices=[("upcoming", "upcoming"), ("open", "open"), ("closed", "closed")],
        help_text=_(
            "upcoming: no phase has started yet; open: a phase is running today; closed: all "
            "phases are over (or there are none)."
        ),
    )
    proposal_count = serializers.IntegerField(
        source="api_proposal_count",
        help_text=_("Number of published proposals of the process (in all its languages)."),
    )


class VisionUpdateSerializer(serializers.Serializer):
    date = serializers.DateField(help_text=_("Date of the report."))
    title = serializers.CharField(help_text=_("Title of the report."))
    text = serializers.CharField(
        source="api_text", help_text=_("The report as HTML, with absolute links.")
    )


class VisionSerializer(PageResourceSerializer):
    status = serializers.ChoiceField(
        choices=[
            ("planned", "planned"),
            ("in_progress", "in_progress"),
            ("done", "done"),
            ("paused", "paused"),
        ],
        help_text=_("Implementation status: planned, in_progress, done or paused."),
    )
    status_label = serializers.CharField(
        source="get_status_display",
        help_text=_("The implementation status in words, in the request's language."),
    )
    fields_of_action = fields_of_action_field()
    origin_proposal = serializers.IntegerField(
        source="api_origin_proposal",
        allow_null=True,
        help_text=_(
            "Identifier of the proposal the vision grew out of (/api/v1/proposals/{id}/); null "
            "when none or when that proposal is not public."
        ),
    )
    updates = VisionUpdateSerializer(
        source="api_updates",
        many=True,
        help_text=_("Reports on the implementation, newest first."),
    )


class EventSerializer(PageResourceSerializer):
    start = serializers.DateTimeField(help_text=_("When the event starts."))
    end = serializers.DateTimeField(help_text=_("When the event ends."))
    place = PageLinkSerializer(
        source="api_place",
        allow_null=True,
        help_text=_("The place of the event (/api/v1/places/{id}/); null when none is public."),
    )
    address = serializers.CharField(
        help_text=_("Where the event takes place, when not at a listed place; may be empty.")
    )
    fields_of_action = fields_of_action_field()
    registration = serializers.BooleanField(
        source="registration_enabled",
        help_text=_("Whether people reserve places for the event on the site."),
    )
    seats = serializers.IntegerField(
        source="api_seats.capacity",
        allow_null=True,
        help_text=_("Number of places; null when unlimited or without registration."),
    )
    seats_taken = serializers.IntegerField(
        source="api_seats.confirmed_places",
        help_text=_("Places taken by confirmed registrations (all languages of the event)."),
    )
    seats_left = serializers.IntegerField(
        source="api_seats.free_places",
        allow_null=True,
        help_text=_("Free places; null when unlimited or without registration."),
    )


class PlaceSerializer(PageResourceSerializer):
    kind = serializers.ChoiceField(
        choices=[
            ("coworking", "coworking"),
            ("makerspace", "makerspace"),
            ("third_place", "third_place"),
            ("lab", "lab"),
            ("other", "other"),
        ],
        help_text=_("Kind of place: coworking, makerspace, third_place, lab or other."),
    )
    kind_label = serializers.CharField(
        source="get_kind_display", help_text=_("The kind of place in words.")
    )
    municipality = serializers.CharField(help_text=_("The municipality the place is in."))
    address = serializers.CharField(
        source="api_address", help_text=_("Street, postcode and municipality on one line.")
    )
    latitude = serializers.FloatField(help_text=_("Latitude (WGS 84)."))
    longitude = serializers.FloatField(help_text=_("Longitude (WGS 84)."))
    fields_of_action = fields_of_action_field()
