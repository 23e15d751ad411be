"""Polls in the admin: editors write and translate them as snippets, see the results at any time
(whatever the poll shows the public) and download them as CSV, one row per ballot with its
answers and own answer; voters are not identified."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
)
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.text import CleanTextMixin

from ..models import Ballot, Poll
from ..polls import results
from .shared import process_page_models, safe_cell


def _poll(request, pk):
    if not request.user.has_perm("participation.view_poll"):
        raise PermissionDenied
    return get_object_or_404(Poll.objects.select_related("locale"), pk=pk)


class PollResultsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/admin/poll_results.html"
    header_icon = "list-ul"
    page_title = _("Poll results")
    csv_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.poll = _poll(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.poll.question

    def get_context_data(self, **kwargs):
        own_answers = (
            Ballot.objects.filter(poll_key=self.poll.translation_key)
            .exclude(other_text="")
            .order_by("created_at")
            .values_list("other_text", flat=True)
        )
        return {
            **super().get_context_data(**kwargs),
            "poll": self.poll,
            "results": results(self.poll, other_label=gettext("Something else")),
            "own_answers": list(own_answers[:500]),
            "csv_url": reverse(self.csv_url_name, args=[self.poll.pk]),
        }


def results_csv(request, pk):
    poll = _poll(request, pk)
    labels = {str(choice.translation_key): choice.label for choice in poll.choices.all()}
    order = list(labels)
    ballots = (
        Ballot.objects.filter(poll_key=poll.translation_key)
        .order_by("created_at", "pk")
        .prefetch_related("choices")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = slugify(poll.question)[:50] or "umfrage"
    response["Content-Disposition"] = (
        f'attachment; filename="poll-{name}-{poll.locale.language_code}.csv"'
    )
    response.write("\ufeff")  # spreadsheets then read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            gettext("No."),
            gettext("Cast at"),
            gettext("Changed at"),
            gettext("Answers"),
            gettext("Own answer"),
        ]
    )
    for number, ballot in enumerate(ballots.iterator(chunk_size=1000), start=1):
        ticked = {str(choice.choice_key) for choice in ballot.choices.all()}
        answers = "; ".join(labels[key] for key in order if key in ticked)
        writer.writerow(
            [
                number,
                timezone.localtime(ballot.created_at).strftime("%Y-%m-%d %H:%M"),
                timezone.localtime(ballot.updated_at).strftime("%Y-%m-%d %H:%M"),
                safe_cell(answers),
                safe_cell(ballot.other_text),
            ]
        )
    return response


class PollIndexView(SnippetIndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        url = reverse(poll_viewset.get_url_name("results"), args=[instance.pk])
        buttons.append(Button(_("Results"), url=url, icon_name="list-ul", priority=15))
        return buttons


class PollForm(CleanTextMixin, WagtailAdminModelForm):
    pass


class PollViewSet(SnippetViewSet):
    """Editors write polls here (and translate them with "Translate"); pages show them with the
    poll block. Editors see the results at any time and download them as CSV."""

    model = Poll
    index_view_class = PollIndexView
    icon = "list-ul"
    menu_label = _("Polls")
    menu_order = 242
    add_to_admin_menu = True
    list_display = [
        "question",
        Column("kind", label=_("Answers"), accessor="get_kind_display"),
        DateColumn("opens_at", label=_("Opens"), sort_key="opens_at"),
        DateColumn("closes_at", label=_("Closes"), sort_key="closes_at"),
    ]
    list_filter = ["locale"]
    search_fields = ["question"]
    ordering = ["-opens_at", "-pk"]
    panels = [
        FieldPanel("question"),
        FieldPanel("description"),
        InlinePanel("choices", label=_("Answers"), min_num=2, max_num=20),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("max_choices"),
                FieldRowPanel([FieldPanel("allow_other"), FieldPanel("other_label")]),
            ],
            heading=_("Answers"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("voters"),
                FieldPanel("show_results"),
                PageChooserPanel("process", process_page_models()),
            ],
            heading=_("Who votes when"),
        ),
    ]
    # Residents read the question and its description: no invisible characters (cms/text.py).
    edit_handler = ObjectList(panels, base_form_class=PollForm)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "results/<int:pk>/",
                PollResultsView.as_view(csv_url_name=self.get_url_name("results_csv")),
                name="results",
            ),
            path("results/<int:pk>/csv/", results_csv, name="results_csv"),
        ]


poll_viewset = PollViewSet()
