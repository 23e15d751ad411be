"""What the home page shows of what is happening now: the running processes with what residents
can do in them and until when, the next events, the newest stories and the open needs of the
board; pages editors pinned come first in their section.

Computed on every request that reaches the application, from today's date: the page's shared
copy lives at most ``SHARED_MAX_AGE`` seconds and publishing starts a new page cache generation
(``cms.pagecache``), so a new story shows at once and a new phase without anybody editing. No
application cache may keep these lists: a phase changes without a save.

Each section is one query whatever the number of pages (pinned ones are ordered first inside
it), and only readable things appear: live pages outside private sections in the home page's
language, published entries of published groups.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail.models import Page

from cms.listing import fields_of_action_for, label_fields_of_action, listed, not_in_private_section
from participation.models import ActionGroup, BoardEntry
from visions.models import ProcessIndexPage, ProcessPage, ProcessPhase

from .models.events import EventIndexPage, EventPage, localized_places, with_seats
from .models.stories import StoryIndexPage, StoryPage

# How many items each section shows.
PROCESSES = 3
EVENTS = 4
STORIES = 3
NEEDS = 3


def pinned_first(keys):
    """An order expression: the pages of ``keys`` (translation keys) in the editors' order,
    then everything else."""
    if not keys:
        return Value(0)
    return Case(
        *[When(translation_key=key, then=Value(order)) for order, key in enumerate(keys)],
        default=Value(len(keys)),
        output_field=IntegerField(),
    )


def pages_of(model, home):
    """Live pages of ``model`` in the home page's language, outside private sections."""
    return model.objects.live().filter(not_in_private_section(), locale_id=home.locale_id)


def _day(value, today):
    """A date as people say it, without the year when it is this year's; in ``<time>``."""
    fmt = "MONTH_DAY_FORMAT" if value.year == today.year else "DATE_FORMAT"
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), formats.date_format(value, fmt)
    )


def phase_call(phase, today):
    """What residents can do in ``phase`` and until when, as HTML: "Submit proposals until
    20 December"."""
    date = _day(phase.end, today)
    if phase.allows_submit:
        return format_html(_("Submit proposals until {date}"), date=date)
    if phase.allows_support:
        return format_html(_("Support proposals until {date}"), date=date)
    if phase.allows_comment:
        return format_html(_("Discuss proposals until {date}"), date=date)
    return format_html(_("{phase} until {date}"), phase=phase.title, date=date)


def running_processes(request, home, keys, today):
    """The processes with a phase running today (and pinned ones in any state), each with its
    phase, what residents can do and until when, and where to do it."""
    running = Exists(
        ProcessPhase.objects.filter(process=OuterRef("pk"), start__lte=today, end__gte=today)
    )
    processes = (
        pages_of(ProcessPage, home)
        .filter(Q(running) | Q(translation_key__in=keys))
        .prefetch_related("phases")
        .order_by(pinned_first(keys), "title", "pk")
        .defer_streamfields()[:PROCESSES]
    )
    items = []
    for process in processes:
        timeline = process.phase_timeline(today)
        phase = next((phase for phase in timeline if phase.is_active), None)
        upcoming = next((phase for phase in timeline if phase.start > today), None)
        if phase is not None:
            call = phase_call(phase, today)
        elif upcoming is not None:
            call = format_html(_("Starts on {date}"), date=_day(upcoming.start, today))
        else:
            call = _("Finished")
        url = process.get_url(request)
        items.append(
            {
                "title": process.title,
                "question": process.question,
                "url": url,
                "phase": phase.title if phase else "",
                "call": call,
                "submit_url": (
                    process.submit_url(request) if phase and phase.allows_submit else None
                ),
            }
        )
    return items


def next_events(request, home, keys):
    """The next events that have not ended (pinned ones first), when and where, with their
    places (one query for all of them)."""
    events = list(
        pages_of(EventPage, home)
        .filter(end__gte=timezone.now())
        .select_related("place")
        .order_by(pinned_first(keys), "start", "pk")
        .defer_streamfields()[:EVENTS]
    )
    places = localized_places(events)
    with_seats(events)
    return [
        {
            "title": event.title,
            "url": event.get_url(request),
            "when_where": event.describe_briefly(places.get(event.pk)),
            "seats": event.seats,
        }
        for event in events
    ]


def newest_stories(request, home, keys):
    """The newest stories (pinned ones first), ready for the teaser component."""
    stories = list(
        listed(pages_of(StoryPage, home)).order_by(pinned_first(keys), "-date", "-pk")[:STORIES]
    )
    label_fields_of_action(stories, fields_of_action_for(request))
    for story in stories:
        story.listing_meta = formats.date_format(story.date, "DATE_FORMAT")
    return stories


def open_needs(request):
    """The newest open needs of readable action groups on the board."""
    entries = (
        BoardEntry.objects.readable()
        .filter(kind=BoardEntry.Kind.NEED, closed_at=None)
        .filter(group__in=ActionGroup.objects.readable().values("pk"))
        .select_related("group")
        .only("pk", "title", "municipality", "group__id", "group__name")
        .order_by("-created_at", "-pk")[:NEEDS]
    )
    return [
        {
            "title": entry.title,
            "url": entry.get_url(request),
            "group": entry.group.name,
            "group_url": entry.group.get_url(request),
            "municipality": entry.municipality or _("Region-wide"),
        }
        for entry in entries
    ]


def index_urls(request, home):
    """{"processes", "events", "stories": the address of the home page's index of each, or
    ""}, in one query."""
    kinds = {
        ContentType.objects.get_for_model(model).pk: name
        for name, model in (
            ("processes", ProcessIndexPage),
            ("events", EventIndexPage),
            ("stories", StoryIndexPage),
        )
    }
    urls = dict.fromkeys(kinds.values(), "")
    indexes = (
        Page.objects.child_of(home)
        .live()
        .filter(content_type_id__in=kinds)
        .select_related("locale")
        .order_by("path")
    )
    for index in indexes:
        name = kinds[index.content_type_id]
        urls[name] = urls[name] or index.get_url(request)
    return urls


def happening_now(request, home, today=None):
    """Everything the home page shows of what is happening now (module docstring)."""
    today = today or timezone.localdate()
    keys = home.pinned_keys()
    return {
        "processes": running_processes(request, home, keys, today),
        "events": next_events(request, home, keys),
        "stories": newest_stories(request, home, keys),
        "needs": open_needs(request),
        "urls": {**index_urls(request, home), "board": reverse("participation:board")},
    }
