"""The editors' view of a poll's results in the admin (at any time, whatever the poll shows the
public) and their download as CSV: one row per ballot with its answers and own answer; voters
are not identified."""

import csv

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .admin_common import safe_cell
from .models import Ballot, Poll
from .polls import results


def _poll(request, pk):
    if not request.user.has_perm("participation.view_poll"):
        raise PermissionDenied
    return get_object_or_404(Poll.objects.select_related("locale"), pk=pk)


class PollResultsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "participation/admin/poll_results.html"
    header_icon = "list-ul"
    page_title = gettext_lazy("Poll results")
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
            "results": results(self.poll, other_label=_("Something else")),
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
    writer.writerow([_("No."), _("Cast at"), _("Changed at"), _("Answers"), _("Own answer")])
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
