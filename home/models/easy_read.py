"""Pages in Leichte Sprache (easy-to-read German), and their English counterpart "Easy read"."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms import apifields
from cms.models import BasePage

from ..blocks import PICTOGRAMS, EasyReadBodyBlock, pictogram_choices

EASY_READ_RULES = _(
    "<p><b>Rules of Leichte Sprache</b></p><ul>"
    "<li>Write short sentences: one statement per sentence, at most 15 words.</li>"
    "<li>Start every sentence on a new line.</li>"
    "<li>Use active voice: “We answer you.”, not “You will be answered.”</li>"
    "<li>Use easy, common words. Always use the same word for the same thing.</li>"
    "<li>Explain hard words the first time, or in the word list at the end.</li>"
    "<li>Write numbers as digits: 3, not three. No abbreviations, no percentages.</li>"
    "<li>Speak to the reader directly: “You can …”.</li>"
    "<li>No negatives where a positive sentence says the same.</li>"
    "<li>Use pictures and pictograms where they help to understand.</li>"
    "<li>If you can, let people from the target group check the text.</li></ul>"
)


class EasyReadPage(BasePage):
    """A page in Leichte Sprache: short sentences, pictograms, a word list and, if there is one,
    a video in German Sign Language. Its subpages are listed below it, each with its pictogram."""

    pictogram = models.CharField(
        _("pictogram"),
        max_length=20,
        blank=True,
        choices=pictogram_choices,
        help_text=_("Shown beside the page's title where the page is listed."),
    )
    intro = models.TextField(
        _("introduction"),
        max_length=300,
        blank=True,
        help_text=_("1 or 2 short sentences: what this page is about."),
    )
    body = StreamField(EasyReadBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        HelpPanel(content=EASY_READ_RULES, heading=_("How to write in Leichte Sprache")),
        *BasePage.content_panels,
        FieldPanel("pictogram"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    api_fields = [*apifields.PAGE, APIField("pictogram"), APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.EasyReadPage"]
    subpage_types = ["home.EasyReadPage"]
    template = "pages/easy_read_page.html"

    class Meta:
        verbose_name = _("page in Leichte Sprache")
        verbose_name_plural = _("pages in Leichte Sprache")

    def pictogram_path(self):
        return f"img/pictograms/{self.pictogram}.svg" if self.pictogram in PICTOGRAMS else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = (
            EasyReadPage.objects.child_of(self)
            .live()
            .public()
            .only("title", "url_path", "depth", "path", "pictogram", "intro", "locale_id")
        )
        context["subpages"] = [
            {
                "title": child.title,
                "url": child.get_url(request),
                "intro": child.intro,
                "pictogram": child.pictogram_path(),
            }
            for child in children
        ]
        return context
