"""The OpenAPI description of the read API (/api/v1/schema/), generated from the views and
serializers by drf-spectacular, once per language and process (generating it takes a while;
a deploy restarts the processes and so rebuilds it)."""

import functools
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.views import SpectacularAPIView
from rest_framework.response import Response

from .base import AddressRateThrottle

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {
                    "type": "string",
                    "description": "What went wrong, for programs: invalid, unknown_parameter, "
                    "not_found, throttled.",
                },
                "message": {
                    "type": "string",
                    "description": "What went wrong, for people, in the request's language.",
                },
                "fields": {
                    "type": "object",
                    "description": "The query parameters that are wrong, each with its messages.",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}

ERRORS = {
    "400": "A query parameter is unknown, given empty or twice, or has a value that cannot be "
    "used.",
    "404": "There is no such item, or it is not public.",
    "429": "Too many requests from this address; the Retry-After header says how many seconds "
    "to wait.",
}


def add_errors(result, generator, request, public):
    """Every operation answers errors as one JSON shape: 400 and 429 everywhere, 404 where the
    address names an item (drf-spectacular post-processing hook)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in ERRORS.items():
                if status == "404" and "{" not in path:
                    continue
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result


def require_values(result, generator, request, public):
    """An empty query parameter (``?state=``) is a 400, not "no filter": every plain text
    parameter says it needs at least one character other than a space, and none that is NUL
    (post-processing hook, after :func:`add_pages`)."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") != "query" or schema.get("type") != "string":
                    continue
                if not any(key in schema for key in ("enum", "pattern", "format", "anyOf")):
                    # Not only spaces, and no NUL character (no database stores one).
                    schema["minLength"] = 1
                    schema["pattern"] = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"
    return result


# --- Wagtail's pages API v2: drf-spectacular cannot read its views by itself ---------------------

PAGE_META = {
    "type": "object",
    "properties": {
        "type": {"type": "string", "description": "Page type, e.g. visions.ProcessPage."},
        "detail_url": {"type": "string", "format": "uri", "description": "This page in the API."},
        "html_url": {
            "type": "string",
            "format": "uri",
            "nullable": True,
            "description": "Address of the page on the site.",
        },
        "slug": {"type": "string", "description": "Last part of the page's address."},
        "first_published_at": {
            "type": "string",
            "format": "date-time",
            "nullable": True,
            "description": "When the page was first published.",
        },
        "locale": {"type": "string", "description": "Language of the page: de or en."},
    },
}
PAGE_ITEM = {
    "type": "object",
    # Nothing is always there: ``fields=_`` leaves out everything, the id too.
    "required": [],
    "properties": {
        "id": {"type": "integer", "description": "Identifier of the page."},
        "meta": PAGE_META,
        "title": {"type": "string", "description": "Title of the page."},
    },
    "additionalProperties": True,
}
PAGE_LIST = {
    "type": "object",
    "required": ["meta", "items"],
    "properties": {
        "meta": {
            "type": "object",
            "properties": {
                "total_count": {"type": "integer", "description": "Number of matching pages."}
            },
        },
        "items": {"type": "array", "items": PAGE_ITEM},
    },
}
PAGE_DETAIL = {
    **PAGE_ITEM,
    "description": "The page with every field its type declares (intro, body, dates, fields of "
    "action …); body fields are lists of blocks {type, value, id}.",
}


def _parameter(name, schema, description, location="query", required=False):
    return {
        "name": name,
        "in": location,
        "required": required,
        "description": description,
        "schema": schema,
    }


MAX_PAGE_OFFSET = 10_000
"""The deepest ``offset`` the pages API answers (Wagtail's offset paging reads every skipped
row; the other resources page by cursor)."""

PAGE_FIELDS = (
    "id",
    "type",
    "detail_url",
    "html_url",
    "title",
    "slug",
    "first_published_at",
    "locale",
    "show_in_menus",
    "seo_title",
    "search_description",
    "alias_of",
)
"""Fields every page type has (``fields`` names them; a page type's own fields are also
accepted with ``type`` of that one type or on a detail)."""

PAGE_ORDERINGS = ("id", "title", "first_published_at")
"""Orderings that also work together with ``search`` on every page type (the search index can
sort by them)."""


def _fields_pattern(names):
    """``*`` (all) followed only by fields to leave out, or ``_`` (none) or a field followed by
    fields to add or leave out: what Wagtail accepts."""
    name = "(" + "|".join(names) + ")"
    return rf"^(\*(,-{name})*|(_|-?{name})(,-?{name})*)$"


def page_parameters():
    """The pages API's query parameters; the page types are known once the apps are loaded."""
    from wagtail.models import get_page_models

    types = sorted(model._meta.label for model in get_page_models())
    return [
        _parameter(
            "locale", {"type": "string", "enum": ["de", "en"]}, "Only pages in this language."
        ),
        _parameter(
            "type",
            {"type": "string", "enum": types},
            "Only pages of this type (app_label.Model), e.g. home.EventPage; with one type, "
            "its own fields can be asked for in `fields` (several types: comma-separated).",
        ),
        _parameter(
            "fields",
            {"type": "string", "pattern": _fields_pattern(PAGE_FIELDS)},
            "Fields to add (comma-separated), `*` first for all, `_` first for none, `-name` "
            "to leave one out. A name the page type does not have is a 400.",
        ),
        _parameter(
            "limit",
            {"type": "integer", "minimum": 0, "maximum": 100},
            "Pages per answer, 0 to 100 (default 20).",
        ),
        _parameter(
            "offset",
            {"type": "integer", "minimum": 0, "maximum": MAX_PAGE_OFFSET},
            f"Pages to skip, 0 to {MAX_PAGE_OFFSET} (default 0).",
        ),
        _parameter(
            "order",
            {
                "type": "string",
                "enum": [v for name in PAGE_ORDERINGS for v in (name, f"-{name}")],
            },
            "Order by a field; `-` before it reverses.",
        ),
        _parameter("search", {"type": "string"}, "Only pages that match these words."),
    ]


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def page_operations():
    return {
        "/api/v1/pages/": {
            "get": {
                "operationId": "pages_list",
                "summary": "Published pages",
                "description": "Every published, public page of the site (both languages), with "
                "the fields each page type declares (Wagtail's pages API).",
                "tags": ["pages"],
                "parameters": page_parameters(),
                "responses": {"200": _json(PAGE_LIST, "A page of pages.")},
            }
        },
        "/api/v1/pages/{id}/": {
            "get": {
                "operationId": "pages_retrieve",
                "summary": "One published page",
                "tags": ["pages"],
                "parameters": [
                    _parameter(
                        "id",
                        {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                        "Identifier of the page.",
                        location="path",
                        required=True,
                    ),
                    _parameter(
                        "fields",
                        {"type": "string", "pattern": _fields_pattern((*PAGE_FIELDS, "parent"))},
                        "Fields to add or (with `-`) leave out, as on the list; the page type's "
                        "own fields are accepted too.",
                    ),
                ],
                "responses": {"200": _json(PAGE_DETAIL, "The page.")},
            }
        },
    }


def only_the_api(endpoints):
    """The read API's endpoints (not the admin's), without Wagtail's pages API, whose views
    drf-spectacular cannot read: :func:`page_operations` describes them (preprocessing hook)."""
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith("/api/v1/") and not endpoint[0].startswith("/api/v1/pages/")
    ]


def add_pages(result, generator, request, public):
    """Wagtail's pages API, described by hand (postprocessing hook, before :func:`add_errors`)."""
    result.setdefault("paths", {}).update(page_operations())
    return result


# --- The schema, cached -----------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def schema_for(language):
    """The description in ``language`` (its texts are translated), as plain JSON data."""
    with translation.override(language):
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return json.loads(json.dumps(schema, cls=DjangoJSONEncoder))


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 description; JSON by default, YAML with ``?format=yaml``."""

    throttle_classes = [AddressRateThrottle]
    # JSON first: a browser (Accept: */*) gets what the documentation's link promises.
    renderer_classes = [
        OpenApiJsonRenderer,
        OpenApiJsonRenderer2,
        OpenApiYamlRenderer,
        OpenApiYamlRenderer2,
    ]

    def _get_schema_response(self, request):
        schema = schema_for(translation.get_language())
        return Response(
            data=schema,
            headers={
                "Content-Disposition": f'inline; filename="{self._get_filename(request, None)}"'
            },
        )
