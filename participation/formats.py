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

    def __init__(self, page, url, start=None):
        self.title = page.title
        self.url = url
        self.start = start
        self.kind = page._meta.verbose_name


def _suggestions(model, slugs, stages, language, now, request):
    formats = (
        model.objects.live()
        .public()
        .filter(locale__language_code=language)
        .filter(stage_condition(stages))
        .filter(
            pk__in=model.objects.filter(fields_of_action__slug__in=slugs).values("pk"),
        )
    )
    if is_event_model(model):
        formats = formats.filter(end__gte=now).order_by("start", "pk")
        fields = ("title", "url_path", "locale_id", "start", "end")
    else:
        formats = formats.order_by("title", "pk")
        fields = ("title", "url_path", "locale_id")
    found = formats.only(*fields)[:LIMIT]
    return [
        SuggestedFormat(page, page.get_url(request), getattr(page, "start", None)) for page in found
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


def suitable_formats(request, group):
    """What the group page shows under "Passende Formate": upcoming events and learning paths
    (``formats_events``, ``formats_others``; at most :data:`LIMIT` each) in the reader's
    language that share a field of action with ``group`` and suit one of its stages; when none
    fits, ``formats_indexes`` lists where all of them are. A constant number of queries."""
    language = get_language()
    now = timezone.now()
    slugs = list(group.fields_of_action.values_list("slug", flat=True))
    stages = group_stages(group.undertakings.values_list("status", flat=True))
    models = format_page_models()
    events, others = [], []
    if slugs and stages:
        for model in models:
            found = _suggestions(model, slugs, stages, language, now, request)
            (events if is_event_model(model) else others).extend(found)
    any_found = bool(events or others)
    return {
        "formats_events": events,
        "formats_others": others,
        "formats_any": any_found,
        "formats_stages": [Stage(stage).label for stage in sorted(stages)],
        "formats_indexes": [] if any_found else _indexes(models, language, request),
    }
