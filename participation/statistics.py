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
import hashlib
import uuid
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    F,
    Func,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cms.roles import RESIDENTS

from .models import (
    ActionGroup,
    Ballot,
    Comment,
    DailyCount,
    EventRegistration,
    Membership,
    Poll,
    Proposal,
    StatisticsState,
    Support,
)

WEEK = "week"
MONTH = "month"
# The period the page shows unless the editor chooses another: the last twelve months.
DEFAULT_DAYS = 365
# How long summed stored counts stay in the cache (a rebuild, hourly, makes new keys anyway).
SUMS_KEPT = 2 * 60 * 60
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
    # {dimension: lookup of the row's key}, for the dimensions that apply.
    GROUPS = {}

    def rows(self):
        raise NotImplementedError

    def applies(self, dimension):
        return dimension in self.dimensions

    def missing(self, scope):
        """The filters of ``scope`` that do not apply to this measure."""
        return [dimension for dimension in scope.filters() if not self.applies(dimension)]

    def in_period(self, start, end):
        """The rows from the moment ``start`` (None: since ever) to before ``end``."""
        rows = self.rows().order_by().filter(**{f"{self.date_field}__lt": end})
        if start is not None:
            rows = rows.filter(**{f"{self.date_field}__gte": start})
        return rows

    def daily(self, start, end):
        """{(day, field slug, municipality, process key): count} of the rows from ``start`` to
        before ``end``, the day in the site's time zone, "" for a key there is none of or that
        does not apply; a fixed number of queries however many rows."""
        lookups = [self.GROUPS.get(dimension) for dimension in (FIELD, MUNICIPALITY, PROCESS)]
        return count_daily(self.in_period(start, end), self.date_field, lookups)


def count_daily(rows, date_field, lookups):
    """{(day, *values of ``lookups``): count} of ``rows`` (a lookup None gives "").

    SQLite truncates dates to days in the site's time zone with a Python function per row (a
    second for 100,000 rows); there the query counts per hour in UTC with SQLite's own
    ``strftime`` and the hours are added up into local days here: the same figures, as the
    site's time zone differs from UTC by whole hours."""
    names = [name for name in lookups if name]
    if connection.vendor == "sqlite":
        hour = Func(
            Value("%Y-%m-%d %H"), F(date_field), function="strftime", output_field=CharField()
        )
        grouped = rows.annotate(_hour=hour).values("_hour", *names)
        counts = grouped.annotate(_count=Count("pk")).values_list("_hour", *names, "_count")
    else:
        day = TruncDate(date_field, tzinfo=timezone.get_current_timezone())
        grouped = rows.annotate(_day=day).values("_day", *names)
        counts = grouped.annotate(_count=Count("pk")).values_list("_day", *names, "_count")
    result = {}
    days = {}
    for moment, *values, count in counts:
        if isinstance(moment, str):
            if moment not in days:
                utc = datetime.datetime.strptime(moment, "%Y-%m-%d %H")
                days[moment] = timezone.localtime(utc.replace(tzinfo=datetime.UTC)).date()
            moment = days[moment]
        found = iter(values)
        key = (moment, *(_text(next(found)) if name else "" for name in lookups))
        result[key] = result.get(key, 0) + count
    return result


def _text(value):
    return "" if value is None else str(value)


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

    def rows(self):
        on_unreadable_proposal = Q(target_type=proposal_type()) & ~Q(
            target_id__in=Proposal.objects.readable().values("pk")
        )
        return Comment.objects.readable().exclude(on_unreadable_proposal)

    def daily(self, start, end):
        """Comments refer to what they discuss generically: they are counted per proposal
        discussed (or none), and the proposals' fields of action and municipalities are read
        once (a join, not a subquery per comment)."""
        rows = self.in_period(start, end)
        discussed = Case(
            When(target_type=proposal_type(), then=F("target_id")),
            default=None,
            output_field=BigIntegerField(),
        )
        counts = count_daily(
            rows.annotate(_discussed=discussed),
            self.date_field,
            [None, None, "process__translation_key", "_discussed"],
        )
        proposals = Proposal.objects.filter(
            pk__in=rows.filter(target_type=proposal_type()).values("target_id")
        ).values_list("pk", "field_of_action__slug", "municipality")
        keys = {str(pk): (_text(slug), _text(place)) for pk, slug, place in proposals}
        result = {}
        for (day, _field, _place, process, discussed), count in counts.items():
            key = (day, *keys.get(discussed, ("", "")), process)
            result[key] = result.get(key, 0) + count
        return result


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

    def daily(self, start, end):
        """Ballots refer to their poll by its translation key: counted per poll, and the polls'
        processes are read once."""
        counts = count_daily(self.in_period(start, end), self.date_field, [None, None, "poll_key"])
        polls = Poll.objects.filter(process__isnull=False).values_list(
            "translation_key", "process__translation_key"
        )
        processes = {str(poll): str(process) for poll, process in polls}
        result = {}
        for (day, _field, _place, poll), count in counts.items():
            key = (day, "", "", processes.get(poll, ""))
            result[key] = result.get(key, 0) + count
        return result


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


def counted():
    """The :class:`StatisticsState`: up to which day the daily counts hold the figures and when
    they were counted (``counted_through`` None: not yet)."""
    return StatisticsState.objects.filter(pk=1).first() or StatisticsState()


KEYS = {FIELD: 0, MUNICIPALITY: 1, PROCESS: 2}


class Figures:
    """The counts of ``scope``: the days up to the last rebuild from the daily counts (two
    aggregate queries over the stored table), the later days (normally today only) counted
    live from the rows — so the page costs the same few queries however much is stored, and
    its figures equal counting everything live."""

    def __init__(self, scope, measures=MEASURES):
        self.scope = scope
        self.measures = [m for m in measures if not m.missing(scope)]
        self.state = counted()
        through = self.state.counted_through
        if through is not None and through >= scope.start:
            self.stored_until = min(through, scope.end)
        else:
            self.stored_until = None

    def stored(self):
        rows = DailyCount.objects.filter(
            day__gte=self.scope.start,
            day__lte=self.stored_until,
            measure__in=[m.key for m in self.measures],
        )
        for dimension, value in self.scope.filters().items():
            rows = rows.filter(**{dimension: str(value)})
        return rows.order_by()

    @cached_property
    def live(self):
        """{measure key: {(day, field, municipality, process): count}} of the days after the
        stored ones, filtered by the scope."""
        start, end = self.scope.bounds()
        if self.stored_until is not None:
            start = local_midnight(self.stored_until + datetime.timedelta(days=1))
        result = {}
        if start >= end:
            return {m.key: {} for m in self.measures}
        filters = [(KEYS[d], str(v)) for d, v in self.scope.filters().items()]
        for measure in self.measures:
            counts = measure.daily(start, end)
            result[measure.key] = {
                key: count
                for key, count in counts.items()
                if all(key[1 + index] == value for index, value in filters)
            }
        return result

    def stored_sums(self, *columns):
        """[(measure, *columns, count)] of the stored days, summed. They change only when the
        counts are rebuilt, so the sums are kept in the cache under the rebuild's time: after
        the first view (or the rebuild's own warm-up of the default period) a page reads no
        stored row. Without the cache (Redis down) they are summed every time."""
        signature = repr(
            (
                columns,
                self.state.counted_at,
                self.scope.start,
                self.stored_until,
                sorted(self.scope.filters().items()),
                [m.key for m in self.measures],
            )
        )
        key = "statistics:sums:" + hashlib.sha256(signature.encode()).hexdigest()
        sums = cache.get(key)
        if sums is None:
            rows = self.stored().values("measure", *columns).annotate(n=Sum("count"))
            sums = list(rows.values_list("measure", *columns, "n"))
            cache.set(key, sums, SUMS_KEPT)
        return sums

    @cached_property
    def by_day(self):
        """{measure key: {day: count}}."""
        result = {m.key: {} for m in self.measures}
        if self.stored_until is not None:
            for key, day, count in self.stored_sums("day"):
                result[key][day] = count
        for key, counts in self.live.items():
            for (day, *_keys), count in counts.items():
                result[key][day] = result[key].get(day, 0) + count
        return result

    @cached_property
    def by_keys(self):
        """{measure key: {(field, municipality, process): count}} over the whole period."""
        result = {m.key: {} for m in self.measures}
        if self.stored_until is not None:
            for key, *keys, count in self.stored_sums(*KEYS):
                result[key][tuple(keys)] = count
        for key, counts in self.live.items():
            for (_day, *keys), count in counts.items():
                found = result[key]
                found[tuple(keys)] = found.get(tuple(keys), 0) + count
        return result


def local_midnight(day):
    zone = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)


def _key(dimension, text):
    """The breakdown key of a stored key: None for none; a process's translation key as UUID."""
    if not text:
        return None
    if dimension == PROCESS:
        try:
            return uuid.UUID(text)
        except ValueError:
            return text
    return text


def over_time(scope, measures=MEASURES, figures=None):
    figures = figures or Figures(scope, measures)
    series = []
    for measure in measures:
        missing = measure.missing(scope)
        if missing:
            series.append(Series(measure, missing=missing))
            continue
        counts = {}
        for day, count in figures.by_day[measure.key].items():
            period = scope.period_of(day)
            counts[period] = counts.get(period, 0) + count
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


def breakdowns(scope, keys, measures=MEASURES, figures=None):
    """{dimension: :class:`Breakdown`} for the dimensions in ``keys`` ({dimension: the keys in
    their order}): every key (with zeros), then keys found in the data but not in ``keys``,
    then ``None``."""
    figures = figures or Figures(scope, measures)
    dimensions = list(keys)
    counts = {dimension: {} for dimension in dimensions}
    for measure in measures:
        if measure.missing(scope):
            continue
        applying = [dimension for dimension in dimensions if measure.applies(dimension)]
        if not applying:
            continue
        for combination, count in figures.by_keys[measure.key].items():
            for dimension in applying:
                key = _key(dimension, combination[KEYS[dimension]])
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


# --- Counting ahead -------------------------------------------------------------------------------


def rebuild(now=None):
    """Count every day before today into :class:`DailyCount` again, from the rows (what was
    hidden or deleted since drops out) — the periodic job ``statistics`` (hourly) and the end of
    the demo's loading. Idempotent; two rebuilds at once take turns on the lock of the one
    :class:`StatisticsState` row and each replaces all rows, so nothing counts twice. Returns
    the number of rows stored."""
    now = now or timezone.now()
    through = timezone.localdate(now) - datetime.timedelta(days=1)
    end = local_midnight(through + datetime.timedelta(days=1))
    StatisticsState.objects.get_or_create(pk=1)
    with transaction.atomic():
        state = StatisticsState.objects.select_for_update().get(pk=1)
        rows = [
            DailyCount(
                day=day,
                measure=measure.key,
                field=field_slug,
                municipality=place,
                process=process,
                count=count,
            )
            for measure in MEASURES
            for (day, field_slug, place, process), count in measure.daily(None, end).items()
        ]
        DailyCount.objects.all().delete()
        DailyCount.objects.bulk_create(rows, batch_size=5_000)
        state.counted_through = through
        state.counted_at = timezone.now()
        state.save()
        if connection.vendor == "postgresql":
            # Fresh statistics let the page's sums aggregate by hash in memory instead of
            # sorting on disk (the planner would otherwise guess the table nearly empty).
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {DailyCount._meta.db_table}")
    return len(rows)


def rebuild_job(now):
    """The periodic job (:mod:`participation.periodic`): counts again, then sums the default
    period (the last twelve months, unfiltered) into the cache, so that the first editor who
    opens the page after a rebuild does not wait for it."""
    rebuild(now)
    today = timezone.localdate(now)
    start = today - datetime.timedelta(days=DEFAULT_DAYS - 1)
    figures = Figures(Scope(start=start, end=today))
    figures.by_day  # noqa: B018 - computed for the cache
    figures.by_keys  # noqa: B018
