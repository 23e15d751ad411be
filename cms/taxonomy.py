"""The platform's taxonomy: the fields of action that pages and proposals are tagged with."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField


class FieldOfAction(TranslatableMixin, models.Model):
    """One of the alliance's three fields of action (Handlungsfelder).

    The slug is the same in every language: filters and links use it, so a page tagged with the
    German snippet is found from the English listing too.
    """

    class Colour(models.TextChoices):
        # Each colour keeps white text at a contrast of at least 4.5:1.
        GREEN = "green", _("Green")
        BLUE = "blue", _("Blue")
        PURPLE = "purple", _("Purple")
        RED = "red", _("Red")
        BROWN = "brown", _("Brown")

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Used in filter links; the same in every language."),
    )
    description = models.TextField(_("short description"), max_length=400)
    colour = models.CharField(
        _("colour"), max_length=10, choices=Colour.choices, default=Colour.GREEN
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("colour"),
        FieldPanel("sort_order"),
    ]
    override_translatable_fields = [
        SynchronizedField("slug"),
        SynchronizedField("colour"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        # The table from the time the model lived in ``home``: moving it kept the data.
        db_table = "home_fieldofaction"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_field_of_action_slug")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def for_language(cls, language_code=None):
        """{slug: field} in the given (default: active) language, else in any other language."""
        language_code = language_code or get_language()
        fields = {}
        for field in cls.objects.select_related("locale").order_by("sort_order", "name"):
            current = fields.get(field.slug)
            if current is None or field.locale.language_code == language_code:
                fields[field.slug] = field
        return fields
