"""The platform's taxonomy: the fields of action that pages and proposals are tagged with, and
the page form that offers translatable snippets (fields of action, people) in the page's
language."""

from django import forms
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, TranslatableMixin
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


class LocalizedChoicesPageForm(WagtailAdminPageForm):
    """The page form of every page type (``BasePage.base_form_class``): a choice of
    translatable snippets (the fields of action, a story's authors) offers the items in the
    page's language only, so that each person and field appears once.

    Neither Wagtail nor wagtail-localize filter such choices by the page's language (the panel
    is not told the locale). wagtail-localize copies the chosen items to a translation as they
    are, so a page may hold items of another language: each is shown as its translation in the
    page's language (and saved as that), or as itself where it has none, so that saving never
    drops a choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if locale_id is None:
            return
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if model is None or not issubclass(model, TranslatableMixin) or issubclass(model, Page):
                continue
            self._localize(name, field, locale_id)

    def _localize(self, name, field, locale_id):
        initial = self.initial.get(name)
        many = isinstance(field, forms.ModelMultipleChoiceField)
        chosen = [getattr(item, "pk", item) for item in (initial or [])] if many else [initial]
        chosen = [pk for pk in chosen if pk is not None]
        model = field.queryset.model
        items = list(
            model.objects.filter(pk__in=chosen).values_list("pk", "translation_key", "locale_id")
        )
        foreign = {key: pk for pk, key, locale in items if locale != locale_id}
        translated = dict(
            model.objects.filter(translation_key__in=foreign, locale_id=locale_id).values_list(
                "translation_key", "pk"
            )
        )
        untranslated = [pk for key, pk in foreign.items() if key not in translated]
        field.queryset = field.queryset.filter(
            models.Q(locale_id=locale_id) | models.Q(pk__in=untranslated)
        )
        if foreign:
            shown = [translated.get(key, pk) for pk, key, _locale in items]
            self.initial[name] = shown if many else shown[0]
