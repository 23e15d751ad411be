"""The section in Leichte Sprache: the German pages below the home page, their English "Easy
read" counterparts with English slugs, and the header link to it (the navigation setting).
Idempotent like the rest of the demo: what exists is kept."""

from wagtail.models import Site

from cms.models import NavigationSettings
from home.models import EasyReadPage

from ..content.easy_read import PAGES, SECTION


class EasyReadContent:
    """Mixin of the ``load_demo_content`` command, after ``create_pages()``, ``translate_all()``."""

    def easy_read(self):
        section, _ = self.child(
            self.home, EasyReadPage, SECTION["slug"], SECTION["de"], pictogram=SECTION["pictogram"]
        )
        pages = [
            self.child(
                section, EasyReadPage, spec["slug"], spec["de"], pictogram=spec["pictogram"]
            )[0]
            for spec in PAGES
        ]
        self.translate(section, SECTION["en"])
        for page, spec in zip(pages, PAGES, strict=True):
            self.translate(page, spec["en"])
        navigation = NavigationSettings.for_site(Site.objects.get(root_page=self.home))
        if navigation.easy_read_page_id is None:
            navigation.easy_read_page = section
            navigation.save()
