"""Participation over time for editors: how many proposals, supports, comments, ballots, event
registrations, new residents and group members the platform stores, per week or month, by field
of action, by municipality and by process.

Only what is stored is counted (nobody's reading is tracked), and only what everybody may read:
contributions through :meth:`ContributionQuerySet.readable` (published; hidden, pending and
deleted ones never count), supports of readable proposals, memberships of readable groups.

Each measure says which breakdowns apply to it (:attr:`Measure.dimensions`); a filter on a
breakdown that does not apply leaves the measure out with that reason instead of a wrong number.
Every figure is one aggregate query per measure (grouped by period or by breakdown), however
many rows or periods there are.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    Func,
    OuterRef,
    Q,
    Subquery,
    UUIDField,
    Value,
    When,
)
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.roles import RESIDENTS

from .models import (
    ActionGroup,
    Ballot,
    Comment,
    EventRegistration,
    Membership,
    Poll,
    Proposal,
    Support,
)

WEEK = "week"
MONTH = "month"
GRANULARITIES = {WEEK: _("Week"), MONTH: _("Month")}
PER = {WEEK: _("per week"), MONTH: _("per month")}

FIELD = "field"
MUNICIPALITY = "municipality"
PROCESS = "process"
DIMENSION_LABELS = {
    FIELD: _("field of action"),
    MUNICIPALITY: _("municipality"),
    PROCESS: _("process"),
}


@dataclass(frozen=True)
class Scope:
    """What the editor asked for: the days from ``start`` to ``end`` (both included, in the
    site's time zone), per ``granularity``, optionally one process (its ``translation_key``:
    the language versions of a process count together), one field of action (its slug, the
    same in every language) and one municipality."""

    start: datetime.date
    end: datetime.date
    granularity: str = MONTH
    process: object = None
    field: str = ""
    municipality: str = ""

    def filters(self):
        """{dimension: value} of the filters set."""
        chosen = {FIELD: self.field, MUNICIPALITY: self.municipality, PROCESS: self.process}
        return {dimension: value for dimension, value in chosen.items() if value}

    def bounds(self):
        """The first moment of ``start`` and of the day after ``end``, in the site's time zone."""
        zone = timezone.get_current_timezone()

        def midnight(day):
            return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)

        return midnight(self.start), midnight(self.end + datetime.timedelta(days=1))

    def period_of(self, day):
        """The first day of the week (Monday) or month of ``day``."""
        if self.granularity == WEEK:
            return day - datetime.timedelta(days=day.weekday())
        return day.replace(day=1)

    def periods(self):
        """The first day of every week (Monday) or month that the scope touches, in order."""
        if self.granularity == WEEK:
            day = self.start - datetime.timedelta(days=self.start.weekday())
            step = datetime.timedelta(days=7)
            periods = []
            while day <= self.end:
                periods.append(day)
                day += step
            return periods
        day = self.start.replace(day=1)
        periods = []
        while day <= self.end:
            periods.append(day)
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return periods


def proposal_type():
    return ContentType.objects.get_for_model(Proposal)


class Measure:
    """One kind of stored participation: its rows, the moment each happened and how each row
    belongs to a field of action, a municipality and a process (where it does)."""

    key = ""
    label = ""
    # What the page says it counts and under which breakdowns.
    explanation = ""
    date_field = "created_at"
    dimensions = ()

    def rows(self):
        raise NotImplementedError

    def group(self, dimension):
        """What a row is grouped by for ``dimension``: a lookup or an expression."""
        raise NotImplementedError

    def where(self, dimension, value):
        """The condition for rows under ``value`` of ``dimension``."""
        group = self.group(dimension)
        if isinstance(group, str):
            return Q(**{group: value})
        return Q(_statistics_key=value)

    def applies(self, dimension):
        return dimension in self.dimensions

    def missing(self, scope):
        """The filters of ``scope`` that do not apply to this measure."""
        return [dimension for dimension in scope.filters() if not self.applies(dimension)]

    def in_scope(self, scope):
        start, end = scope.bounds()
        rows = self.rows().filter(
            **{f"{self.date_field}__gte": start, f"{self.date_field}__lt": end}
        )
        for dimension, value in scope.filters().items():
            group = self.group(dimension)
            if not isinstance(group, str):
                rows = rows.alias(_statistics_key=group)
            rows = rows.filter(self.where(dimension, value))
        return rows

    def over_time(self, scope):
        """{first day of period: count} for the periods with rows: one query.

        SQLite truncates dates to the week or month in the site's time zone with a Python
        function per row (a second for 100,000 rows); there the query counts per hour in UTC
        with SQLite's own ``strftime`` (at most 8,784 rows a year), and the hours are added up
        into local weeks or months here: the same figures, as the site's time zone differs from
        UTC by whole hours."""
        rows = self.in_scope(scope).order_by()
        if connection.vendor == "sqlite":
            hour = Func(
                Value("%Y-%m-%d %H"),
                F(self.date_field),
                function="strftime",
                output_field=CharField(),
            )
            counts = rows.annotate(hour=hour).values("hour").annotate(count=Count("pk"))
            result = {}
            for text, count in counts.values_list("hour", "count"):
                moment = datetime.datetime.strptime(text, "%Y-%m-%d %H").replace(
                    tzinfo=datetime.UTC
                )
                period = scope.period_of(timezone.localtime(moment).date())
                result[period] = result.get(period, 0) + count
            return result
        trunc = TruncWeek if scope.granularity == WEEK else TruncMonth
        counts = (
            rows.annotate(period=trunc(self.date_field, output_field=DateField()))
            .values("period")
            .annotate(count=Count("pk"))
            .values_list("period", "count")
        )
        return {_as_date(period): count for period, count in counts}

    def by(self, scope, dimensions):
        """{(key of each of ``dimensions``, None for none): count}, grouped by all of them at
        once: one query, however many breakdowns are shown."""
        rows = self.in_scope(scope).order_by()
        names = []
        for dimension in dimensions:
            group = self.group(dimension)
            name = f"_statistics_{dimension}"
            rows = rows.annotate(**{name: F(group) if isinstance(group, str) else group})
            names.append(name)
        counts = rows.values(*names).annotate(count=Count("pk")).values_list(*names, "count")
        result = {}
        for *keys, count in counts:
            keys = tuple(key or None for key in keys)
            result[keys] = result.get(keys, 0) + count
        return result


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


class Proposals(Measure):
    key = "proposals"
    label = _("Proposals")
    explanation = _(
        "Published proposals by the day they were submitted (withdrawn ones too: they stay "
        "readable); under their field of action, municipality and process."
    )
    dimensions = (FIELD, MUNICIPALITY, PROCESS)
    GROUPS = {
        FIELD: "field_of_action__slug",
        MUNICIPALITY: "municipality",
        PROCESS: "process__translation_key",
    }

    def rows(self):
        return Proposal.objects.readable()

    def group(self, dimension):
        return self.GROUPS[dimension]


class Supports(Measure):
    key = "supports"
    label = _("Supports")
    explanation = _(
        "Supports of published proposals by the day they were given; under the proposal's "
        "field of action, municipality and process."
    )
    dimensions = (FIELD, MUNICIPALITY, PROCESS)
    GROUPS = {
        FIELD: "proposal__field_of_action__slug",
        MUNICIPALITY: "proposal__municipality",
        PROCESS: "process__translation_key",
    }

    def rows(self):
        return Support.objects.filter(proposal__in=Proposal.objects.readable())

    def group(self, dimension):
        return self.GROUPS[dimension]


class Comments(Measure):
    key = "comments"
    label = _("Comments")
    explanation = _(
        "Published comments and replies that their authors did not delete, by the day they "
        "were written, on whatever they discuss (comments on hidden or waiting proposals do not "
        "count); under the process they belong to, and the field of action and municipality of "
        "the proposal they discuss (comments on other things under “none”)."
    )
    dimensions = (FIELD, MUNICIPALITY, PROCESS)
    PROPOSAL_FIELDS = {FIELD: "field_of_action__slug", MUNICIPALITY: "municipality"}

    def rows(self):
        on_unreadable_proposal = Q(target_type=proposal_type()) & ~Q(
            target_id__in=Proposal.objects.readable().values("pk")
        )
        return Comment.objects.readable().exclude(on_unreadable_proposal)

    def group(self, dimension):
        if dimension == PROCESS:
            return "process__translation_key"
        proposal = Proposal.objects.filter(pk=OuterRef("target_id")).values(
            self.PROPOSAL_FIELDS[dimension]
        )[:1]
        return Case(
            When(target_type=proposal_type(), then=Subquery(proposal)),
            default=None,
            output_field=CharField(),
        )

    def where(self, dimension, value):
        if dimension == PROCESS:
            return Q(process__translation_key=value)
        proposals = Proposal.objects.filter(**{self.PROPOSAL_FIELDS[dimension]: value})
        return Q(target_type=proposal_type(), target_id__in=proposals.values("pk"))


class Ballots(Measure):
    key = "ballots"
    label = _("Ballots")
    explanation = _(
        "Ballots cast in polls (one per person or, where anyone may vote, per browser "
        "session; a changed ballot counts once, on the day it was first cast); under the "
        "poll's process. Polls have no field of action or municipality."
    )
    dimensions = (PROCESS,)

    def rows(self):
        return Ballot.objects.all()

    def group(self, dimension):
        process = Poll.objects.filter(
            translation_key=OuterRef("poll_key"), process__isnull=False
        ).values("process__translation_key")[:1]
        return Subquery(process, output_field=UUIDField())

    def where(self, dimension, value):
        polls = Poll.objects.filter(process__translation_key=value)
        return Q(poll_key__in=polls.values("translation_key"))


class Registrations(Measure):
    key = "registrations"
    label = _("Event registrations")
    explanation = _(
        "Registrations for events, confirmed or on the waiting list, by the day they were "
        "made (guests' registrations once they confirmed their address). Cancelled ones are "
        "deleted, and so are guests' registrations a week after their event: they no longer "
        "count. Only for the whole platform."
    )

    def rows(self):
        return EventRegistration.objects.exclude(status=EventRegistration.Status.PENDING)


class Residents(Measure):
    key = "residents"
    label = _("New residents")
    explanation = _(
        "Accounts of residents by the day they were created, as far as they still exist "
        "(deleted accounts are gone). Only for the whole platform."
    )
    date_field = "date_joined"

    def rows(self):
        return get_user_model().objects.filter(groups__name=RESIDENTS)


class GroupMembers(Measure):
    key = "members"
    label = _("Group members")
    explanation = _(
        "Current members of published action groups by the day they joined or asked to join "
        "(people who left or were removed no longer count); under the group's municipality "
        "(region-wide groups under “none”) and process. Not by field of action: a group may "
        "work in several."
    )
    dimensions = (MUNICIPALITY, PROCESS)
    GROUPS = {MUNICIPALITY: "group__municipality", PROCESS: "group__process__translation_key"}

    def rows(self):
        return Membership.objects.filter(
            state=Membership.State.ACTIVE,
            placeholder=False,
            group__in=ActionGroup.objects.readable(),
        )

    def group(self, dimension):
        return self.GROUPS[dimension]


MEASURES = [
    Proposals(),
    Supports(),
    Comments(),
    Ballots(),
    Registrations(),
    Residents(),
    GroupMembers(),
]


@dataclass
class Series:
    """One measure over time: ``points`` are ``(first day of period, count)`` for every period
    of the scope (zeros included); ``missing`` the filters that do not apply (then no points)."""

    measure: Measure
    points: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    @property
    def available(self):
        return not self.missing

    @property
    def total(self):
        return sum(count for _period, count in self.points)


def over_time(scope, measures=MEASURES):
    series = []
    for measure in measures:
        missing = measure.missing(scope)
        if missing:
            series.append(Series(measure, missing=missing))
            continue
        counts = measure.over_time(scope)
        points = [(period, counts.get(period, 0)) for period in scope.periods()]
        series.append(Series(measure, points=points))
    return series


@dataclass
class Breakdown:
    """Counts by one dimension: ``measures`` are the columns (those the dimension applies to
    and the filters allow), ``rows`` ``(key, {measure key: count})`` with a row for the key
    ``None`` (no field of action, no municipality, no process) when it has any, and
    ``totals`` {measure key: count}, which equal the measures' totals over time."""

    dimension: str
    measures: list
    rows: list
    totals: dict
    left_out: list


def breakdowns(scope, keys, measures=MEASURES):
    """{dimension: :class:`Breakdown`} for the dimensions in ``keys`` ({dimension: the keys in
    their order}): every key (with zeros), then keys found in the data but not in ``keys``,
    then ``None``. One query per measure for all dimensions together."""
    dimensions = list(keys)
    counts = {dimension: {} for dimension in dimensions}
    for measure in measures:
        if measure.missing(scope):
            continue
        applying = [dimension for dimension in dimensions if measure.applies(dimension)]
        if not applying:
            continue
        for combination, count in measure.by(scope, applying).items():
            for dimension, key in zip(applying, combination, strict=True):
                found = counts[dimension].setdefault(measure.key, {})
                found[key] = found.get(key, 0) + count
    result = {}
    for dimension in dimensions:
        columns = [m for m in measures if m.applies(dimension) and not m.missing(scope)]
        by_measure = {m.key: counts[dimension].get(m.key, {}) for m in columns}
        order = list(keys[dimension])
        for found in by_measure.values():
            order += [key for key in found if key is not None and key not in order]
        if any(None in found for found in by_measure.values()):
            order.append(None)
        rows = [(key, {m.key: by_measure[m.key].get(key, 0) for m in columns}) for key in order]
        totals = {m.key: sum(by_measure[m.key].values()) for m in columns}
        left_out = [m for m in measures if m not in columns]
        result[dimension] = Breakdown(dimension, columns, rows, totals, left_out)
    return result
