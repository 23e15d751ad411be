"""The action groups' pages in sitemap.xml: every group everybody may read, in each language
of the site, with its language alternates. Wired into the sitemap by the setting ``SITEMAPS``
(``cms`` does not import participation)."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from wagtail.models import Site

from .models import ActionGroup


class ActionGroupSitemap(Sitemap):
    """Readable groups only (``ActionGroup.objects.readable()``): hidden and waiting groups are
    never listed. One query for the groups, whatever their number."""

    limit = 5_000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return ActionGroup.objects.readable().only("pk", "updated_at").order_by("pk")

    def lastmod(self, group):
        return group.updated_at

    def root_url(self):
        site = None
        if self.request is not None:
            site = Site.find_for_request(self.request)
        if site is None:
            site = Site.objects.filter(is_default_site=True).first()
        return site.root_url if site is not None else ""

    def _urls(self, page, protocol, domain):
        root = self.root_url()
        if not root:
            return []
        languages = [code for code, _name in settings.LANGUAGES]
        urls = []
        for group in self.paginator.page(page).object_list:
            locations = {}
            for language in languages:
                with translation.override(language):
                    path = reverse("participation:group", kwargs={"pk": group.pk})
                locations[language] = root + path
            alternates = [
                {"lang_code": language, "location": location}
                for language, location in locations.items()
            ]
            alternates.append(
                {"lang_code": "x-default", "location": locations[settings.LANGUAGE_CODE]}
            )
            for location in locations.values():
                urls.append(
                    {
                        "item": group,
                        "location": location,
                        "lastmod": self.lastmod(group),
                        "alternates": alternates,
                    }
                )
        return urls
