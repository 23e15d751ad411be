"""Stories: news, reports and good examples of regional transformation."""

from django import forms
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.search import index

from cms import apifields
from cms.frame import parent_url
from cms.listing import (
    ListingFilterForm,
    fields_of_action_field,
    fields_of_action_for,
    filtered_page,
    label_fields_of_action,
    listed,
    mark_languages,
)
from cms.models import BasePage, CommentableMixin, IndexPageMixin, MainImageMixin, RoutableBasePage
from participation.blocks import StoryPageBodyBlock

from ..feeds import StoryAtomFeed, StoryRssFeed
from .taxonomy import Person


def listed_stories(queryset):
    return listed(queryset).order_by("-date", "-pk")


class StoryIndexPage(IndexPageMixin, RoutableBasePage):
    """All stories of one language, newest first, with filters and feeds."""

    api_fields = apifields.INDEX

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.StoryPage"]
    template = "pages/story_index_page.html"

    class Meta:
        verbose_name = _("story index")
        verbose_name_plural = _("story indexes")

    def stories(self):
        return listed_stories(StoryPage.objects.child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fields_of_action = fields_of_action_for(request)
        form = StoryFilterForm(request.GET, fields_of_action=fields_of_action)
        filters = form.values()
        stories = listed_stories(self.items(StoryPage, other_languages=form.other_languages()))
        if filters["tag"]:
            stories = stories.filter(tags__slug=filters["tag"])
        page_obj = filtered_page(request, stories, filters, self.per_page, fields_of_action)
        mark_languages(page_obj.object_list, self)
        context.update(
            filter_form=form,
            stories=page_obj,
            active_tag=filters["tag"],
            filtered=any(filters.values()),
        )
        return context

    @path("feed/", name="rss")
    def rss_feed(self, request):
        return StoryRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return StoryAtomFeed(self)(request)


class StoryFilterForm(ListingFilterForm):
    tag = forms.SlugField(label=_("Tag"), required=False, allow_unicode=True, max_length=100)


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(CommentableMixin, MainImageMixin, BasePage):
    """A news item, report or good example from the region."""

    date = models.DateField(_("date"), default=timezone.localdate)
    authors = ParentalManyToManyField(Person, verbose_name=_("authors"), blank=True)
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(StoryPageBodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=StoryPageTag, verbose_name=_("tags"), blank=True)
    fields_of_action = fields_of_action_field()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        *MainImageMixin.image_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("authors"),
                FieldPanel("fields_of_action"),
                FieldPanel("tags"),
            ],
            heading=_("About this story"),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    api_fields = [
        *apifields.PAGE,
        APIField("date"),
        APIField("intro"),
        APIField("body"),
        apifields.fields_of_action(),
    ]

    parent_page_types = ["home.StoryIndexPage"]
    subpage_types = []
    template = "pages/story_page.html"

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    def search_date(self):
        return self.date

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.localized_authors()
        label_fields_of_action([self], fields_of_action_for(request))
        context["tags"] = list(self.tags.all())
        context["index_url"] = parent_url(request, self)
        return context

    def localized_authors(self):
        """The authors by name, each in the active language where translated, in one query."""
        chosen = self.authors.through.objects.filter(storypage_id=self.pk)
        people = (
            Person.objects.filter(
                Q(pk__in=chosen.values("person_id"))
                | Q(
                    translation_key__in=chosen.values("person__translation_key"),
                    locale__language_code=get_language(),
                )
            )
            .annotate(chosen=Exists(chosen.filter(person_id=OuterRef("pk"))))
            .select_related("photo")
        )
        people = list(people)
        translations = {person.translation_key: person for person in people if not person.chosen}
        return [translations.get(p.translation_key, p) for p in people if p.chosen]
