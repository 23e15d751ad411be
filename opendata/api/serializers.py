"""One serializer per resource of the read API. Every field has a help text: they are the
OpenAPI description and the open-data page's data dictionary, and the open-data files are
written by these serializers, so that the files and the API say the same.

A serializer reads what its view prepared for the page of results (``context["view"]``:
fields of action in the request's language, which linked pages are public, poll results), so
that it never queries per item.
"""

import re

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.rich_text import expand_db_html

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cms.accounts import DELETED_ACCOUNT
from participation.formats import group_stages
from participation.models import ActionGroup, Comment, Poll, Proposal

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


def author_name(item):
    """The author's display name ("Deleted account" in the request's language when gone);
    views attach ``author_display`` (``contributions.attach_author_names``), so that no user
    row (and no e-mail) is read."""
    if item.author_id is None:
        return str(DELETED_ACCOUNT)
    return getattr(item, "author_display", None) or str(DELETED_ACCOUNT)


class FieldOfActionSerializer(serializers.Serializer):
    slug = serializers.CharField(help_text=_("Identifier of the field of action (any language)."))
    name = serializers.CharField(
        help_text=_("Name of the field of action in the request's language.")
    )


class PageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Identifier of the page."))
    title = serializers.CharField(help_text=_("Title of the page."))
    url = serializers.URLField(help_text=_("Address of the page."))


def field_of_action(view, field):
    """``{slug, name}`` of a field of action, named in the request's language."""
    if field is None:
        return None
    named = view.fields_of_action.get(field.slug, field)
    return {"slug": field.slug, "name": named.name}


def page_link(view, page):
    """``{id, title, url}`` of a page (the views list only items whose pages are public)."""
    if page is None:
        return None
    return {"id": page.pk, "title": page.title, "url": view.page_url(page)}


# --- Contributions (helper api) -------------------------------------------------------------------


class ProposalSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Address of the proposal's page."))
    process = serializers.SerializerMethodField(
        help_text=_("The process the proposal was submitted to.")
    )
    state_label = serializers.SerializerMethodField(
        help_text=_("The state in words, in the request's language.")
    )
    official_answer = serializers.SerializerMethodField(
        help_text=_("The official answer as HTML with absolute links; empty when none yet.")
    )
    field_of_action = serializers.SerializerMethodField(
        help_text=_("The field of action the proposal belongs to.")
    )
    latitude = serializers.FloatField(
        allow_null=True, help_text=_("Latitude of the point on the map (WGS 84); null when none.")
    )
    longitude = serializers.FloatField(
        allow_null=True, help_text=_("Longitude of the point on the map (WGS 84); null when none.")
    )
    author_name = serializers.SerializerMethodField(
        help_text=_('Display name of the author; "Deleted account" once the account is gone.')
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "url",
            "process",
            "title",
            "summary",
            "text",
            "state",
            "state_label",
            "official_answer",
            "answered_at",
            "field_of_action",
            "municipality",
            "latitude",
            "longitude",
            "support_count",
            "comment_count",
            "author_name",
            "created_at",
            "updated_at",
            "withdrawn_at",
            "qualified_at",
        ]
        extra_kwargs = {
            "id": {"help_text": _("Identifier of the proposal.")},
            "title": {"help_text": _("Title of the proposal.")},
            "summary": {"help_text": _("Short summary (plain text).")},
            "text": {"help_text": _("The proposal (plain text; empty lines separate paragraphs).")},
            "state": {
                "help_text": _(
                    "Where the proposal stands: submitted, under_review, accepted, rejected or "
                    "implemented."
                )
            },
            "answered_at": {"help_text": _("When the official answer was given; null when none.")},
            "municipality": {
                "help_text": _("The municipality the proposal applies to; empty for none.")
            },
            "support_count": {"help_text": _("Number of residents who support the proposal.")},
            "comment_count": {"help_text": _("Number of published comments on the proposal.")},
            "created_at": {"help_text": _("When the proposal was submitted.")},
            "updated_at": {"help_text": _("When the proposal last changed.")},
            "withdrawn_at": {
                "help_text": _("When the author withdrew the proposal; null when not withdrawn.")
            },
            "qualified_at": {
                "help_text": _(
                    "When the proposal reached the process's support threshold; null when not."
                )
            },
        }

    def to_representation(self, proposal):
        """What DRF's field-by-field walk gives (``generic_representation``; a test holds
        them equal), written out: a page of 50 proposals is the API's busiest answer, and the
        walk cost more than reading the page from the database."""
        view = self.context["view"]
        moment = self._moment
        return {
            "id": proposal.pk,
            "url": view.proposal_url(proposal),
            "process": page_link(view, proposal.process),
            "title": proposal.title,
            "summary": proposal.summary,
            "text": proposal.text,
            "state": proposal.state,
            "state_label": self._state_labels[proposal.state],
            "official_answer": absolute_html(proposal.answer, self.context.get("request")),
            "answered_at": moment(proposal.answered_at),
            "field_of_action": field_of_action(view, proposal.field_of_action),
            "municipality": proposal.municipality,
            "latitude": None if proposal.latitude is None else float(proposal.latitude),
            "longitude": None if proposal.longitude is None else float(proposal.longitude),
            "support_count": proposal.support_count,
            "comment_count": proposal.comment_count,
            "author_name": author_name(proposal),
            "created_at": moment(proposal.created_at),
            "updated_at": moment(proposal.updated_at),
            "withdrawn_at": moment(proposal.withdrawn_at),
            "qualified_at": moment(proposal.qualified_at),
        }

    def generic_representation(self, proposal):
        return super().to_representation(proposal)

    @cached_property
    def _moment(self):
        field = serializers.DateTimeField()
        return lambda value: None if value is None else field.to_representation(value)

    @cached_property
    def _state_labels(self):
        return {value: str(label) for value, label in Proposal.State.choices}

    @extend_schema_field(serializers.URLField())
    def get_url(self, proposal):
        return self.context["view"].proposal_url(proposal)

    @extend_schema_field(PageLinkSerializer(allow_null=True))
    def get_process(self, proposal):
        return page_link(self.context["view"], proposal.process)

    @extend_schema_field(serializers.CharField())
    def get_state_label(self, proposal):
        return str(proposal.get_state_display())

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_official_answer(self, proposal):
        return absolute_html(proposal.answer, self.context.get("request"))

    @extend_schema_field(FieldOfActionSerializer(allow_null=True))
    def get_field_of_action(self, proposal):
        return field_of_action(self.context["view"], proposal.field_of_action)

    @extend_schema_field(serializers.CharField())
    def get_author_name(self, proposal):
        return author_name(proposal)


class CommentSerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(
        source="parent_id",
        allow_null=True,
        help_text=_("Identifier of the comment this one replies to; null for a comment."),
    )
    author_name = serializers.SerializerMethodField(
        help_text=_('Display name of the author; "Deleted account" once the account is gone.')
    )
    updated_at = serializers.DateTimeField(
        source="changed_at", help_text=_("When the comment was last edited (else written).")
    )

    class Meta:
        model = Comment
        fields = [
            "id",
            "parent",
            "author_name",
            "text",
            "is_official",
            "helpful_count",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "id": {"help_text": _("Identifier of the comment.")},
            "text": {"help_text": _("The comment (plain text).")},
            "is_official": {"help_text": _("Whether a moderator wrote it as an official reply.")},
            "helpful_count": {"help_text": _("Number of residents who found it helpful.")},
            "created_at": {"help_text": _("When the comment was written.")},
        }

    @extend_schema_field(serializers.CharField())
    def get_author_name(self, comment):
        return author_name(comment)


class PollChoiceSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text=_("Identifier of the answer; null for the own answers.")
    )
    text = serializers.CharField(help_text=_("The answer."))
    votes = serializers.IntegerField(
        allow_null=True,
        help_text=_("Ballots that ticked this answer; null while the results are not public."),
    )


class PollSerializer(serializers.ModelSerializer):
    language = serializers.CharField(
        source="locale.language_code", help_text=_("Language of this version of the poll.")
    )
    process = serializers.SerializerMethodField(
        help_text=_("The process whose page lists the poll; null for none.")
    )
    state = serializers.SerializerMethodField(help_text=_("upcoming, open or closed."))
    choices = serializers.SerializerMethodField(help_text=_("The answers, in their order."))
    ballot_count = serializers.SerializerMethodField(
        help_text=_(
            "Number of ballots over all language versions; null while the results are not public."
        )
    )
    results_public = serializers.SerializerMethodField(
        help_text=_(
            "Whether the results are public now (always, or once the poll has closed, as the "
            "poll says)."
        )
    )

    class Meta:
        model = Poll
        fields = [
            "id",
            "language",
            "process",
            "question",
            "description",
            "kind",
            "opens_at",
            "closes_at",
            "state",
            "choices",
            "ballot_count",
            "results_public",
        ]
        extra_kwargs = {
            "id": {"help_text": _("Identifier of this language version of the poll.")},
            "question": {"help_text": _("The question.")},
            "description": {"help_text": _("What the poll is about (plain text).")},
            "kind": {"help_text": _("single (one answer) or multiple (several answers).")},
            "opens_at": {"help_text": _("When the poll opens.")},
            "closes_at": {"help_text": _("When the poll closes; null when it stays open.")},
        }

    @extend_schema_field(PageLinkSerializer(allow_null=True))
    def get_process(self, poll):
        return page_link(self.context["view"], poll.process)

    @extend_schema_field(serializers.ChoiceField(["upcoming", "open", "closed"]))
    def get_state(self, poll):
        return self.context["view"].poll_state(poll)

    def _results(self, poll):
        return self.context["view"].poll_results.get(poll.pk)

    @extend_schema_field(serializers.BooleanField())
    def get_results_public(self, poll):
        return self._results(poll) is not None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_ballot_count(self, poll):
        results = self._results(poll)
        return results["ballots"] if results is not None else None

    @extend_schema_field(PollChoiceSerializer(many=True))
    def get_choices(self, poll):
        results = self._results(poll)
        rows = [
            {
                "id": choice.pk,
                "text": choice.label,
                "votes": results["choices"].get(choice.translation_key, 0) if results else None,
            }
            for choice in poll.choices.all()
        ]
        if poll.allow_other:
            rows.append(
                {
                    "id": None,
                    "text": poll.other_label or str(_("Own answer")),
                    "votes": results["other"] if results else None,
                }
            )
        return rows


class ActionGroupSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text=_("Address of the group's page."))
    title = serializers.CharField(source="name", help_text=_("Name of the group."))
    purpose = serializers.CharField(help_text=_("What the group sets out to do (plain text)."))
    stages = serializers.SerializerMethodField(
        help_text=_(
            "Where the group stands, from its undertakings: founding, planning and/or running."
        )
    )
    fields_of_action = serializers.SerializerMethodField(
        help_text=_("The fields of action the group works in.")
    )
    vision = serializers.SerializerMethodField(
        help_text=_("Identifier of the vision page the group works on; null for none.")
    )
    proposal = serializers.SerializerMethodField(
        help_text=_("Identifier of the proposal the group grew from; null for none.")
    )
    process = serializers.SerializerMethodField(
        help_text=_("Identifier of the process the group belongs to; null for none.")
    )
    latitude = serializers.FloatField(
        allow_null=True, help_text=_("Latitude of the group's place (WGS 84); null when none.")
    )
    longitude = serializers.FloatField(
        allow_null=True, help_text=_("Longitude of the group's place (WGS 84); null when none.")
    )

    class Meta:
        model = ActionGroup
        fields = [
            "id",
            "url",
            "title",
            "purpose",
            "stages",
            "fields_of_action",
            "joining",
            "seeks_members",
            "vision",
            "proposal",
            "process",
            "municipality",
            "latitude",
            "longitude",
            "member_count",
            "comment_count",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "id": {"help_text": _("Identifier of the group.")},
            "joining": {
                "help_text": _("open (anybody joins) or request (the leads accept members).")
            },
            "seeks_members": {"help_text": _("Whether the group looks for members.")},
            "municipality": {"help_text": _("The group's municipality; empty: region-wide.")},
            "member_count": {"help_text": _("Number of active members, leads included.")},
            "comment_count": {"help_text": _("Number of published comments on the group.")},
            "created_at": {"help_text": _("When the group was founded.")},
            "updated_at": {"help_text": _("When the group last changed.")},
        }

    @extend_schema_field(serializers.URLField())
    def get_url(self, group):
        return group.get_url(self.context.get("request"), full=True)

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(ActionGroup.Stage.choices))
    )
    def get_stages(self, group):
        order = list(ActionGroup.Stage.values)
        stages = group_stages(u.status for u in group.undertakings.all())
        return sorted(stages, key=order.index)

    @extend_schema_field(FieldOfActionSerializer(many=True))
    def get_fields_of_action(self, group):
        view = self.context["view"]
        return [field_of_action(view, field) for field in group.fields_of_action.all()]

    def _page_id(self, page_id):
        view = self.context["view"]
        return page_id if page_id is not None and page_id in view.public_page_ids() else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_vision(self, group):
        return self._page_id(group.vision_id)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_process(self, group):
        return self._page_id(group.process_id)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_proposal(self, group):
        proposal = group.proposal
        if proposal is None or not proposal.is_readable:
            return None
        return proposal.pk if self._page_id(proposal.process_id) else None


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
        allow_null=True,
        help_text=_(
            "When the page was first published; null for pages put online without "
            "publishing (imports)."
        ),
    )
    last_published_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When the page was last published; null as above.")
    )


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
