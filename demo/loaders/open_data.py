"""The open data page below the home page, its English translation with an English slug, and
its link in the footer. Idempotent like the rest of the demo: what exists is kept."""

from wagtail.models import Site

from cms.models import FooterSettings
from opendata.models import OpenDataPage

from ..content.open_data import PAGE


class OpenDataContent:
    """Mixin of the ``load_demo_content`` command, after ``create_pages()``, ``translate_all()``
    and ``footer()``."""

    def open_data(self):
        page, _created = self.child(self.home, OpenDataPage, PAGE["slug"], PAGE["de"])
        self.translate(page, PAGE["en"])
        footer = FooterSettings.for_site(Site.objects.get(root_page=self.home))
        if footer.open_data_page_id is None:
            footer.open_data_page = page
            footer.save()
