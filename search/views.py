"""The site search: one page per language and the suggestions while typing."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe

from wagtail.models import Locale

from cms import layout
from cms.taxonomy import FieldOfAction

from . import engine
from .forms import SearchForm
from .query import Search
from .types import result_type_named


def _fields_of_action(request):
    """{slug: field of action} in the reader's language, as the listings' filters use them."""
    return layout.cached(request, "fields_of_action", FieldOfAction.for_language)


def _link(values, **changes):
    query = {
        "q": values["q"],
        "type": values["type"],
        "field": values["field"],
        "sort": values["sort"],
        **changes,
    }
    if query["sort"] == "relevance":
        query["sort"] = ""
    return "?" + urlencode({key: value for key, value in query.items() if value})


def _private(response):
    """Search pages are for people, not for search engines, and not for shared caches: the
    query may say something about the person."""
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


@require_safe
def search(request):
    values = SearchForm(request.GET).values()
    locale = Locale.get_active()
    fields = _fields_of_action(request)
    by_key = {str(field.translation_key): slug for slug, field in fields.items()}
    chosen_field = fields.get(values["field"])
    query = Search(
        text=values["q"],
        locale_id=locale.pk,
        language=locale.language_code,
        result_type=result_type_named(values["type"]),
        field_key=str(chosen_field.translation_key) if chosen_field else None,
        newest_first=values["sort"] == "newest",
    )
    results = engine.run(
        query,
        request,
        page_number=values["page"],
        field_names=[(key, fields[slug].name) for key, slug in by_key.items()],
    )
    for facet in results.types:
        facet.url = _link(values, type="" if facet.selected else facet.value, page="")
    for facet in results.fields:
        slug = by_key[facet.value]
        facet.url = _link(values, field="" if facet.selected else slug, page="")
    context = {
        "values": values,
        "query": values["q"],
        "results": results,
        "filtered": bool(query.result_type or query.field_key),
        "clear_filters_url": _link(values, type="", field="", page=""),
        "sorts": [
            {
                "label": label,
                "url": _link(values, sort=value, page=""),
                "current": value == values["sort"],
            }
            for value, label in SearchForm.SORTS
        ],
        "suggestion_url": _link({**values, "type": "", "field": ""}, q=results.suggestion)
        if results.suggestion
        else "",
        "previous_url": _link(values, page=results.page_number - 1)
        if results.page_number > 1
        else "",
        "next_url": _link(values, page=results.page_number + 1)
        if results.page_number < results.last_page
        else "",
    }
    return _private(render(request, "search/search.html", context))


@require_safe
def suggestions(request):
    """Titles for the words typed so far, as JSON: {"results": [{title, url, type}, …]}."""
    values = SearchForm(request.GET).values()
    found = engine.autocomplete(request, values["q"], Locale.get_active().pk)
    return _private(JsonResponse({"results": found}))
