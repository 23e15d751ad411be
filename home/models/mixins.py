"""Fields that several page types share."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class MainImageMixin(models.Model):
    """A page's main image with alternative text of its own: the same picture may need a
    different description on a different page."""

    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )

    image_panels = [
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Main image"))
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Describe the image for people who cannot see it.")}
            )
