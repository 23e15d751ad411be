from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.models import BasePage
from participation.blocks import PageBodyBlock
from participation.models import ActionGroup


class HomePage(BasePage):
    """The start page of one language: the alliance's vision and the ways to take part."""

    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_groups"] = featured_groups(request)
        context["groups_url"] = reverse("participation:groups")
        return context


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

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
