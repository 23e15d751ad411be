"""RSS and Atom feeds of the stories of one language."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from cms.listing import fields_of_action_for
from home.text import without_control_characters


class StoryRssFeed(Feed):
    feed_type = Rss201rev2Feed
    items_shown = 30

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return without_control_characters(f"{self.index_page.title} – LANDVORTEIL")

    def link(self):
        return self.index_page.get_url(self.request)

    def description(self):
        return without_control_characters(
            self.index_page.intro or self.index_page.search_description
        )

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return list(self.index_page.stories()[: self.items_shown])

    def item_title(self, item):
        return without_control_characters(item.title)

    def item_description(self, item):
        return without_control_characters(item.listing_summary or item.intro)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(
            timezone.datetime.combine(item.date, timezone.datetime.min.time())
        )

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        fields = fields_of_action_for(self.request)
        return [fields.get(field.slug, field).name for field in item.fields_of_action.all()]


class StoryAtomFeed(StoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
