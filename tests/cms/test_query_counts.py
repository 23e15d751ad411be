"""What an uncached page of every public type costs in queries on the demo content, once the
page-frame cache is warm (``queries_of`` makes the warm-up request), and that the cost does not
grow with the content: more stories, events, places and comments cost the same queries.

A page without participation lists may take at most ten queries; the pages that show
proposals, comments or action groups have ceilings of their own and must not grow either.
"""

import datetime
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale, Page

from cms.taxonomy import FieldOfAction
from home.models import EventPage, LearningPathPage, PlacePage, StoryPage
from participation.models import Comment, Proposal
from tests.conftest import queries_of
from tests.home.factories import EventPageFactory, PlacePageFactory, StoryPageFactory
from visions.models import VisionPage

# The ceiling of each page type without participation lists (issue 18: at most ten).
PLAIN_PAGE_CEILING = 10
# Pages that list proposals, comments or action groups: what they cost today. The process page
# reads the page's proposal ids by the index first, then their rows (one query more, a tenth of
# the time at 8,000 proposals).
# The home page shows what is happening now (home.now): pins, running processes and their
# phases, events, stories with their fields of action and renditions, open needs, the indexes'
# addresses, featured groups and its poll, each one query.
PARTICIPATION_CEILINGS = {
    "home": 17,
    "process": 9,
    "proposal": 10,
    "vision": 13,
    # Their event cards say how many places are free: one query for all of them.
    "topic": 11,
    "event index": 11,
    # In English the places of the filter and of the cards are looked up in English too (a
    # query each: translated events keep pointing at the German place).
    "English event index": 13,
}


def _first(model):
    return model.objects.live().filter(locale__language_code="de").order_by("path").first()


def _type_path(type_name):
    return (
        Page.objects.live()
        .filter(locale__language_code="de", content_type__model=type_name)
        .order_by("path")
        .first()
        .url
    )


def page_paths():
    """{page type: address} of one German page of every public type of the demo."""
    learning_path = _first(LearningPathPage).url
    proposal = Proposal.objects.order_by("-comment_count", "pk").first()
    return {
        "home": "/de/",
        "story index": _type_path("storyindexpage"),
        "story": _first(StoryPage).url,
        "topic index": _type_path("topicindexpage"),
        "topic": _type_path("topicpage"),
        "event index": _type_path("eventindexpage"),
        "event": _first(EventPage).url,
        "place index": _type_path("placeindexpage"),
        "place": _first(PlacePage).url,
        "learning path index": _type_path("learningpathindexpage"),
        "learning path": learning_path,
        "learning path step": f"{learning_path}2/",
        "process index": _type_path("processindexpage"),
        "process": proposal.process.specific.url,
        "proposal": proposal.get_url(None),
        "vision index": _type_path("visionindexpage"),
        "vision": _type_path("visionpage"),
        "search": "/de/suche/?q=dorf",
        "standard page": _type_path("standardpage"),
        "easy read page": _type_path("easyreadpage"),
        "accessibility statement": _type_path("accessibilitystatementpage"),
        # English indexes also list what exists only in German (issue 20).
        "English story index": _english(_type_path("storyindexpage")),
        "English event index": _english(_type_path("eventindexpage")),
        "English place index": _english(_type_path("placeindexpage")),
        "English process index": _english(_type_path("processindexpage")),
    }


def _english(german_url):
    """The address of the English translation of the German page at ``german_url``."""
    german = Page.objects.get(url_path__endswith=german_url.removeprefix("/de"), depth__gt=2)
    return german.get_translation(Locale.objects.get(language_code="en")).url


def counts(client, paths):
    found = {}
    for name, path in paths.items():
        response, queries = queries_of(client, path)
        assert response.status_code == 200, (name, path, response.status_code)
        found[name] = len(queries)
    return found


def ceiling(name):
    return PARTICIPATION_CEILINGS.get(name, PLAIN_PAGE_CEILING)


def test_every_page_type_stays_within_its_query_ceiling(client, demo):
    paths = page_paths()
    found = counts(client, paths)
    over = {name: count for name, count in found.items() if count > ceiling(name)}
    assert not over, f"queries over the ceiling: {over} (all: {found})"


def grow_the_content():
    """Five more stories, upcoming events and places in every field of action, and twelve
    comments (with replies) on the story, the proposal and the vision that are measured."""
    fields = list(FieldOfAction.objects.filter(locale__language_code="de"))
    story_index = Page.objects.get(url_path__endswith="/geschichten/", locale__language_code="de")
    event_index = Page.objects.get(
        url_path__endswith="/veranstaltungen/", locale__language_code="de"
    )
    place_index = Page.objects.get(url_path__endswith="/orte/", locale__language_code="de")
    soon = timezone.now() + datetime.timedelta(days=3)
    later = soon + datetime.timedelta(hours=2)
    for _number in range(5):
        for factory, parent, extra in (
            (StoryPageFactory, story_index, {}),
            (EventPageFactory, event_index, {"start": soon, "end": later}),
            (PlacePageFactory, place_index, {}),
        ):
            page = factory(parent=parent, slug=f"mehr-{uuid.uuid4().hex[:8]}", **extra)
            page.fields_of_action.set(fields)
            page.save_revision().publish()
    people = list(get_user_model().objects.order_by("pk")[:5])
    proposal = Proposal.objects.order_by("-comment_count", "pk").first()
    targets = [proposal, _first(StoryPage), _first(VisionPage)]
    for target in targets:
        comments = Comment.objects.bulk_create(
            Comment(
                target=target,
                process_id=getattr(target, "process_id", None),
                author=people[n % len(people)],
                text=f"Noch ein Gedanke {n}",
            )
            for n in range(12)
        )
        Comment.objects.bulk_create(
            Comment(
                target=target,
                process_id=getattr(target, "process_id", None),
                author=people[n % len(people)],
                text="Eine Antwort",
                parent=comment,
            )
            for n, comment in enumerate(comments[:4])
        )
        Comment.objects.filter(pk__in=[c.pk for c in comments[:4]]).update(reply_count=1)
    Proposal.objects.filter(pk=proposal.pk).update(
        comment_count=Comment.objects.on(proposal).count()
    )


def test_query_counts_do_not_grow_with_the_content(client, demo):
    paths = page_paths()
    # Once first, so that the counts before already include a comment thread of each kind
    # (its first comment adds the thread's own queries).
    grow_the_content()
    before = counts(client, paths)
    grow_the_content()
    after = counts(client, paths)
    grown = {name: (before[name], after[name]) for name in paths if after[name] > before[name]}
    assert not grown, f"queries grew with the content (before, after): {grown}"
