"""Topic pages: one per field of action, with the newest stories, events and places of it."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import apifields, layout
from cms.listing import (
    fields_of_action_for,
    label_fields_of_action,
    mark_languages,
    prefetch_renditions,
    without_renditions,
)
from cms.models import BasePage, IndexPageMixin
from participation.blocks import PageBodyBlock
from participation.rules.follows import follow_button

from .events import EventIndexPage, EventPage, listed_events, with_seats
from .places import PlaceIndexPage, PlacePage, listed_places
from .stories import StoryIndexPage, StoryPage, listed_stories


class TopicIndexPage(IndexPageMixin, BasePage):
    """The overview of the fields of action, listing the topic pages below it."""

    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*IndexPageMixin.content_panels, FieldPanel("body")]

    api_fields = [*apifields.INDEX, APIField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.TopicPage"]
    template = "pages/topic_index_page.html"

    class Meta:
        verbose_name = _("topic overview")
        verbose_name_plural = _("topic overviews")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fields_of_action = fields_of_action_for(request)
        topics = list(
            self.items(TopicPage)
            .live()
            .public()
            .defer_streamfields()
            .select_related("field_of_action", "locale")
        )
        mark_languages(topics, self)
        for topic in topics:
            topic.field = fields_of_action.get(topic.field_of_action.slug, topic.field_of_action)
        context["topics"] = topics
        return context


class TopicPage(BasePage):
    """A field of action: an editorial introduction and what is happening in it."""

    field_of_action = models.ForeignKey(
        "cms.FieldOfAction",
        verbose_name=_("field of action"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("field_of_action"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]

    api_fields = [
        *apifields.PAGE,
        apifields.field_of_action(),
        APIField("intro"),
        APIField("body"),
    ]

    parent_page_types = ["home.TopicIndexPage"]
    subpage_types = []
    template = "pages/topic_page.html"
    serve_select_related = ["field_of_action"]
    stories_shown = 3
    events_shown = 3
    places_shown = 6

    class Meta:
        verbose_name = _("topic page")
        verbose_name_plural = _("topic pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fields_of_action = fields_of_action_for(request)
        slug = self.field_of_action.slug
        in_field = {"locale_id": self.locale_id, "fields_of_action__slug": slug}
        # One field of action: the join repeats no page (DISTINCT over every column, the body
        # included, would cost more than the rest of the query).
        stories = without_renditions(listed_stories(StoryPage.objects.filter(**in_field)))
        events = (
            without_renditions(listed_events(EventPage.objects.filter(**in_field)))
            .filter(end__gte=timezone.now())
            .order_by("start", "pk")
        )
        places = without_renditions(listed_places(PlacePage.objects.filter(**in_field)))
        stories = list(stories[: self.stories_shown])
        events = with_seats(list(events[: self.events_shown]))
        places = list(places[: self.places_shown])
        prefetch_renditions([*stories, *events, *places])
        label_fields_of_action([*stories, *events, *places], fields_of_action)
        field = fields_of_action.get(slug, self.field_of_action)
        context.update(
            field=field,
            follow=follow_button(request, field),
            stories=stories,
            events=events,
            places=places,
        )
        indexes = self._indexes(request, slug)
        context.update(
            story_index=indexes.get(StoryIndexPage, ""),
            event_index=indexes.get(EventIndexPage, ""),
            place_index=indexes.get(PlaceIndexPage, ""),
        )
        return context

    def _indexes(self, request, slug):
        """{index page class: the filtered listing of this field in it} of the story, event
        and place indexes of this language. Their addresses come from the layout cache: every
        topic page of the language links to the same three."""

        def compute():
            urls = {}
            for index_page in (
                Page.objects.live()
                .filter(locale_id=self.locale_id)
                .type(StoryIndexPage, EventIndexPage, PlaceIndexPage)
                .only("url_path", "content_type", "path")
                .order_by("path")
            ):
                urls.setdefault(index_page.specific_class._meta.label, index_page.get_url(request))
            return urls

        urls = layout.cached(request, f"topic-indexes:{self.locale_id}", compute)
        return {
            model: f"{urls[model._meta.label]}?field={slug}"
            for model in (StoryIndexPage, EventIndexPage, PlaceIndexPage)
            if model._meta.label in urls
        }
