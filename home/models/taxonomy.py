"""Snippets that editorial pages are tagged with: fields of action and people (authors)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
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


class Person(TranslatableMixin, index.Indexed, models.Model):
    """Somebody who writes stories or speaks in them; the role is translated."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo")]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("photo")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


def localized_snippets(objects, select_related=()):
    """{translation_key: object} of ``objects`` in the active language where it exists.

    One query for the whole list; objects without a translation stand for themselves.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    model = type(objects[0])
    keys = {obj.translation_key for obj in objects}
    found = {obj.translation_key: obj for obj in objects}
    found.update(
        {
            obj.translation_key: obj
            for obj in model.objects.filter(
                translation_key__in=keys, locale__language_code=get_language()
            ).select_related(*select_related)
        }
    )
    return found
