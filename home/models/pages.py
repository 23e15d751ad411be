from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms import apifields
from cms.models import BasePage
from participation.blocks import PageBodyBlock
from participation.models import ActionGroup

from ..now import happening_now

# The page types editors may pin to the home page (home.now shows each in its section).
PINNABLE_PAGE_TYPES = ["home.StoryPage", "home.EventPage", "visions.ProcessPage"]


class HomePage(BasePage):
    """The start page of one language: the alliance's vision, what is happening now, and the
    ways to take part."""

    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "pins",
            label=_("Pinned pages"),
            help_text=_(
                "Stories, events and processes that come first in their section of “Happening "
                "now”, in this order; the rest fills itself. Each is shown in the reader's "
                "language where a translation is published."
            ),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    api_fields = [*apifields.PAGE, APIField("intro"), APIField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["now"] = happening_now(request, self)
        context["featured_groups"] = featured_groups(request)
        context["groups_url"] = reverse("participation:groups")
        return context

    def pinned_keys(self):
        """The translation keys of the pinned pages in the editors' order: this page's pins,
        else those of its translations (pins chosen on the German page count for all), in one
        query."""
        pins = HomePagePin.objects.filter(home__translation_key=self.translation_key).order_by(
            "sort_order", "pk"
        )
        rows = list(pins.values_list("home_id", "page__translation_key"))
        own = [key for home_id, key in rows if home_id == self.pk]
        return own or list(dict.fromkeys(key for _home_id, key in rows))


class HomePagePin(Orderable):
    """A story, event or process editors pinned to the home page: it comes first in its
    section. Deleting the page removes the pin."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="pins")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", PINNABLE_PAGE_TYPES)]

    class Meta(Orderable.Meta):
        verbose_name = _("pinned page")
        verbose_name_plural = _("pinned pages")

    def __str__(self):
        return str(self.page)

    def clean(self):
        super().clean()
        pinnable = {label.lower() for label in PINNABLE_PAGE_TYPES}
        content_type = self.page.content_type if self.page_id else None
        if content_type and f"{content_type.app_label}.{content_type.model}" not in pinnable:
            raise ValidationError({"page": _("Only stories, events and processes can be pinned.")})


# How many action groups the home page shows.
FEATURED_GROUPS = 3


def featured_groups(request):
    """The action groups editors chose for the home page: readable ones only, newest first,
    in one query."""
    groups = (
        ActionGroup.objects.readable()
        .filter(featured=True)
        .order_by("-created_at", "-pk")
        .only("pk", "name", "purpose", "member_count", "municipality")[:FEATURED_GROUPS]
    )
    return [
        {
            "name": group.name,
            "url": group.get_url(request),
            "purpose": group.purpose,
            "member_count": group.member_count,
            "municipality": group.municipality,
        }
        for group in groups
    ]


class StandardPage(BasePage):
    """A plain content page, e.g. about the alliance, imprint, privacy or accessibility."""

    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    api_fields = [*apifields.PAGE, APIField("intro"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
