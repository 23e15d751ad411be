"""The open data page, the licence editors choose for the published data, and the generated
download files (one row per dataset, scope and format)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Site
from wagtail.search import index

from cms.models import BasePage


class Licence(models.TextChoices):
    CC_BY_4 = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA_4 = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC0_1 = "cc0-1.0", "CC0 1.0"
    DL_DE_BY_2 = "dl-de-by-2.0", "dl-de/by-2-0"
    DL_DE_ZERO_2 = "dl-de-zero-2.0", "dl-de/zero-2-0"


# Name, identifier and the address of the licence text of each choice.
LICENCES = {
    Licence.CC_BY_4: (
        "Creative Commons Attribution 4.0 International",
        "CC-BY-4.0",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    Licence.CC_BY_SA_4: (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "CC-BY-SA-4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    Licence.CC0_1: (
        "Creative Commons Zero 1.0 Universal (public domain dedication)",
        "CC0-1.0",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    Licence.DL_DE_BY_2: (
        "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "dl-de/by-2-0",
        "https://www.govdata.de/dl-de/by-2-0",
    ),
    Licence.DL_DE_ZERO_2: (
        "Datenlizenz Deutschland – Zero – Version 2.0",
        "dl-de/zero-2-0",
        "https://www.govdata.de/dl-de/zero-2-0",
    ),
}


@register_setting(icon="download")
class OpenDataSettings(BaseSiteSetting):
    """The licence under which the open data files (and the read API) are published."""

    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=Licence.choices,
        default=Licence.CC_BY_4,
        help_text=_("Applies to every download on the open data page, from the next download on."),
    )
    attribution = models.CharField(
        _("attribution"),
        max_length=300,
        blank=True,
        help_text=_(
            "How re-users name the source, e.g. “LANDVORTEIL – Innovationsbündnis, "
            "landvorteil.de”. Empty: “LANDVORTEIL” and the site's address."
        ),
    )

    panels = [FieldPanel("licence"), FieldPanel("attribution")]

    class Meta:
        verbose_name = _("Open data")

    def licence_info(self, site_url=""):
        """{"id", "name", "url", "attribution"} of the chosen licence, as the files state it."""
        name, identifier, url = LICENCES.get(self.licence, LICENCES[Licence.CC_BY_4])
        attribution = self.attribution or " – ".join(filter(None, ["LANDVORTEIL", site_url]))
        return {"id": identifier, "name": name, "url": url, "attribution": attribution}


def site_licence():
    """The licence of the default site's setting as the files state it."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return OpenDataSettings().licence_info()
    return OpenDataSettings.for_site(site).licence_info(site.root_url)


class OpenDataPage(BasePage):
    """The downloads of the platform's public data with their licence and data dictionary."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "pages/open_data_page.html"

    class Meta:
        verbose_name = _("open data page")
        verbose_name_plural = _("open data pages")

    def get_context(self, request, *args, **kwargs):
        from .page import open_data_context

        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        setting = OpenDataSettings.for_site(site) if site else OpenDataSettings()
        licence = setting.licence_info(site.root_url if site else "")
        context.update(open_data_context(request, OpenDataFile.objects.all(), licence))
        return context


class OpenDataFile(models.Model):
    """One generated download: a dataset for the whole platform (``process_id`` 0) or for one
    process, in one format. A regeneration writes a new file under a new name and then points
    this row at it in one update, so a download never reads a half-written file."""

    dataset = models.CharField(max_length=40)
    process_id = models.PositiveIntegerField(default=0)
    format = models.CharField(max_length=10)
    file = models.FileField(upload_to="opendata/", max_length=255, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    record_count = models.PositiveIntegerField(default=0)
    etag = models.CharField(max_length=80, blank=True)
    # When the data the file holds was read, and when something it may hold last changed: the
    # file is current while generated_at >= changed_at.
    generated_at = models.DateTimeField(null=True, blank=True)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "process_id", "format"], name="opendata_one_file_per_scope"
            )
        ]

    def __str__(self):
        return f"{self.dataset}.{self.format} ({self.process_id or 'all'})"

    @property
    def is_current(self):
        return bool(
            self.file
            and self.generated_at is not None
            and (self.changed_at is None or self.generated_at >= self.changed_at)
        )
