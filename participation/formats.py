"""Kompetenzaufbau for action groups: the formats (events, learning paths) that fit a group's
fields of action and the stage of its undertakings ("Passende Formate").

Participation never imports the page apps: the formats are the page types that inherit
:class:`participation.hosts.CompetenceFormatMixin`, and they are read by its contract
(``fields_of_action``; ``start`` and ``end`` for events).
"""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language

from wagtail.models import Page, get_page_models

from cms import layout

from .models import CompetenceFormatHost, Stage, Undertaking

# How many of each kind (events, other formats) a group page suggests.
LIMIT = 3


def format_page_models():
    """The page types that are formats for action groups, events first."""
    models = [
        model
        for model in get_page_models()
        if issubclass(model, CompetenceFormatHost) and not model._meta.abstract
    ]
    return sorted(models, key=lambda model: (not is_event_model(model), model.__name__))


def is_event_model(model):
    """Whether the format has a date: its host declares ``start`` and ``end``."""
    names = {field.name for field in model._meta.get_fields()}
    return {"start", "end"} <= names


def group_stages(statuses):
    """The stages a group with undertakings of ``statuses`` is in: from each undertaking's
    status (done and paused ones count for none); a group without undertakings is founding."""
    statuses = list(statuses)
    if not statuses:
        return {Stage.FOUNDING}
    return {Undertaking.STAGE[status] for status in statuses if status in Undertaking.STAGE}


def stage_condition(stages):
    condition = Q()
    for stage in stages:
        condition |= Q(**{f"suits_{stage}": True})
    return condition


class SuggestedFormat:
    """One line under "Passende Formate": everything the template shows."""

    def __init__(self, page, url, slugs, start=None, end=None):
        self.title = page.title
        self.url = url
        self.start = start
        self.end = end
        self.kind = str(page._meta.verbose_name)
        self.slugs = frozenset(slugs)
        self.stages = frozenset(page.suited_stages)

    def fits(self, slugs, stages, now):
        return (
            bool(self.slugs & slugs)
            and bool(self.stages & stages)
            and (self.end is None or self.end >= now)
        )


def _catalogue_of(model, language, now, request):
    """Every live, public format of ``model`` in ``language`` that suits some stage (events:
    those not over at ``now``), in the order the group page lists them."""
    formats = (
        model.objects.live()
        .public()
        .filter(locale__language_code=language)
        .filter(stage_condition(Stage.values))
        .prefetch_related("fields_of_action")
    )
    stage_fields = [f"suits_{stage}" for stage in Stage.values]
    if is_event_model(model):
        formats = formats.filter(end__gte=now).order_by("start", "pk")
        fields = ("title", "url_path", "locale_id", "start", "end", *stage_fields)
    else:
        formats = formats.order_by("title", "pk")
        fields = ("title", "url_path", "locale_id", *stage_fields)
    return [
        SuggestedFormat(
            page,
            page.get_url(request),
            [field.slug for field in page.fields_of_action.all()],
            getattr(page, "start", None),
            getattr(page, "end", None),
        )
        for page in formats.only(*fields)
    ]


def _indexes(models, language, request):
    """Where all formats are listed (the pages that hold them) in the reader's language."""
    parents = {
        parent
        for model in models
        for parent in model.allowed_parent_page_models()
        if parent is not Page
    }
    if not parents:
        return []
    pages = (
        Page.objects.live()
        .public()
        .type(*parents)
        .filter(locale__language_code=language)
        .order_by("path")
        .only("title", "url_path", "locale_id")
    )
    return [{"title": page.title, "url": page.get_url(request)} for page in pages]


def catalogue(request):
    """The formats of this site and language, as (events, other formats, indexes): from the
    layout cache, which a published or changed page renews (``cms.layout``); events that end
    before the cached catalogue is read are left out when it is read."""

    def compute():
        language = get_language()
        now = timezone.now()
        models = format_page_models()
        events, others = [], []
        for model in models:
            found = _catalogue_of(model, language, now, request)
            (events if is_event_model(model) else others).extend(found)
        return events, others, _indexes(models, language, request)

    return layout.cached(request, "competence_formats", compute)


def suitable_formats(request, group):
    """What the group page shows under "Passende Formate": upcoming events and learning paths
    (``formats_events``, ``formats_others``; at most :data:`LIMIT` each) in the reader's
    language that share a field of action with ``group`` and suit one of its stages; when none
    fits, ``formats_indexes`` lists where all of them are.

    One query (the stages of the group's undertakings); the group's fields of action are read
    from its prefetched relation, and the formats from the cached :func:`catalogue`.
    """
    now = timezone.now()
    slugs = frozenset(field.slug for field in group.fields_of_action.all())
    stages = group_stages(group.undertakings.values_list("status", flat=True))
    events, others, indexes = catalogue(request)
    events = [item for item in events if item.fits(slugs, stages, now)][:LIMIT]
    others = [item for item in others if item.fits(slugs, stages, now)][:LIMIT]
    any_found = bool(events or others)
    return {
        "formats_events": events,
        "formats_others": others,
        "formats_any": any_found,
        "formats_stages": [Stage(stage).label for stage in sorted(stages)],
        "formats_indexes": [] if any_found else indexes,
    }
