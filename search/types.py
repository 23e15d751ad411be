"""The kinds of results as readers name them ("Geschichten", "Vorschläge"), for the type filter
and the label of each result: several models may make one kind (an action group and its
undertakings), and every page type without a kind of its own is a "page" (the home page,
standard pages, the overviews)."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ResultType:
    value: str  # in the address: ?type=stories
    singular: str
    plural: str
    models: tuple = ()  # "app_label.model"; none for the pages, which take everything else

    @property
    def label(self):
        return capfirst(self.plural)

    @property
    def item_label(self):
        return capfirst(self.singular)

    def content_type_ids(self):
        """The content types of this kind that exist (the ids are cached by Django)."""
        ids = []
        for natural_key in self.models:
            try:
                ids.append(ContentType.objects.get_by_natural_key(*natural_key.split(".")).pk)
            except ContentType.DoesNotExist:
                continue
        return ids


PAGES = ResultType("pages", _("Page"), _("Pages"))
RESULT_TYPES = (
    ResultType("proposals", _("proposal"), _("proposals"), ("participation.proposal",)),
    ResultType("comments", _("comment"), _("comments"), ("participation.comment",)),
    ResultType(
        "groups",
        _("action group"),
        _("action groups"),
        ("participation.actiongroup", "participation.undertaking"),
    ),
    ResultType("processes", _("process"), _("processes"), ("visions.processpage",)),
    ResultType("visions", _("vision"), _("visions"), ("visions.visionpage",)),
    ResultType("fields", _("field of action"), _("fields of action"), ("home.topicpage",)),
    ResultType("stories", _("story"), _("stories"), ("home.storypage",)),
    ResultType("events", _("event"), _("events"), ("home.eventpage",)),
    ResultType("places", _("place"), _("places"), ("home.placepage",)),
    ResultType("learning", _("learning path"), _("learning paths"), ("home.learningpathpage",)),
    PAGES,
)
BY_VALUE = {result_type.value: result_type for result_type in RESULT_TYPES}


def result_type_named(value):
    """The kind a type filter's value names, or None."""
    return BY_VALUE.get(value)


def named_content_type_ids():
    """{content type id: kind} of every kind but the pages."""
    return {
        content_type_id: result_type
        for result_type in RESULT_TYPES
        for content_type_id in result_type.content_type_ids()
    }


def result_type_of(content_type_id, named=None):
    """The kind of a row of that content type: its own, or a page."""
    named = named_content_type_ids() if named is None else named
    return named.get(content_type_id, PAGES)


def type_filter(result_type):
    """(ids, inverted): the rows of ``result_type`` are those with one of the content types
    ``ids`` or, if ``inverted`` (the pages), with none of them."""
    if result_type is PAGES:
        return list(named_content_type_ids()), True
    return result_type.content_type_ids(), False
