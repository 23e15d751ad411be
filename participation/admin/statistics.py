"""Participation statistics for editors (``/admin/statistics/``): the measures of
:mod:`participation.statistics` over time as SVG bar charts (:mod:`participation.charts`) with
their numbers in tables, and by field of action, municipality and process; a GET form filters
them, and every table downloads as CSV with the same filters.

Only the people :func:`rules.may_view_statistics` names see the menu item; the others get
"permission denied" on every address here. Bad filter values are form errors in the person's
language, never a server error.
"""

import csv
import datetime

from django import forms
from django.http import HttpResponse
from django.urls import path, re_path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from cms.taxonomy import FieldOfAction

from .. import rules, statistics
from ..charts import bar_chart
from ..municipalities import MUNICIPALITIES
from .shared import process_pages, safe_cell

# The longest period the page counts at once (about five years).
MAX_DAYS = 5 * 366
DEFAULT_DAYS = statistics.DEFAULT_DAYS

TABLES = {
    "time": _("over time"),
    statistics.FIELD: _("by field of action"),
    statistics.MUNICIPALITY: _("by municipality"),
    statistics.PROCESS: _("by process"),
}
NONE_LABELS = {
    statistics.FIELD: _("No field of action"),
    statistics.MUNICIPALITY: _("No municipality (region-wide)"),
    statistics.PROCESS: _("No process"),
}


def processes():
    """{translation key: title} of the process pages, one entry per process (its language
    versions count together), titled in the main language where there is one."""
    titles = {}
    for page in process_pages():
        key = page.translation_key
        if key not in titles or page.locale.language_code == get_language():
            titles[key] = page.title
    return dict(sorted(titles.items(), key=lambda item: item[1].casefold()))


class DateInput(forms.DateInput):
    """The browser's date picker. A value that is no date is not echoed into it (HTML allows
    none there); the field's error message says what was wrong."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


class StatisticsFilterForm(forms.Form):
    start = forms.DateField(
        label=pgettext_lazy("statistics period", "From"),
        required=False,
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Default: twelve months ago."),
    )
    end = forms.DateField(
        label=pgettext_lazy("statistics period", "To"),
        required=False,
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        help_text=_("Default: today."),
    )
    granularity = forms.ChoiceField(
        label=_("Per"),
        required=False,
        # The default (per month) first: the form is bound to the query even when it is empty,
        # and an empty choice shows the first option.
        choices=[
            (key, statistics.GRANULARITIES[key]) for key in (statistics.MONTH, statistics.WEEK)
        ],
    )
    process = forms.ChoiceField(label=_("Process"), required=False)
    field = forms.ChoiceField(label=_("Field of action"), required=False)
    municipality = forms.ChoiceField(
        label=_("Municipality"),
        required=False,
        choices=[("", _("All municipalities")), *[(name, name) for name in MUNICIPALITIES]],
    )

    def __init__(self, *args, processes=None, fields=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.process_titles = processes or {}
        self.fields["process"].choices = [("", _("All processes"))] + [
            (str(key), title) for key, title in self.process_titles.items()
        ]
        self.fields["field"].choices = [("", _("All fields of action"))] + [
            (slug, field.name) for slug, field in (fields or {}).items()
        ]

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        end = data.get("end") or today
        start = data.get("start") or (end - datetime.timedelta(days=DEFAULT_DAYS - 1))
        if self.errors:
            return data
        if start > end:
            raise forms.ValidationError(
                _("The start of the period must not be after its end."), code="start_after_end"
            )
        if (end - start).days + 1 > MAX_DAYS:
            raise forms.ValidationError(
                _("Please choose a period of at most five years."), code="too_long"
            )
        data["start"], data["end"] = start, end
        data["granularity"] = data.get("granularity") or statistics.MONTH
        return data

    def scope(self):
        data = self.cleaned_data
        process = next(
            (key for key in self.process_titles if str(key) == data.get("process")), None
        )
        return statistics.Scope(
            start=data["start"],
            end=data["end"],
            granularity=data["granularity"],
            process=process,
            field=data.get("field") or "",
            municipality=data.get("municipality") or "",
        )


def period_label(day, granularity, short=False):
    if granularity == statistics.MONTH:
        return date_format(day, "M Y" if short else "YEAR_MONTH_FORMAT")
    if short:
        return date_format(day, "SHORT_DATE_FORMAT")
    return gettext("Week of %(date)s") % {"date": date_format(day, "SHORT_DATE_FORMAT")}


def join_words(words):
    words = [str(word) for word in words]
    if len(words) < 2:
        return "".join(words)
    return gettext("%(some)s and %(last)s") % {"some": ", ".join(words[:-1]), "last": words[-1]}


class StatisticsMixin:
    """The permission check, the filter form and the figures, shared by the page and the CSV
    downloads."""

    def dispatch(self, request, *args, **kwargs):
        if not rules.may_view_statistics(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def fields_of_action(self):
        return FieldOfAction.for_language()

    @cached_property
    def process_titles(self):
        return processes()

    @cached_property
    def form(self):
        form = StatisticsFilterForm(
            self.request.GET,
            processes=self.process_titles,
            fields=self.fields_of_action,
            auto_id="statistics_%s",
        )
        form.is_valid()
        return form

    @cached_property
    def scope(self):
        return self.form.scope() if self.form.is_valid() else None

    @cached_property
    def figures(self):
        return statistics.Figures(self.scope)

    def row_label(self, dimension, key):
        if key is None:
            return str(NONE_LABELS[dimension])
        if dimension == statistics.FIELD:
            field = self.fields_of_action.get(key)
            return field.name if field else key
        if dimension == statistics.PROCESS:
            return self.process_titles.get(key, gettext("Process deleted"))
        return key

    @cached_property
    def breakdowns(self):
        keys = {
            statistics.FIELD: list(self.fields_of_action),
            statistics.MUNICIPALITY: MUNICIPALITIES,
            statistics.PROCESS: list(self.process_titles),
        }
        results = statistics.breakdowns(self.scope, keys, figures=self.figures)
        for dimension, result in results.items():
            result.labelled_rows = [
                (self.row_label(dimension, key), [counts[m.key] for m in result.measures])
                for key, counts in result.rows
            ]
            result.total_row = [result.totals[m.key] for m in result.measures]
        return results

    def period_text(self):
        return gettext("%(start)s to %(end)s") % {
            "start": date_format(self.scope.start, "SHORT_DATE_FORMAT"),
            "end": date_format(self.scope.end, "SHORT_DATE_FORMAT"),
        }

    def csv_url(self, table):
        query = {key: value for key, value in self.request.GET.items() if value}
        url = reverse("statistics:csv", args=[table])
        return f"{url}?{urlencode(query)}" if query else url


def missing_text(measure, missing):
    return gettext("%(measure)s cannot be filtered by %(filters)s: not shown.") % {
        "measure": measure.label,
        "filters": join_words(statistics.DIMENSION_LABELS[d] for d in missing),
    }


class StatisticsView(StatisticsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/admin/statistics.html"
    page_title = _("Statistics")
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, measures=statistics.MEASURES)
        if self.scope is None:
            return context
        charts = []
        for series in statistics.over_time(self.scope, figures=self.figures):
            measure = series.measure
            if not series.available:
                charts.append(
                    {"measure": measure, "missing": missing_text(measure, series.missing)}
                )
                continue
            granularity = self.scope.granularity
            points = [(period_label(day, granularity, short=True), n) for day, n in series.points]
            chart = bar_chart(points)
            rows = [(period_label(day, granularity), n) for day, n in series.points]
            busiest = max(rows, key=lambda row: row[1]) if series.total else None
            charts.append(
                {
                    "measure": measure,
                    "id": f"chart-{measure.key}",
                    "chart": chart,
                    "rows": rows,
                    "total": series.total,
                    "description": self.describe(measure, series.total, busiest),
                }
            )
        breakdowns = []
        for dimension in (statistics.FIELD, statistics.MUNICIPALITY, statistics.PROCESS):
            result = self.breakdowns[dimension]
            breakdowns.append(
                {
                    "id": f"table-{dimension}",
                    "heading": capfirst(TABLES[dimension]),
                    "dimension_label": capfirst(statistics.DIMENSION_LABELS[dimension]),
                    "result": result,
                    "left_out": join_words(m.label for m in result.left_out),
                    "csv_url": self.csv_url(dimension),
                }
            )
        context.update(
            scope=self.scope,
            period=self.period_text(),
            granularity_label=statistics.GRANULARITIES[self.scope.granularity],
            per_label=statistics.PER[self.scope.granularity],
            charts=charts,
            breakdowns=breakdowns,
            time_csv_url=self.csv_url("time"),
            counted=self.counted_text(),
        )
        return context

    def counted_text(self):
        """When the stored figures were counted; the later days are counted live."""
        state = self.figures.state
        if state.counted_through is None or state.counted_at is None:
            return gettext("All figures are counted live from the stored contributions.")
        return gettext(
            "Figures up to %(day)s were counted on %(moment)s; later days are counted live. "
            "Contributions hidden or deleted since drop out at the next count (hourly)."
        ) % {
            "day": date_format(state.counted_through, "SHORT_DATE_FORMAT"),
            "moment": date_format(timezone.localtime(state.counted_at), "SHORT_DATETIME_FORMAT"),
        }

    def describe(self, measure, total, busiest):
        text = gettext("%(measure)s %(per)s, %(period)s: %(total)s in total.") % {
            "measure": measure.label,
            "per": statistics.PER[self.scope.granularity],
            "period": self.period_text(),
            "total": total,
        }
        if busiest:
            text += " " + gettext("Most in %(period)s: %(count)s.") % {
                "period": busiest[0],
                "count": busiest[1],
            }
        return text


class StatisticsCsvView(StatisticsMixin, View):
    def get(self, request, table):
        if self.scope is None:
            errors = [str(error) for errors in self.form.errors.values() for error in errors]
            return HttpResponse(
                " ".join(errors), status=400, content_type="text/plain; charset=utf-8"
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"statistics-{table}-{self.scope.start:%Y-%m-%d}-{self.scope.end:%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response.write("\ufeff")  # spreadsheets then read the file as UTF-8
        writer = csv.writer(response)
        if table == "time":
            self.write_time(writer)
        else:
            self.write_breakdown(writer, table)
        return response

    def write_time(self, writer):
        series = [s for s in statistics.over_time(self.scope, figures=self.figures) if s.available]
        writer.writerow([gettext("Period"), *[str(s.measure.label) for s in series]])
        periods = [day for day, _count in series[0].points] if series else []
        for index, day in enumerate(periods):
            writer.writerow([day.isoformat(), *[s.points[index][1] for s in series]])
        writer.writerow([gettext("Total"), *[s.total for s in series]])

    def write_breakdown(self, writer, dimension):
        result = self.breakdowns[dimension]
        writer.writerow(
            [
                capfirst(str(statistics.DIMENSION_LABELS[dimension])),
                *[str(m.label) for m in result.measures],
            ]
        )
        for label, counts in result.labelled_rows:
            writer.writerow([safe_cell(label), *counts])
        writer.writerow([gettext("Total"), *result.total_row])


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.may_view_statistics(request.user)


class StatisticsViewSet(ViewSet):
    """The statistics page and its downloads, under ``/admin/statistics/``, in the "Reports"
    menu."""

    name = "statistics"
    url_prefix = "statistics"
    icon = "table"
    menu_label = _("Statistics")
    menu_hook = "register_reports_menu_item"
    menu_item_class = StatisticsMenuItem
    menu_order = 50

    def get_urlpatterns(self):
        return [
            path("", StatisticsView.as_view(), name="index"),
            re_path(
                rf"^csv/(?P<table>{'|'.join(TABLES)})/$", StatisticsCsvView.as_view(), name="csv"
            ),
        ]
