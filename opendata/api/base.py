"""What every endpoint of the read API shares: keyset pagination with a count, a limit per
network address that fails open, JSON errors, strict query parameters, conditional requests
and a read-only base viewset that never sets a cookie.

Views only say which queryset is visible, which filters and orderings they allow and which
field tells when an item last changed; everything else happens here, the same way for all.
"""

import base64
import binascii
import datetime
import hashlib
import json
import logging
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.models import Page

import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, viewsets
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from cms.listing import not_in_private_section
from participation.ratelimits import _client_ip

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1/"

PAGINATION_PARAMETERS = ("cursor", "page_size", "ordering")
"""Query parameters every list understands, besides its filters."""


# --- Errors ---------------------------------------------------------------------------------------


class BadQuery(exceptions.ValidationError):
    """A query parameter that is unknown or has a value that cannot be used: 400, naming it."""

    def __init__(self, parameter, message, code="invalid"):
        super().__init__({parameter: [message]}, code=code)


def _messages(detail):
    """DRF's error detail (str, list or dict, nested) as a flat list of strings."""
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]


def _fields(detail):
    if not isinstance(detail, dict):
        return {}
    return {str(key): _messages(value) for key, value in detail.items()}


def exception_handler(exc, context):
    """Every error of the API as ``{"error": {"code", "message", "fields"}}`` in the request's
    language, with DRF's status and headers (``Retry-After`` on 429)."""
    request = context.get("request")
    if request is None or not request.path.startswith(API_PREFIX):
        return drf_exception_handler(exc, context)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"query": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, Http404):
        code, message, fields = "not_found", _("Not found."), {}
    elif isinstance(exc, PermissionDenied):
        code, message, fields = "permission_denied", _("Not allowed."), {}
    elif isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        codes = exc.get_codes()
        code = "invalid"
        if isinstance(codes, dict) and any(
            "unknown_parameter" in _messages(value) for value in codes.values()
        ):
            code = "unknown_parameter"
        message = _("The request's query parameters are not valid: %(names)s.") % {
            "names": ", ".join(fields) or "?"
        }
        if not fields:
            fields = {"query": _messages(exc.detail)}
    elif isinstance(exc, exceptions.Throttled):
        code, fields = "throttled", {}
        message = _(
            "Too many requests from your address. Please wait %(seconds)s seconds and try again."
        ) % {"seconds": response.headers.get("Retry-After", "60")}
    else:
        code = getattr(exc, "default_code", "error")
        message = " ".join(_messages(getattr(exc, "detail", str(exc))))
        fields = {}
    response.data = error_body(code, message, fields)
    return response


# --- Limits ---------------------------------------------------------------------------------------


class AddressRateThrottle(SimpleRateThrottle):
    """Requests per network address (the one sign-in limits use, which respects
    ``TRUSTED_PROXY_COUNT``), counted in the shared cache.

    Reads fail open: when the cache cannot be reached the request is answered unlimited,
    because the API only reads what every visitor may read anyway."""

    scope = "address"

    def get_rate(self):
        # Read at request time so that changed settings (tests, environment) apply.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        address = _client_ip(None, getattr(request, "_request", request))
        return self.cache_format % {"scope": self.scope, "ident": address or "unknown"}

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - any cache failure: answer rather than refuse a read
            logger.warning("API rate limit not counted: the cache is unavailable.", exc_info=True)
            return True

    def wait(self):
        return max(1, round(super().wait() or 1))


# --- Query parameters -----------------------------------------------------------------------------


def parse_changed_since(value):
    """An ISO 8601 date (midnight, in the site's time zone) or date-time (naive: in the
    site's time zone); ``None`` when it is neither."""
    value = (value or "").strip()
    try:
        moment = parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            if day is None:
                return None
            moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        return None
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        # In UTC: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows.
        moment = moment.astimezone(datetime.UTC)
    except (ValueError, OverflowError):
        # A moment at the very edge of the calendar (0001-01-01 east of UTC, 9999-12-31 west
        # of it) is a valid date-time: it means "since the beginning" or "nothing yet".
        edge = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)
    return moment


class ChangedSinceField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        moment = parse_changed_since(value)
        if moment is None:
            raise forms.ValidationError(
                _("Enter an ISO 8601 date (2025-03-01) or date and time (2025-03-01T12:00:00Z).")
            )
        return moment


CHANGED_SINCE_SCHEMA = {
    "type": "string",
    "anyOf": [{"format": "date"}, {"format": "date-time"}],
}


@extend_schema_field(CHANGED_SINCE_SCHEMA)
class ChangedSinceFilter(django_filters.Filter):
    """``changed_since=2025-03-01`` or ``changed_since=2025-03-01T12:00:00+01:00``: items changed
    at or after that moment (``field_name`` says which field tells the change)."""

    field_class = ChangedSinceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "help_text",
            gettext_lazy(
                "Only items changed at or after this moment: an ISO 8601 date (2025-03-01) "
                "or date and time (2025-03-01T12:00:00+01:00)."
            ),
        )
        super().__init__(*args, **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """A filter set whose bad values are a 400 naming the parameter (never ignored)."""

    @property
    def qs(self):
        if not self.is_valid():
            raise exceptions.ValidationError(
                {name: [str(m) for m in errors] for name, errors in self.errors.items()}
            )
        return super().qs


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, and a 400 for every query parameter the list does not know: a typo in a
    filter must not silently return everything."""

    def allowed_parameters(self, request, queryset, view):
        allowed = set(getattr(view, "extra_query_parameters", ()))
        if getattr(view, "action", None) == "list":
            allowed.update(PAGINATION_PARAMETERS)
            filterset_class = self.get_filterset_class(view, queryset)
            if filterset_class is not None:
                allowed.update(filterset_class.base_filters)
        return allowed

    def check_parameters(self, request, queryset, view):
        allowed = self.allowed_parameters(request, queryset, view)
        for name in request.query_params:
            if name not in allowed:
                raise BadQuery(name, _("Unknown query parameter."), code="unknown_parameter")
        for name in request.query_params:
            values = request.query_params.getlist(name)
            if len(values) > 1:
                raise BadQuery(name, _("Give this parameter only once."))
            if not values[0].strip():
                # An empty value is a mistake to point out, not "no filter": leave it out.
                raise BadQuery(name, _("Give a value, or leave this parameter out."))

    def filter_queryset(self, request, queryset, view):
        self.check_parameters(request, queryset, view)
        return super().filter_queryset(request, queryset, view)


# --- Pagination -----------------------------------------------------------------------------------


MAX_ID = 2**31 - 1
"""The largest identifier a query may ask for: beyond it PostgreSQL's integer columns refuse
the comparison (an error, not an empty answer)."""

_MAX_NUMBER = 2**62


def _tagged(value):
    """A cursor's ordering value with its type, so that it is read back as what it was."""
    if isinstance(value, datetime.datetime):
        return ["dt", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    if isinstance(value, bool):
        return ["n", int(value)]
    if isinstance(value, int):
        return ["n", value]
    if isinstance(value, float):
        return ["f", value]
    return ["s", str(value)]


def _untagged(tagged):
    kind, value = tagged
    if kind == "dt":
        value = datetime.datetime.fromisoformat(value)
        if timezone.is_naive(value):
            raise ValueError(value)
        return value
    if kind == "d":
        return datetime.date.fromisoformat(value)
    if kind == "n":
        if not isinstance(value, int) or abs(value) > _MAX_NUMBER:
            raise ValueError(value)
        return value
    if kind == "f":
        return float(value)
    if kind == "s" and isinstance(value, str):
        return value
    raise ValueError(kind)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An identifier: a whole number (``process=abc`` or ``process=1.5`` is a 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ApiPagination(BasePagination):
    """Keyset ("cursor") pagination: the next page continues after the last item's ordering
    value and id, so a deep page costs what the first does (an index on the ordering field and
    id serves both). ``count`` is the number of all matching (visible) items.

    The view names the orderings it allows (``ordering_fields``: parameter name → model field
    or annotation, never null) and its default (``ordering``, e.g. ``"-created_at"``); ties are
    broken by ``id`` in the same direction."""

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    ordering_query_param = "ordering"

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if size < 1:
            raise BadQuery(
                self.page_size_query_param,
                _("Enter a whole number from 1 to %(max)s.") % {"max": self.max_page_size},
            )
        return min(size, self.max_page_size)

    def get_ordering(self, request, view):
        """``(parameter value, model field, descending)``."""
        fields = getattr(view, "ordering_fields", None) or {"created_at": "created_at"}
        default = getattr(view, "ordering", None) or "-created_at"
        value = request.query_params.get(self.ordering_query_param) or default
        name = value.removeprefix("-")
        if name not in fields:
            raise BadQuery(
                self.ordering_query_param,
                _("Choose one of: %(choices)s.")
                % {"choices": ", ".join(f"{n}, -{n}" for n in fields)},
            )
        return value, fields[name], value.startswith("-")

    def decode_cursor(self, request):
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode("ascii") + b"==="))
            ordering, value, pk, backwards = (
                str(data["o"]),
                _untagged(data["v"]),
                int(data["i"]),
                bool(data["b"]),
            )
            if not 0 < pk <= _MAX_NUMBER:
                raise ValueError(pk)
        except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError, AttributeError):
            raise BadQuery(
                self.cursor_query_param,
                _("This cursor is not valid: use the next or previous address of a page."),
            ) from None
        return ordering, value, pk, backwards

    def encode_cursor(self, ordering, key, backwards):
        value, pk = key
        data = {"o": ordering, "v": _tagged(value), "i": pk, "b": backwards}
        raw = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode())
        return self._address({self.cursor_query_param: raw.decode().rstrip("=")})

    def _address(self, changes):
        scheme, netloc, path, query, fragment = urlsplit(self.base_url)
        params = dict(parse_qsl(query, keep_blank_values=True))
        params.update(changes)
        return urlunsplit((scheme, netloc, path, urlencode(sorted(params.items())), fragment))

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size_value = self.get_page_size(request)
        ordering, field, descending = self.get_ordering(request, view)
        self.field_attr = field
        cursor = self.decode_cursor(request)
        self.count = queryset.order_by().count()

        backwards = False
        if cursor is not None:
            cursor_ordering, value, pk, backwards = cursor
            if cursor_ordering != ordering:
                raise BadQuery(
                    self.cursor_query_param,
                    _("This cursor belongs to another ordering: start again without it."),
                )
            # Going forward in a descending order means smaller values, and so on.
            smaller = descending != backwards
            op = "lt" if smaller else "gt"
            queryset = queryset.filter(
                Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"pk__{op}": pk})
            )
        reverse = descending != backwards
        sign = "-" if reverse else ""
        # Two steps: the page's keys from the narrow rows (an index on the ordering field
        # answers it without touching the others), then only those items with everything the
        # answer shows (``view.load``: joins, annotations), never joined to all matching rows.
        keys = list(
            queryset.order_by(f"{sign}{field}", f"{sign}pk").values_list(field, "pk")[
                : self.page_size_value + 1
            ]
        )
        more = len(keys) > self.page_size_value
        keys = keys[: self.page_size_value]
        if backwards:
            keys.reverse()
        load = getattr(view, "load", None) or (lambda items: items)
        page = queryset.filter(pk__in=[k[1] for k in keys]).order_by()
        loaded = {item.pk: item for item in load(page)}
        items = [loaded[pk] for _value, pk in keys if pk in loaded]
        self.items = items
        self.next_link = self.previous_link = None
        if keys:
            if more or backwards:
                self.next_link = self.encode_cursor(ordering, keys[-1], False)
            if cursor is not None and (more or not backwards):
                self.previous_link = self.encode_cursor(ordering, keys[0], True)
        return items

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("count", self.count),
                    ("next", self.next_link),
                    ("previous", self.previous_link),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "Number of all matching items (all pages).",
                },
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        fields = getattr(view, "ordering_fields", None) or {"created_at": "created_at"}
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The next or previous page, as given by `next` and `previous`.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Items per page, 1 to {self.max_page_size} "
                f"(default {self.page_size}; larger values are capped).",
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.ordering_query_param,
                "required": False,
                "in": "query",
                "description": "Order of the results; a leading minus sign reverses it.",
                "schema": {
                    "type": "string",
                    "enum": [v for n in fields for v in (n, f"-{n}")],
                },
            },
        ]


# --- Conditional requests and the base viewset ----------------------------------------------------


class JSONOnly(DefaultContentNegotiation):
    """JSON whatever ``?format=`` or ``Accept`` say: ``format`` is then an unknown parameter
    (400) like any other, instead of DRF's 404 for a format it does not render."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _newest(values):
    values = [v for v in values if v is not None]
    return max(values) if values else None


class ReadOnlyResource(viewsets.ReadOnlyModelViewSet):
    """GET list and detail of what everybody may read, nothing else (other methods: 405).

    Subclasses set ``queryset`` or ``get_queryset`` (the visible items only), ``serializer_class``,
    ``filterset_class``, ``ordering_fields``/``ordering`` and ``last_modified_field``.

    Every successful answer has an ``ETag`` (a hash of its body; ``If-None-Match`` → 304) and,
    where the items tell when they changed, ``Last-Modified`` (the newest among the returned
    items; ``If-Modified-Since`` → 304), ``Cache-Control: public, max-age=60`` and no cookie."""

    http_method_names = ["get", "head", "options"]
    content_negotiation_class = JSONOnly
    pagination_class = ApiPagination
    throttle_classes = [AddressRateThrottle]
    filter_backends = [StrictFilterBackend]
    lookup_value_regex = r"[0-9]+"
    ordering = "-created_at"
    ordering_fields = {"created_at": "created_at"}
    last_modified_field = "updated_at"
    extra_query_parameters = ()
    max_age = 60

    def load(self, queryset):
        """``queryset`` (the visible items of a page of results, or of a detail) with what the
        serializer reads from related rows (``select_related``, annotations); the list's count
        and ordering run on ``get_queryset`` alone, so that they stay narrow."""
        return queryset

    def prepare(self, items):
        """Read what the serializer needs for these items at once (subclasses); the list's
        page or the one item of a detail."""

    def _prepare(self, items):
        field = self.last_modified_field
        if field:
            self.last_modified = _newest(getattr(item, field, None) for item in items)
        self.prepare(items)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            self._prepare(page)
        return page

    def get_object(self):
        # Detail addresses take no query parameters (an unknown one is a 400, as on lists).
        StrictFilterBackend().check_parameters(self.request, None, self)
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if value is not None and not 0 < int(value) <= MAX_ID:
            raise Http404
        obj = get_object_or_404(self.load(self.get_queryset()), pk=value)
        self._prepare([obj])
        return obj

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return conditional(
            request, response, getattr(self, "last_modified", None), max_age=self.max_age
        )


def conditional(request, response, last_modified=None, max_age=60):
    """Every successful answer of the API: an ``ETag`` from its body (``If-None-Match`` → 304),
    ``Last-Modified`` when known (``If-Modified-Since`` → 304) and public caching."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    response.render()
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ("Accept-Language",))
    return get_conditional_response(
        request,
        etag=etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None,
        response=response,
    )


def error_body(code, message, fields=None):
    """The one shape of every error of the API."""
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def public_pages(model=Page):
    """Live pages of ``model`` outside every private section (no view restriction on them or
    above), as a filter in the query itself: the one visibility rule of pages in the API."""
    return model.objects.live().filter(not_in_private_section())


def _not_found():
    return JsonResponse(error_body("not_found", _("Not found.")), status=404)


class ApiMiddleware:
    """What every ``/api/v1/`` answer needs from outside the views:

    - no cookie, ever (no session, no CSRF token): whatever a middleware further in added is
      dropped, and ``Vary: Cookie`` with it;
    - an address no route of the API matches (e.g. /api/v1/places/abc/) is the API's JSON 404,
      not the site's HTML page.

    That such a 404 is not redirected to the same address under ``/de/`` is the language
    middleware's part (``settings.UNPREFIXED_PATHS``, cms.localization.LocaleMiddleware).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(API_PREFIX):
            return response
        if response.status_code == 404 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            response = _not_found()
        response.cookies.clear()
        if response.has_header("Vary"):
            kept = [
                v.strip()
                for v in response["Vary"].split(",")
                if v.strip().lower() not in ("cookie", "")
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
