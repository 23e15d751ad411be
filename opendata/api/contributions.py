"""The contributions in the read API: proposals, comments (nested under what they discuss),
polls and action groups.

One visibility rule: what everybody may read (``readable()``), on pages that are live and
outside every private section; counters the pages show count only readable items, so they
are given as stored.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import path
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

import django_filters

from cms.localization import language_of
from cms.taxonomy import FieldOfAction
from participation.models import ActionGroup, Ballot, BallotChoice, Comment, Poll, Proposal
from participation.municipalities import MUNICIPALITY_CHOICES

from .base import (
    MAX_ID,
    ChangedSinceFilter,
    IdFilter,
    ReadOnlyResource,
    StrictFilterSet,
    public_pages,
)
from .serializers import (
    ActionGroupSerializer,
    CommentSerializer,
    PollSerializer,
    ProposalSerializer,
)


def visible_proposals():
    """Readable proposals of live, public processes."""
    return Proposal.objects.readable().filter(process__in=public_pages().values("pk"))


def attach_author_names(items):
    """Give each item its author's display name as ``author_display`` (the serializers' source),
    read in one query for a page of results: only the names, never a user row or an e-mail,
    and without joining the users to the page's query."""
    ids = {item.author_id for item in items if item.author_id is not None}
    names = {}
    if ids:
        names = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "display_name"))
    for item in items:
        item.author_display = names.get(item.author_id)


def attach_related(items, name, queryset):
    """Set the related object ``name`` of each item from one query of ``queryset`` for all
    of them (the items share few distinct ones)."""
    related = queryset.in_bulk({getattr(item, f"{name}_id") for item in items} - {None})
    for item in items:
        setattr(item, name, related.get(getattr(item, f"{name}_id")))


class ContributionResource(ReadOnlyResource):
    """What the contribution endpoints share: fields of action named in the request's
    language, page addresses worked out once per page."""

    @cached_property
    def fields_of_action(self):
        return FieldOfAction.for_language()

    @cached_property
    def _page_urls(self):
        return {}

    def page_url(self, page):
        if page.pk not in self._page_urls:
            self._page_urls[page.pk] = page.get_full_url(self.request)
        return self._page_urls[page.pk]


_STAND_IN = 987654321987

# --- Proposals ------------------------------------------------------------------------------------


class ProposalFilter(StrictFilterSet):
    process = IdFilter(field_name="process_id", help_text=_("Only proposals of this process (id)."))
    field_of_action = django_filters.CharFilter(
        field_name="field_of_action__slug",
        help_text=_("Only proposals in this field of action (slug)."),
    )
    municipality = django_filters.ChoiceFilter(
        choices=MUNICIPALITY_CHOICES,
        help_text=_("Only proposals for this municipality (its name as the platform spells it)."),
    )
    state = django_filters.ChoiceFilter(
        choices=Proposal.State.choices, help_text=_("Only proposals in this state.")
    )
    changed_since = ChangedSinceFilter(field_name="updated_at")

    class Meta:
        model = Proposal
        fields = []


class ProposalResource(ContributionResource):
    """Proposals that residents submitted to a process."""

    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    ordering = "-created_at"
    ordering_fields = {
        name: name for name in ("created_at", "updated_at", "support_count", "comment_count")
    }

    def get_queryset(self):
        return visible_proposals()

    def prepare(self, items):
        attach_author_names(items)
        # A page of proposals names a few processes and fields of action many times over:
        # each is read (and built) once, not joined to every row.
        attach_related(items, "process", Page.objects.all())
        attach_related(items, "field_of_action", FieldOfAction.objects.all())

    @cached_property
    def _proposal_paths(self):
        return {}

    def proposal_url(self, proposal):
        process = proposal.process
        base = self.page_url(process)
        if not base:
            return None
        # Reversing a route costs more than the rest of a proposal's answer: once per process
        # type and language, with a stand-in number that the proposal's id replaces.
        key = (process.content_type_id, process.locale_id)
        if key not in self._proposal_paths:
            stand_in = Proposal(pk=_STAND_IN, process=process)
            self._proposal_paths[key] = stand_in.get_url(
                below_process=True, language=language_of(process.locale_id)
            )
        return base + self._proposal_paths[key].replace(str(_STAND_IN), str(proposal.pk))


# --- Comments -------------------------------------------------------------------------------------


class CommentFilter(StrictFilterSet):
    changed_since = ChangedSinceFilter(field_name="changed_at")

    class Meta:
        model = Comment
        fields = []


class CommentResource(ContributionResource):
    """The readable comments of one visible item; 404 when the item is not visible.

    ``find_target(pk)`` returns the item if everybody may read it, else ``None``:
    :func:`comments_of` makes the route."""

    serializer_class = CommentSerializer
    filterset_class = CommentFilter
    ordering = "created_at"
    ordering_fields = {"created_at": "created_at", "updated_at": "changed_at"}
    last_modified_field = "changed_at"
    find_target = None

    def get_target(self):
        pk = self.kwargs["target_pk"]
        target = type(self).find_target(pk) if 0 < pk <= MAX_ID else None
        if target is None:
            raise Http404
        return target

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI description's generator
            return Comment.objects.none()
        return (
            Comment.objects.readable()
            .on(self.get_target())
            .annotate(changed_at=Coalesce("edited_at", "created_at"))
        )

    def prepare(self, items):
        attach_author_names(items)


def comments_of(prefix, find_target, name):
    """The route ``<prefix>/<id>/comments/`` listing the comments of the item that
    ``find_target(id)`` returns when everybody may read it (else: 404). For example::

        comments_of("visions", lambda pk: visible_visions().filter(pk=pk).first(), "vision")
    """
    view = type(
        f"{name.title().replace('_', '')}CommentResource",
        (CommentResource,),
        {"find_target": staticmethod(find_target), "__doc__": CommentResource.__doc__},
    )
    return path(
        f"{prefix}/<int:target_pk>/comments/",
        view.as_view({"get": "list"}),
        name=f"{name}-comments",
    )


def find_proposal(pk):
    return visible_proposals().filter(pk=pk).first()


# --- Polls ----------------------------------------------------------------------------------------


class PollFilter(StrictFilterSet):
    process = IdFilter(field_name="process_id", help_text=_("Only polls of this process (id)."))
    language = django_filters.ChoiceFilter(
        field_name="locale__language_code",
        choices=settings.LANGUAGES,
        help_text=_("Only the polls in this language (de or en)."),
    )
    state = django_filters.ChoiceFilter(
        choices=[
            ("upcoming", _("Not open yet")),
            ("open", _("Open")),
            ("closed", _("Closed")),
        ],
        method="filter_state",
        help_text=_("Only polls that are upcoming, open or closed now."),
    )

    class Meta:
        model = Poll
        fields = []

    def filter_state(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(opens_at__gt=now)
        if value == "open":
            return queryset.filter(Q(closes_at=None) | Q(closes_at__gt=now), opens_at__lte=now)
        return queryset.filter(closes_at__lte=now)


def poll_results(polls, now):
    """``{poll id: {"ballots", "choices": {choice key: votes}, "other"}}`` of the polls whose
    results are public now (the poll says "always", or it has closed), counted over all
    language versions; two queries for a page of polls."""
    public = [
        poll for poll in polls if poll.show_results == Poll.Results.ALWAYS or poll.is_closed(now)
    ]
    if not public:
        return {}
    keys = {poll.translation_key for poll in public}
    totals = {
        row["poll_key"]: row
        for row in Ballot.objects.filter(poll_key__in=keys)
        .values("poll_key")
        .annotate(ballots=Count("pk"), other=Count("pk", filter=~Q(other_text="")))
    }
    votes = dict(
        BallotChoice.objects.filter(ballot__poll_key__in=keys)
        .values("choice_key")
        .annotate(votes=Count("pk"))
        .values_list("choice_key", "votes")
    )
    results = {}
    for poll in public:
        row = totals.get(poll.translation_key, {})
        results[poll.pk] = {
            "ballots": row.get("ballots", 0),
            "other": row.get("other", 0),
            "choices": votes,
        }
    return results


class PollResource(ContributionResource):
    """Polls, each language version on its own, with results where they are public."""

    serializer_class = PollSerializer
    filterset_class = PollFilter
    ordering = "-opens_at"
    ordering_fields = {"opens_at": "opens_at"}
    last_modified_field = None

    def get_queryset(self):
        return (
            Poll.objects.filter(
                Q(process__isnull=True) | Q(process__in=public_pages().values("pk"))
            )
            .select_related("locale", "process")
            .prefetch_related("choices")
        )

    @cached_property
    def now(self):
        return timezone.now()

    def prepare(self, items):
        self.poll_results = poll_results(items, self.now)

    def poll_state(self, poll):
        if poll.opens_at > self.now:
            return "upcoming"
        return "closed" if poll.is_closed(self.now) else "open"


# --- Action groups --------------------------------------------------------------------------------


class ActionGroupFilter(StrictFilterSet):
    process = IdFilter(method="filter_process", help_text=_("Only groups of this process (id)."))
    field_of_action = django_filters.CharFilter(
        method="filter_field_of_action",
        help_text=_("Only groups working in this field of action (slug)."),
    )
    municipality = django_filters.ChoiceFilter(
        choices=MUNICIPALITY_CHOICES,
        help_text=_("Only groups of this municipality (its name as the platform spells it)."),
    )
    changed_since = ChangedSinceFilter(field_name="updated_at")

    class Meta:
        model = ActionGroup
        fields = []

    def filter_process(self, queryset, name, value):
        return queryset.filter(process_id=value, process__in=public_pages().values("pk"))

    def filter_field_of_action(self, queryset, name, value):
        tagged = ActionGroup.fields_of_action.through.objects.filter(fieldofaction__slug=value)
        return queryset.filter(pk__in=tagged.values("actiongroup_id"))


class ActionGroupResource(ContributionResource):
    """Action groups that everybody may read; the pages they name only when those are public."""

    serializer_class = ActionGroupSerializer
    filterset_class = ActionGroupFilter
    ordering = "-created_at"
    ordering_fields = {
        name: name for name in ("created_at", "updated_at", "member_count", "comment_count")
    }

    def get_queryset(self):
        return (
            ActionGroup.objects.readable()
            .select_related("proposal")
            .prefetch_related("fields_of_action", "undertakings")
        )

    def prepare(self, items):
        ids = set()
        for group in items:
            ids.update((group.vision_id, group.process_id))
            if group.proposal is not None:
                ids.add(group.proposal.process_id)
        ids.discard(None)
        self._public_page_ids = (
            set(public_pages().filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
        )

    def public_page_ids(self):
        return self._public_page_ids
