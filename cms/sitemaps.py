"""sitemap.xml: every public page in every language, each with its language alternates."""

from collections import defaultdict

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from wagtail.models import Page


class PageSitemap(Sitemap):
    """All live, public pages of all locales.

    Wagtail's own sitemap lists the descendants of one site root; with one page tree per language
    that would leave out every translation. Alternates are grouped by translation key in Python,
    so the sitemap needs the same few queries however many pages there are.
    """

    limit = 10_000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .select_related("locale")
            .only(
                "url_path",
                "translation_key",
                "last_published_at",
                "latest_revision_created_at",
                "locale__language_code",
                "depth",
                "path",
            )
            .order_by("path")
        )

    def location(self, page):
        return page.get_full_url(self.request)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        locations = {item.pk: item.get_full_url(self.request) for item in pages}
        translations = defaultdict(list)
        for item in pages:
            if locations[item.pk]:
                translations[item.translation_key].append(item)
        urls = []
        for item in pages:
            location = locations[item.pk]
            if not location:
                continue
            group = translations[item.translation_key]
            alternates = []
            if len(group) > 1:
                alternates = [
                    {"lang_code": other.locale.language_code, "location": locations[other.pk]}
                    for other in group
                ]
                default = next(
                    (o for o in group if o.locale.language_code == settings.LANGUAGE_CODE), None
                )
                if default is not None:
                    alternates.append({"lang_code": "x-default", "location": locations[default.pk]})
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": self.lastmod(item),
                    "alternates": alternates,
                }
            )
        return urls
