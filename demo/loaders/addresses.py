"""The English pages' own slugs (``/en/stories/…`` instead of ``/en/geschichten/…``) and the
permanent redirects from the German-slug addresses they had or would have had.

Runs at the end of both demo commands: a database loaded before English slugs existed gets its
English pages renamed; every English page whose address differs from the German slugs' gets a
redirect from that address (Wagtail's redirects, as editors see them in the admin).
"""

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site

from ..content import (
    events,
    learning,
    open_data,
    pages,
    places,
    processes,
    stories,
    topics,
    visions,
)


def english_slugs():
    """{German slug: English slug} of every demo page that has an English translation."""
    specs = [
        *pages.STANDARD_PAGES,
        open_data.PAGE,
        *[module.INDEX for module in (topics, stories, learning, events, places)],
        *topics.TOPICS,
        *stories.STORIES,
        *events.EVENTS,
        *places.PLACES,
        *learning.LEARNING_PATHS,
        processes.PROCESS_INDEX,
        processes.VISION_INDEX,
        *visions.VISIONS,
        {**processes.RUNNING, "en": processes.RUNNING_EN},
        {**processes.FINISHED, "en": processes.FINISHED_EN},
        {**processes.COLLECTING, "en": processes.COLLECTING_EN},
    ]
    return {spec["slug"]: spec["en"]["slug"] for spec in specs if "slug" in spec.get("en", {})}


class EnglishAddresses:
    """Mixin of the demo commands: ``english_addresses()``."""

    def english_addresses(self):
        english = Locale.objects.filter(language_code="en").first()
        german = Locale.objects.filter(language_code="de").first()
        if english is None or german is None:
            return
        slugs = english_slugs()
        # Parents first: renaming a parent moves its children's addresses along.
        for page in Page.objects.filter(locale=english, depth__gt=2).order_by("path").specific():
            source = page.get_translation_or_none(german)
            wanted = slugs.get(source.slug) if source is not None else None
            if wanted and page.slug != wanted:
                page.slug = wanted
                revision = page.save_revision(log_action=True)
                if page.live:
                    revision.publish()
                self.created["English slugs"] += 1
        self.german_slug_redirects(english, german)

    def german_slug_redirects(self, english, german):
        """A permanent redirect from each English page's address spelt with the German slugs
        to the page."""
        pages = list(
            Page.objects.filter(locale=english, depth__gt=2)
            .live()
            .only("path", "depth", "slug", "url_path", "translation_key", "locale_id")
        )
        sites = {site.pk: site for site in Site.objects.all()}
        sources = {
            page.translation_key: page.slug
            for page in Page.objects.filter(
                locale=german, translation_key__in=[page.translation_key for page in pages]
            ).only("slug", "translation_key")
        }
        by_path = {page.path: page for page in pages}
        for page in pages:
            german_slugs = []
            for depth in range(3, page.depth + 1):
                ancestor = by_path.get(page.path[: depth * Page.steplen])
                if ancestor is None:
                    break
                german_slugs.append(sources.get(ancestor.translation_key, ancestor.slug))
            else:
                url_parts = page.get_url_parts()
                if url_parts is None:
                    continue
                site_id, _root, own_path = url_parts
                old_path = own_path.rstrip("/").rsplit("/", page.depth - 2)[0]
                old_path = Redirect.normalise_path(f"{old_path}/{'/'.join(german_slugs)}/")
                if old_path == Redirect.normalise_path(own_path):
                    continue
                _redirect, created = Redirect.objects.update_or_create(
                    site=sites[site_id],
                    old_path=old_path,
                    defaults={"redirect_page": page, "is_permanent": True, "redirect_link": ""},
                )
                if created:
                    self.created["redirects"] += 1
