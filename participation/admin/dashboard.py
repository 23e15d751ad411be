"""The admin dashboard's panels, one per kind of open work, each shown only to the people whose
role does that work: moderators see reports, waiting contributions, notices and the log; editors
see qualified proposals without an answer, pages in review, the coming events' registrations and
their drafts; administrators see all of them.

Every panel costs the same few queries however much work is open: a count and the newest
``SHOWN`` items, each linked to where the work is done, and a link to the whole list, filtered.
"""

from datetime import timedelta

from django.db.models import CharField, Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from wagtail.admin.ui.components import Component
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    TaskState,
    WorkflowState,
    get_page_models,
)
from wagtail.models.content_types import get_default_page_content_type
from wagtail.permissions import page_permission_policy

from .. import rules
from ..models import EventRegistration, IllegalContentNotice, ModerationLogEntry, Proposal
from .blocks import log_permission_policy, moderator_name
from .moderation_queue import Tab, load_items, queue_rows
from .notices import notice_permission_policy
from .registrations import registration_permission_policy

# How many items a panel lists; the count and the link cover the rest.
SHOWN = 5
# How far ahead the registrations panel looks.
UPCOMING_DAYS = 14
# How far back the moderation log panel counts.
LOG_DAYS = 7


class Line:
    """One item in a panel: what it is, where it is worked on, and a short fact about it."""

    def __init__(self, label, url, detail="", time=None):
        self.label = label
        self.url = url
        self.detail = detail
        self.time = time


class DashboardPanel(Component):
    """A panel with a heading, a sentence with the count, the newest lines and a link to the
    whole list. Subclasses say who sees it (:meth:`shown_to`) and fill :meth:`work`, which
    returns ``(count, lines, list_url)``."""

    template_name = "participation/admin/dashboard_panel.html"
    name = ""
    heading = ""
    # ngettext_lazy with a %(count)d placeholder
    count_text = None
    empty_text = ""
    list_label = ""
    order = 100

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        count, lines, list_url = self.work(request)
        return {
            "panel_id": f"dashboard-{self.name}",
            "heading": self.heading,
            "count": count,
            "summary": (self.count_text % {"count": count}) if count else self.empty_text,
            "lines": lines,
            "list_url": list_url if count else None,
            "list_label": self.list_label,
        }


def queue_url(tab):
    return f"{reverse('moderation:queue')}?{urlencode({'tab': tab})}"


def queue_lines(rows):
    """The queue's items for ``rows`` as lines, linked to their inspect views."""
    lines = []
    for item in load_items(rows):
        label = item.queue_title or item.queue_text
        lines.append(
            Line(
                label=label[:80] + ("…" if len(label) > 80 else ""),
                url=item.inspect_url,
                detail=item.kind,
                time=item.created_at,
            )
        )
    return lines


class OpenReportsPanel(DashboardPanel):
    name = "open_reports"
    heading = _("Reported contributions")
    count_text = ngettext_lazy(
        "%(count)d contribution has open reports.",
        "%(count)d contributions have open reports.",
        "count",
    )
    empty_text = _("No open reports.")
    list_label = _("Open the reported ones in the moderation queue")
    order = 10

    @classmethod
    def shown_to(cls, user):
        return rules.may_use_moderation_queue(user)

    def work(self, request):
        rows = queue_rows(Tab.REPORTED)
        return rows.count(), queue_lines(list(rows[:SHOWN])), queue_url(Tab.REPORTED)


class WaitingContributionsPanel(DashboardPanel):
    name = "waiting"
    heading = _("Waiting for moderation")
    count_text = ngettext_lazy(
        "%(count)d contribution waits for a moderator.",
        "%(count)d contributions wait for a moderator.",
        "count",
    )
    empty_text = _("Nothing waits for moderation.")
    list_label = _("Open the waiting ones in the moderation queue")
    order = 20

    @classmethod
    def shown_to(cls, user):
        return rules.may_use_moderation_queue(user)

    def work(self, request):
        rows = queue_rows(Tab.PENDING)
        newest = list(rows.order_by("-created_at")[:SHOWN])
        return rows.count(), queue_lines(newest), queue_url(Tab.PENDING)


class OpenNoticesPanel(DashboardPanel):
    name = "notices"
    heading = _("Notices of illegal content")
    count_text = ngettext_lazy(
        "%(count)d notice is not handled yet.", "%(count)d notices are not handled yet.", "count"
    )
    empty_text = _("All notices are handled.")
    list_label = _("Open the notices not handled yet")
    order = 30

    @classmethod
    def shown_to(cls, user):
        return notice_permission_policy.user_has_permission(user, "view")

    def work(self, request):
        notices = IllegalContentNotice.objects.filter(handled_at=None).order_by("-created_at")
        lines = [
            Line(
                label=notice.url,
                url=reverse("notices:inspect", args=[notice.pk]),
                detail=notice.get_reason_display(),
                time=notice.created_at,
            )
            for notice in notices[:SHOWN]
        ]
        index = reverse("notices:index")
        return notices.count(), lines, f"{index}?{urlencode({'handled': 'false'})}"


class ModerationLogPanel(DashboardPanel):
    name = "moderation_log"
    heading = _("Moderation log")
    count_text = ngettext_lazy(
        "%(count)d moderation action in the last 7 days.",
        "%(count)d moderation actions in the last 7 days.",
        "count",
    )
    empty_text = _("No moderation actions in the last 7 days.")
    list_label = _("Open the moderation log")
    order = 40

    @classmethod
    def shown_to(cls, user):
        return log_permission_policy.user_has_permission(user, "view")

    def work(self, request):
        since = timezone.now() - timedelta(days=LOG_DAYS)
        entries = ModerationLogEntry.objects.select_related("moderator").order_by(
            "-created_at", "-pk"
        )
        lines = [
            Line(
                label=entry.target_label,
                url=reverse("moderation_log:inspect", args=[entry.pk]),
                detail=f"{entry.get_action_display()} · {moderator_name(entry)}",
                time=entry.created_at,
            )
            for entry in entries[:SHOWN]
        ]
        count = entries.filter(created_at__gte=since).count()
        if not count:
            return 0, lines, None
        return count, lines, reverse("moderation_log:index")


def awaiting_answer():
    """Proposals that reached their process's support threshold and have no official answer
    yet (and are still up: not withdrawn, not hidden)."""
    return Proposal.objects.filter(
        qualified_at__isnull=False,
        answered_at=None,
        withdrawn_at=None,
        moderation=Proposal.Moderation.PUBLISHED,
    )


class QualifiedProposalsPanel(DashboardPanel):
    name = "qualified_proposals"
    heading = _("Qualified proposals without an answer")
    count_text = ngettext_lazy(
        "%(count)d proposal reached its support threshold and waits for an official answer.",
        "%(count)d proposals reached their support threshold and wait for an official answer.",
        "count",
    )
    empty_text = _("Every qualified proposal has an official answer.")
    list_label = _("Open these proposals")
    order = 50

    @classmethod
    def shown_to(cls, user):
        return rules.may_answer_proposals(user)

    def work(self, request):
        proposals = awaiting_answer().select_related("process").order_by("qualified_at", "pk")
        lines = [
            Line(
                label=proposal.title,
                url=reverse("proposals:edit", args=[proposal.pk]),
                detail=proposal.process.title,
                time=proposal.qualified_at,
            )
            for proposal in proposals[:SHOWN]
        ]
        index = reverse("proposals:index")
        query = urlencode({"qualified": "true", "answered": "false", "moderation": "published"})
        return proposals.count(), lines, f"{index}?{query}"


def page_lines(states):
    """Lines for workflow states of pages (``states`` a list of ``(page id, time)``): the
    pages' titles in one query, each linked to its editor, where the workflow actions are."""
    pages = Page.objects.in_bulk([page_id for page_id, _time in states])
    return [
        Line(
            label=pages[page_id].get_admin_display_title(),
            url=reverse("wagtailadmin_pages:edit", args=[page_id]),
            time=time,
        )
        for page_id, time in states
        if page_id in pages
    ]


def page_states(states):
    """``(page id, time)`` of the newest ``SHOWN`` of ``states`` (workflow states of pages)."""
    rows = states.filter(base_content_type=get_default_page_content_type()).values_list(
        "object_id", "created_at"
    )
    return [(int(object_id), time) for object_id, time in rows[:SHOWN]]


class PagesToReviewPanel(DashboardPanel):
    name = "pages_to_review"
    heading = _("Pages waiting for your approval")
    count_text = ngettext_lazy(
        "%(count)d page waits for your approval.",
        "%(count)d pages wait for your approval.",
        "count",
    )
    empty_text = _("No page waits for your approval.")
    order = 60

    @classmethod
    def shown_to(cls, user):
        return user.is_superuser or (
            GroupApprovalTask.objects.filter(active=True, groups__user=user).exists()
        )

    def work(self, request):
        states = (
            TaskState.objects.reviewable_by(request.user)
            .filter(workflow_state__status=WorkflowState.STATUS_IN_PROGRESS)
            .order_by("-started_at", "-pk")
        )
        newest = [
            (int(object_id), started_at)
            for object_id, started_at in states.values_list(
                "workflow_state__object_id", "started_at"
            )[:SHOWN]
        ]
        return states.count(), page_lines(newest), None


class OwnPagesInReviewPanel(DashboardPanel):
    name = "own_pages_in_review"
    heading = _("Your pages in review")
    count_text = ngettext_lazy(
        "%(count)d page you submitted waits for approval.",
        "%(count)d pages you submitted wait for approval.",
        "count",
    )
    empty_text = _("None of your pages waits for approval.")
    order = 70

    @classmethod
    def shown_to(cls, user):
        return may_edit_pages(user)

    def work(self, request):
        states = (
            WorkflowState.objects.active()
            .filter(requested_by=request.user)
            .order_by("-created_at", "-pk")
        )
        return states.count(), page_lines(page_states(states)), None


def may_edit_pages(user):
    return page_permission_policy.user_has_any_permission(user, ["add", "change"])


class OwnDraftsPanel(DashboardPanel):
    name = "own_drafts"
    heading = _("Your drafts")
    count_text = ngettext_lazy(
        "%(count)d page you last changed has unpublished changes.",
        "%(count)d pages you last changed have unpublished changes.",
        "count",
    )
    empty_text = _("You have no unpublished drafts.")
    order = 90

    @classmethod
    def shown_to(cls, user):
        return may_edit_pages(user)

    def work(self, request):
        drafts = (
            Page.objects.filter(has_unpublished_changes=True, latest_revision__user=request.user)
            .exclude(
                # Submitted ones are in "Your pages in review". The workflow names its object
                # by a text id (PostgreSQL compares no text with a number).
                Exists(
                    WorkflowState.objects.active().filter(
                        base_content_type=get_default_page_content_type(),
                        object_id=Cast(OuterRef("pk"), CharField()),
                    )
                )
            )
            .order_by("-latest_revision_created_at", "-pk")
        )
        lines = [
            Line(
                label=page.get_admin_display_title(),
                url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
                time=page.latest_revision_created_at,
            )
            for page in drafts.only("pk", "title", "draft_title", "latest_revision_created_at")[
                :SHOWN
            ]
        ]
        return drafts.count(), lines, None


def event_page_models():
    return [model for model in get_page_models() if rules.is_event(model)]


class UpcomingRegistrationsPanel(DashboardPanel):
    name = "upcoming_registrations"
    heading = _("Registrations for the next 14 days")
    count_text = ngettext_lazy(
        "%(count)d event with registration in the next 14 days.",
        "%(count)d events with registration in the next 14 days.",
        "count",
    )
    empty_text = _("No event with registration in the next 14 days.")
    list_label = _("Open all registrations")
    order = 80

    @classmethod
    def shown_to(cls, user):
        return registration_permission_policy.user_has_permission(user, "view")

    def upcoming_events(self):
        """The events starting in the next 14 days that take registrations, one per event (the
        default language's version where there is one), soonest first."""
        now = timezone.now()
        default_locale = Locale.get_default().pk
        events = {}
        for model in event_page_models():
            candidates = (
                model.objects.filter(
                    registration_enabled=True,
                    start__gte=now,
                    start__lt=now + timedelta(days=UPCOMING_DAYS),
                )
                .only("pk", "title", "translation_key", "locale_id", "start", "capacity")
                .order_by("start", "pk")
            )
            for event in candidates:
                known = events.get(event.translation_key)
                if known is None or event.locale_id == default_locale:
                    events[event.translation_key] = event
        return sorted(events.values(), key=lambda event: (event.start, event.pk))

    def work(self, request):
        events = self.upcoming_events()
        totals = (
            EventRegistration.objects.filter(
                event__translation_key__in=[event.translation_key for event in events]
            )
            .values("event__translation_key")
            .annotate(
                taken=Sum("places", filter=Q(status=EventRegistration.Status.CONFIRMED)),
                waiting=Count("pk", filter=Q(status=EventRegistration.Status.WAITING)),
            )
        )
        by_event = {row["event__translation_key"]: row for row in totals}
        index = reverse("event_registrations:index")
        lines = []
        for event in events[:SHOWN]:
            row = by_event.get(event.translation_key, {})
            taken, waiting = row.get("taken") or 0, row.get("waiting") or 0
            if event.capacity is None:
                detail = PLACES_TAKEN % {"taken": taken}
            else:
                detail = PLACES_OF % {"taken": taken, "capacity": event.capacity}
            if waiting:
                detail = f"{detail} · {WAITING % {'count': waiting}}"
            lines.append(
                Line(
                    label=event.title,
                    url=f"{index}?{urlencode({'event': event.pk})}",
                    detail=detail,
                    time=event.start,
                )
            )
        return len(events), lines, index


PLACES_TAKEN = ngettext_lazy("%(taken)d place taken", "%(taken)d places taken", "taken")
PLACES_OF = ngettext_lazy(
    "%(taken)d of %(capacity)d place taken", "%(taken)d of %(capacity)d places taken", "capacity"
)
WAITING = ngettext_lazy("%(count)d on the waiting list", "%(count)d on the waiting list", "count")

PANELS = (
    OpenReportsPanel,
    WaitingContributionsPanel,
    OpenNoticesPanel,
    ModerationLogPanel,
    QualifiedProposalsPanel,
    PagesToReviewPanel,
    OwnPagesInReviewPanel,
    UpcomingRegistrationsPanel,
    OwnDraftsPanel,
)

# Wagtail's own panels that ours replace: they list the same pages with a query per page.
REPLACED = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


def construct_homepage_panels(request, panels):
    """Wagtail's hook: the panels of the person's roles instead of Wagtail's workflow lists."""
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED]
    panels.extend(panel() for panel in PANELS if panel.shown_to(request.user))
