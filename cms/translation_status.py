"""How far each language version of a page is: complete, incomplete, outdated or missing; and the
rule that a translation with untranslated segments never goes live.

Works for pages translated through wagtail-localize (a ``TranslationSource`` with its segments)
and for translations made with ``copy_for_translation`` alone (the demo): those are outdated
when their source was published after them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.actions.publish_revision import PublishPermissionError
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

COMPLETE = "complete"
INCOMPLETE = "incomplete"
OUTDATED = "outdated"
MISSING = "missing"

STATE_LABELS = {
    COMPLETE: pgettext_lazy("translation state", "complete"),
    INCOMPLETE: pgettext_lazy("translation state", "incomplete"),
    OUTDATED: pgettext_lazy("translation state", "outdated"),
    MISSING: pgettext_lazy("translation state", "missing"),
}

INCOMPLETE_MESSAGE = _(
    "The translation is incomplete: %(missing)s of %(total)s texts are not translated yet. "
    "Translate them before the page is submitted or published."
)


class TranslationIncomplete(PublishPermissionError):
    """Publishing refused: the page would go live with texts in the source language."""


def translation_progress(page):
    """(total, translated) string segments of ``page`` as a wagtail-localize translation, or
    None when ``page`` is no translation that wagtail-localize manages (e.g. a source page)."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .exclude(source__locale_id=page.locale_id)
        .first()
    )
    if translation is None:
        return None
    return translation.get_progress()


def missing_segments(page):
    """How many texts of ``page`` still show the source language (0 when complete or unmanaged),
    and the total."""
    progress = translation_progress(page)
    if progress is None:
        return 0, 0
    total, done = progress
    return total - done, total


def check_publishable(page):
    """Raise ``TranslationIncomplete`` if ``page`` is a translation with untranslated texts."""
    missing, total = missing_segments(page)
    if missing:
        raise TranslationIncomplete(INCOMPLETE_MESSAGE % {"missing": missing, "total": total})


def incomplete_message(page):
    """The refusal's text for ``page``, or None when it may be published."""
    missing, total = missing_segments(page)
    if missing:
        return INCOMPLETE_MESSAGE % {"missing": missing, "total": total}
    return None


@dataclass
class LanguageStatus:
    locale: Locale
    state: str
    page: Page | None  # the translation (None when missing)
    source: Page | None  # the page it is translated from
    source_record_id: int | None  # wagtail-localize's TranslationSource, for "sync"

    @property
    def label(self):
        return STATE_LABELS[self.state]


def statuses(pages):
    """{translation_key: [LanguageStatus for every language but the source's]} for ``pages``
    (any language version of each), in a constant number of queries: locales, pages,
    translation sources, translations, and segment counts per target language."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    locales = {locale.id: locale for locale in Locale.objects.all()}
    default_locale_id = next(
        (i for i, loc in locales.items() if loc.language_code == settings.LANGUAGE_CODE), None
    )
    versions = {}
    for version in Page.objects.filter(translation_key__in=keys).only(
        "id",
        "title",
        "translation_key",
        "locale_id",
        "live",
        "alias_of_id",
        "last_published_at",
        "latest_revision_created_at",
        "path",
        "depth",
        "content_type_id",
    ):
        versions[(version.translation_key, version.locale_id)] = version
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(object_id__in=keys).only(
            "id", "object_id", "locale_id", "last_updated_at"
        )
    }
    managed = set(
        Translation.objects.filter(source__in=sources.values(), enabled=True).values_list(
            "source_id", "target_locale_id"
        )
    )
    progress = _progress(managed)

    result = {}
    for key in keys:
        record = sources.get(key)
        source_locale_id = record.locale_id if record else default_locale_id
        source = versions.get((key, source_locale_id))
        rows = []
        for locale_id, locale in locales.items():
            if locale_id == source_locale_id:
                continue
            page = versions.get((key, locale_id))
            managed_here = record is not None and (record.id, locale_id) in managed
            if page is None or page.alias_of_id:
                state = MISSING
            elif managed_here and progress.get((record.id, locale_id), (0, 0))[1]:
                state = INCOMPLETE
            elif _outdated(source, page, record if managed_here else None):
                state = OUTDATED
            else:
                state = COMPLETE
            rows.append(
                LanguageStatus(
                    locale=locale,
                    state=state,
                    page=page if state != MISSING else None,
                    source=source,
                    source_record_id=record.id if managed_here else None,
                )
            )
        result[key] = rows
    return result


def _outdated(source, translation, record):
    """The source was published after the translation took it over: after the last sync for
    wagtail-localize, after the translation's own last save otherwise."""
    if source is None or source.last_published_at is None:
        return False
    if record is not None:
        taken_over = record.last_updated_at
    else:
        taken_over = translation.last_published_at or translation.latest_revision_created_at
    return taken_over is None or source.last_published_at > taken_over


def _progress(managed):
    """{(source id, target locale id): (total, untranslated)} for the managed translations:
    one query for the totals and one per target language."""
    source_ids = {source_id for source_id, _locale in managed}
    if not source_ids:
        return {}
    totals = dict(
        StringSegment.objects.filter(source_id__in=source_ids)
        .values("source_id")
        .annotate(n=Count("id"))
        .values_list("source_id", "n")
    )
    result = {}
    for locale_id in {locale for _source, locale in managed}:
        translated = dict(
            StringSegment.objects.filter(source_id__in=source_ids)
            .filter(
                Exists(
                    StringTranslation.objects.filter(
                        translation_of_id=OuterRef("string_id"),
                        context_id=OuterRef("context_id"),
                        locale_id=locale_id,
                        has_error=False,
                    )
                )
            )
            .values("source_id")
            .annotate(n=Count("id"))
            .values_list("source_id", "n")
        )
        for source_id in source_ids:
            if (source_id, locale_id) in managed:
                total = totals.get(source_id, 0)
                result[(source_id, locale_id)] = (total, total - translated.get(source_id, 0))
    return result


def outdated_translations(user):
    """Every outdated translation of a page ``user`` may edit, as LanguageStatus rows."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    sources = editable.filter(depth__gt=1).only("id", "translation_key", "locale_id")
    found = statuses(list(sources))
    rows = [row for group in found.values() for row in group if row.state == OUTDATED]
    rows.sort(key=lambda row: (row.source.title if row.source else "", row.locale.language_code))
    return rows
