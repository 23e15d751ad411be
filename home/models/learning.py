"""Learning paths (Handlungspfade): ordered steps towards acting in the region."""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.search import index

from cms import apifields
from cms.listing import (
    ListingFilterForm,
    fields_of_action_field,
    fields_of_action_for,
    filtered_page,
    label_fields_of_action,
    listed,
    mark_languages,
)
from cms.models import BasePage, IndexPageMixin, MainImageMixin, RoutableBasePage
from home.blocks import LearningStepBlock
from participation.hosts import CompetenceFormatMixin


def listed_learning_paths(queryset):
    """The steps are loaded (not deferred) to be counted; they are never rendered here."""
    return listed(queryset, defer_streamfields=False).order_by("path")


class LearningPathIndexPage(IndexPageMixin, BasePage):
    """All learning paths of one language."""

    api_fields = apifields.INDEX

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.LearningPathPage"]
    template = "pages/learning_path_index_page.html"

    class Meta:
        verbose_name = _("learning path index")
        verbose_name_plural = _("learning path indexes")

    def learning_paths(self):
        return listed_learning_paths(LearningPathPage.objects.child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fields_of_action = fields_of_action_for(request)
        form = ListingFilterForm(request.GET, fields_of_action=fields_of_action)
        filters = form.values()
        paths = listed_learning_paths(
            self.items(LearningPathPage, other_languages=form.other_languages())
        )
        page_obj = filtered_page(request, paths, filters, self.per_page, fields_of_action)
        mark_languages(page_obj.object_list, self)
        context.update(filter_form=form, learning_paths=page_obj, filtered=any(filters.values()))
        return context


class LearningPathPage(CompetenceFormatMixin, MainImageMixin, RoutableBasePage):
    """A path of ordered steps; each step has its own address with previous and next links."""

    intro = models.TextField(_("introduction"), max_length=600)
    audience = models.CharField(
        _("audience"), max_length=200, help_text=_("Who the path is for, e.g. “Founders”.")
    )
    duration = models.CharField(
        _("duration"), max_length=100, help_text=_("How long it takes, e.g. “about 3 hours”.")
    )
    steps = StreamField([("step", LearningStepBlock())], verbose_name=_("steps"), min_num=1)
    fields_of_action = fields_of_action_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("audience"), FieldPanel("duration")])],
            heading=_("At a glance"),
        ),
        *MainImageMixin.image_panels,
        FieldPanel("steps"),
        FieldPanel("fields_of_action"),
        *CompetenceFormatMixin.stage_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("audience"),
        index.SearchField("steps"),
    ]

    api_fields = [
        *apifields.PAGE,
        APIField("intro"),
        APIField("audience"),
        APIField("duration"),
        APIField("steps"),
        apifields.fields_of_action(),
    ]

    parent_page_types = ["home.LearningPathIndexPage"]
    subpage_types = []
    template = "pages/learning_path_page.html"

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    @property
    def step_count(self):
        # Counting does not convert the blocks, so no stories or documents are looked up.
        return len(self.steps)

    @property
    def teaser_meta(self):
        count = self.step_count
        return " · ".join(
            [
                gettext("For: %(audience)s") % {"audience": self.audience},
                gettext("Duration: %(duration)s") % {"duration": self.duration},
                ngettext("%(count)d step", "%(count)d steps", count) % {"count": count},
            ]
        )

    def step_links(self, request=None):
        """{number, title, url} of every step, in order.

        Read from the raw step data: the titles need none of the stories and documents that
        converting the blocks would look up.
        """
        page_url = self.get_url(request)
        return [
            {
                "number": number,
                "title": step["value"]["title"],
                "url": page_url + self.reverse_subpage("step", kwargs={"number": number}),
            }
            for number, step in enumerate(self.steps.raw_data, start=1)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        label_fields_of_action([self], fields_of_action_for(request))
        context["step_links"] = self.step_links(request)
        return context

    def step_url(self, number, request=None):
        return self.get_url(request) + self.reverse_subpage("step", kwargs={"number": number})

    @path("<int:number>/", name="step")
    def step_view(self, request, number):
        total = self.step_count
        if not 1 <= number <= total:
            raise Http404
        links = self.step_links(request)
        return self.render(
            request,
            template="pages/learning_path_step.html",
            context_overrides={
                "step": self.steps[number - 1],
                "number": number,
                "total": total,
                "previous_step": links[number - 2] if number > 1 else None,
                "next_step": links[number] if number < total else None,
            },
        )
