"""The site search's own index: one row per findable thing (a page, a proposal, a comment).

Wagtail's PostgreSQL backend indexes everything with one text-search configuration; the site
has German and English content, so each row here carries the language of its text and
PostgreSQL computes the row's search vector with that language's stemming (see the
migration). Only what anybody may read gets a row; where the hosting page is published and in
which language it is read is decided by the query through ``page`` (see ``search.engine``).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    # The page that shows the item: the page itself, a proposal's process, a comment's page or
    # proposal's process. Readers find the item where that page (or, for contributions, its
    # translation into their language) is published and public.
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    # The page's translation key (never changes): finds its version in the reader's language.
    page_translation_key = models.UUIDField(_("translation key of the page"))
    follows_translations = models.BooleanField(
        _("shown on every translation of the page"),
        default=False,
        help_text=_("Proposals appear on every language version of their process."),
    )
    url_suffix = models.CharField(_("address below the page"), max_length=200, blank=True)
    language = models.CharField(_("language of the text"), max_length=10)
    title = models.CharField(_("title"), max_length=255, blank=True)
    context = models.CharField(
        _("context"), max_length=255, blank=True, help_text=_("What a comment discusses.")
    )
    # On SQLite the text; PostgreSQL keeps it in SearchText, out of the rows every search reads.
    body = models.TextField(_("text"), blank=True)
    # The fields of action as "|translation key|…|", so that one LIKE filters by one of them.
    fields_of_action = models.TextField(_("fields of action"), blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    # Lowercase text without accents, for the substring search on SQLite; empty on PostgreSQL,
    # which matches through the generated search vector.
    folded = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_search_document_per_object"
            )
        ]

    def __str__(self):
        return self.title or self.context


class SearchText(models.Model):
    """The text of a search document (PostgreSQL): its search vector is computed from it when
    the document is written (a trigger, see the migrations) and excerpts are cut from it.

    Kept apart so that the documents' rows stay small: a search for a common word reads tens of
    thousands of them, but needs the text of only the ten it shows.
    """

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_search_text_per_object"
            )
        ]

    def __str__(self):
        return self.body[:60]


class SearchTerm(models.Model):
    """A word that occurs in indexed text, for "did you mean" suggestions (PostgreSQL)."""

    language = models.CharField(_("language"), max_length=10)
    word = models.CharField(_("word"), max_length=40)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="unique_search_term")
        ]

    def __str__(self):
        return self.word
