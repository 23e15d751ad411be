"""Finding the reader's language version of pages."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from wagtail.models import Locale, Page

from cms import layout


def localized_pages(pages):
    """The live translations of ``pages`` in the active language, looked up in one query.

    Returns {translation_key: page}; pages without a live translation there are left out.
    """
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    active = _locale_ids().get(get_language())
    if all(page.live and page.locale_id == active for page in pages):
        # Already in the reader's language: each is its own translation there.
        return {page.translation_key: page for page in pages}
    keys = {page.translation_key for page in pages}
    return {
        page.translation_key: page
        for page in Page.objects.live().filter(
            translation_key__in=keys, locale__language_code=get_language()
        )
    }


def locale_id_of(language_code):
    """The id of the locale of ``language_code`` (None if there is none), from the layout cache."""
    return _locale_ids().get(language_code)


def language_of(locale_id):
    """The language code of the locale ``locale_id`` (None if there is none), from the layout
    cache."""
    return next((code for code, pk in _locale_ids().items() if pk == locale_id), None)


def _locale_ids():
    """{language code: locale id}, from the layout cache."""
    return layout.cached_everywhere(
        "locale-ids", lambda: dict(Locale.objects.values_list("language_code", "id"))
    )


def translation_group(page):
    """The ids of ``page`` and its translations. Contributions belong to the language version
    they were made on; listings, counts and limits of a page hold across all of them.

    A list from the layout cache (a new page starts a new generation), not a subquery: with the
    ids written out, PostgreSQL estimates the proposals of a process well and plans accordingly.
    """
    return layout.cached_everywhere(
        f"translations-of:{page.translation_key}",
        lambda: sorted(
            Page.objects.filter(translation_key=page.translation_key).values_list("id", flat=True)
        ),
    )


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's language middleware, except that addresses outside the language prefixes
    (``settings.UNPREFIXED_PATHS``: the read API) keep their own 404: Django would redirect it to
    the same address under ``/de/``, where Wagtail's page route accepts any path."""

    def process_response(self, request, response):
        if request.path_info.startswith(tuple(settings.UNPREFIXED_PATHS)):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)
