"""People (authors) that stories are tagged with, and their translations in one query."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField


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
