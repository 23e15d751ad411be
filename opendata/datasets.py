"""The open data files: each dataset is one list endpoint of the read API, written as CSV, JSON
or GeoJSON with the API's own queryset (the one visibility rule) and serializer (the same field
names and values).

A file is produced by :func:`stream`, an iterator of byte chunks that reads the database in
chunks (``.iterator(chunk_size=…)``): a download that is generated on the fly streams, and the
worker writes the same chunks into storage (:mod:`opendata.generation`).
"""

import csv
import io
import json
from dataclasses import dataclass

from django.conf import settings
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from rest_framework import serializers
from rest_framework.utils.encoders import JSONEncoder

# Rows read and serialized at a time: memory stays at one chunk, whatever the export's size.
CHUNK_SIZE = 500

API_PREFIX = "/api/v1/"


@dataclass(frozen=True)
class Dataset:
    slug: str
    endpoint: str  # the API's list address below /api/v1/
    name: str
    description: str
    per_process: bool = False  # also offered per process (the API's ``process`` filter)
    geo: bool = False  # items have latitude/longitude: also GeoJSON

    @property
    def formats(self):
        return ("csv", "json", "geojson") if self.geo else ("csv", "json")

    @property
    def available(self):
        """Whether the API has this list (a dataset is offered only through its endpoint)."""
        try:
            resolve(API_PREFIX + self.endpoint + "/")
        except Resolver404:
            return False
        return True


def available_datasets():
    return [dataset for dataset in DATASETS.values() if dataset.available]


DATASETS = {
    dataset.slug: dataset
    for dataset in [
        Dataset(
            "proposals",
            "proposals",
            _("Proposals"),
            _(
                "Residents' proposals with their state, the official answer, field of action, "
                "municipality, location and the numbers of supports and comments."
            ),
            per_process=True,
            geo=True,
        ),
        Dataset(
            "polls",
            "polls",
            _("Polls"),
            _("Polls with their choices and, where the poll's rules make them public, results."),
            per_process=True,
        ),
        Dataset(
            "action-groups",
            "action-groups",
            _("Action groups"),
            _("Action groups, what they work on, where, and how many members they have."),
            per_process=True,
            geo=True,
        ),
        Dataset(
            "processes",
            "processes",
            _("Processes"),
            _("Participation processes with their phases and state."),
        ),
        Dataset(
            "visions",
            "visions",
            _("Visions"),
            _("Adopted visions with their implementation status and updates."),
        ),
        Dataset(
            "events",
            "events",
            _("Events"),
            _("Events with date, place and free seats."),
        ),
        Dataset(
            "places",
            "places",
            _("Places"),
            _("Places in the region with address and location."),
            geo=True,
        ),
    ]
}

FORMATS = {
    "csv": ("text/csv; charset=utf-8", _("CSV")),
    "json": ("application/json; charset=utf-8", _("JSON")),
    "geojson": ("application/geo+json; charset=utf-8", _("GeoJSON")),
}


class UnknownDataset(LookupError):
    """The dataset, format or process asked for does not exist (or is not public)."""


def get_dataset(slug, fmt):
    dataset = DATASETS.get(slug)
    if dataset is None or fmt not in dataset.formats or not dataset.available:
        raise UnknownDataset(slug)
    return dataset


def site_origin():
    """``(scheme, host)`` of the default site: the files' absolute links point there, as the
    API's do for a request to that site."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "http", "localhost"
    scheme = "https" if site.port == 443 else "http"
    host = site.hostname if site.port in (80, 443) else f"{site.hostname}:{site.port}"
    return scheme, host


def api_view(dataset, process_id=None, *, scheme="http", host="localhost"):
    """The API's list view of ``dataset`` as an anonymous reader without cookies asks for it
    (``?process=`` for one process), ready for ``get_queryset()`` and the serializer."""
    path = API_PREFIX + dataset.endpoint + "/"
    try:
        match = resolve(path)
    except Resolver404 as error:
        raise UnknownDataset(dataset.slug) from error
    view_function = match.func
    params = {"process": str(process_id)} if process_id else {}
    django_request = RequestFactory().get(
        path, params, HTTP_HOST=host, secure=scheme == "https", HTTP_ACCEPT="application/json"
    )
    view = view_function.cls(**getattr(view_function, "initkwargs", {}))
    view.action_map = getattr(view_function, "actions", {"get": "list"})
    view.action = "list"
    view.args, view.kwargs = (), {}
    view.format_kwarg = None
    view.headers = {}
    view.request = view.initialize_request(django_request)
    return view


def records(view):
    """The API's objects of ``view``'s list, all of them in id order, read and serialized in
    chunks; each chunk is loaded and prepared as the API loads and prepares a page (``load``,
    ``_prepare``)."""
    queryset = view.filter_queryset(view.get_queryset())
    load = getattr(view, "load", None)  # what a page of results joins and annotates
    if load is not None:
        queryset = load(queryset)
    queryset = queryset.order_by("pk")
    serializer_class = view.get_serializer_class()
    context = view.get_serializer_context()
    prepare = getattr(view, "_prepare", None) or getattr(view, "prepare", None)

    def serialized(chunk):
        if prepare is not None:
            prepare(chunk)
        return serializer_class(chunk, many=True, context=context).data

    chunk = []
    for item in queryset.iterator(chunk_size=CHUNK_SIZE):
        chunk.append(item)
        if len(chunk) == CHUNK_SIZE:
            yield from serialized(chunk)
            chunk = []
    if chunk:
        yield from serialized(chunk)


def plain(value):
    """A JSON value as the API sends it (ordered dicts and lazy texts become plain values)."""
    return json.loads(json.dumps(value, cls=JSONEncoder))


# --- Columns of the CSV files -----------------------------------------------------------------

# Nested objects whose serializer field does not say its parts (a method field): the parts.
NESTED_PARTS = {
    "process": ["id", "title", "url"],
    "field_of_action": ["slug", "name"],
    "place": ["id", "title", "url"],
}


def _field_parts(name, field):
    child = getattr(field, "child", None)
    if isinstance(field, serializers.ListSerializer | serializers.ListField) or child:
        return None
    if isinstance(field, serializers.BaseSerializer):
        return list(field.fields)
    if isinstance(field, serializers.DictField | serializers.JSONField):
        return None
    return NESTED_PARTS.get(name)


def columns(view):
    """The CSV columns of ``view``'s serializer: one per field; a nested object (``process``)
    one per part (``process_id``, ``process_title`` …); lists (phases, choices …) one column
    holding their JSON text."""
    serializer = view.get_serializer_class()(context=view.get_serializer_context())
    result = []
    for name, field in serializer.fields.items():
        parts = _field_parts(name, field)
        if parts:
            result.extend((name, part) for part in parts)
        else:
            result.append((name, None))
    return result


def column_name(name, part):
    return f"{name}_{part}" if part else name


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, cls=JSONEncoder)
    return str(value)


def flatten(item, cols):
    """One CSV row (column name → text) of an API object."""
    row = {}
    for name, part in cols:
        value = item.get(name)
        if part is not None:
            value = value.get(part) if isinstance(value, dict) else None
        row[column_name(name, part)] = cell(value)
    return row


# --- The files --------------------------------------------------------------------------------


class Counter:
    """How many records a stream wrote (known once it is exhausted)."""

    def __init__(self):
        self.records = 0


def stream(dataset, fmt, process_id=None, *, licence, counter=None, generated_at=None, origin=None):
    """The file of ``dataset`` in ``fmt`` (for one process or all) under ``licence``
    (:meth:`OpenDataSettings.licence_info`) as an iterator of UTF-8 byte chunks. The data is
    read while the iterator runs, in the site's default language."""
    counter = counter or Counter()
    generated_at = generated_at or timezone.now()
    scheme, host = origin or site_origin()
    view = api_view(dataset, process_id, scheme=scheme, host=host)
    writer = {"csv": _csv, "json": _json, "geojson": _geojson}[fmt]
    header = {
        "dataset": dataset.slug,
        "process": process_id or None,
        "generated_at": generated_at.isoformat(),
        "licence": licence,
    }
    with translation.override(settings.LANGUAGE_CODE):
        buffer = []
        size = 0
        for text in writer(view, header, counter):
            buffer.append(text)
            size += len(text)
            if size >= 64 * 1024:
                yield "".join(buffer).encode()
                buffer, size = [], 0
        if buffer:
            yield "".join(buffer).encode()


def _csv(view, header, counter):
    cols = columns(view)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column_name(name, part) for name, part in cols])
    for item in records(view):
        row = flatten(item, cols)
        writer.writerow(row.values())
        counter.records += 1
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


def _dump(value):
    return json.dumps(value, ensure_ascii=False, cls=JSONEncoder)


def _json(view, header, counter):
    yield "{" + ", ".join(f"{_dump(key)}: {_dump(value)}" for key, value in header.items())
    yield ', "items": ['
    for item in records(view):
        yield ("," if counter.records else "") + "\n" + _dump(item)
        counter.records += 1
    yield f'\n], "count": {counter.records}}}\n'


def _geojson(view, header, counter):
    yield '{"type": "FeatureCollection", '
    yield ", ".join(f"{_dump(key)}: {_dump(value)}" for key, value in header.items())
    yield ', "features": ['
    for item in records(view):
        latitude, longitude = item.get("latitude"), item.get("longitude")
        if latitude is None or longitude is None:
            continue
        feature = {
            "type": "Feature",
            "id": item.get("id"),
            "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
            "properties": item,
        }
        yield ("," if counter.records else "") + "\n" + _dump(feature)
        counter.records += 1
    yield "\n]}\n"


def process_scopes():
    """The processes that have their own downloads: live, public process pages, each once (in
    the site's default language where it has a translation in it, as contributions name it),
    as ``{"id", "title", "translation_key"}``; one query."""
    from visions.models import ProcessPage

    from .api.base import public_pages

    rows = (
        public_pages(ProcessPage)
        .order_by("path")
        .values_list("pk", "title", "translation_key", "locale__language_code")
    )
    chosen = {}
    for pk, title, key, language in rows:
        if key not in chosen or language == settings.LANGUAGE_CODE:
            chosen[key] = {"id": pk, "title": title, "translation_key": key}
    return list(chosen.values())


def file_name(dataset, fmt, process_id=None, generated_at=None):
    """The download's name, e.g. ``landvorteil-process-12-proposals-2026-12-07.csv``."""
    scope = f"process-{process_id}-" if process_id else ""
    date = f"-{timezone.localdate(generated_at).isoformat()}" if generated_at else ""
    return f"landvorteil-{scope}{dataset.slug}{date}.{fmt}"


def data_dictionary(dataset):
    """(field, CSV column, type, description) of each field of the dataset's API objects, the
    descriptions being the serializer's help texts (in the active language)."""
    try:
        view = api_view(dataset)
    except UnknownDataset:
        return []
    serializer = view.get_serializer_class()(context=view.get_serializer_context())
    rows = []
    for name, field in serializer.fields.items():
        parts = _field_parts(name, field)
        rows.append((name, "" if parts else name, field_type(field), field.help_text or ""))
        if parts:
            subfields = getattr(field, "fields", {})
            for part in parts:
                subfield = subfields.get(part)
                rows.append(
                    (
                        f"{name}.{part}",
                        column_name(name, part),
                        field_type(subfield) if subfield is not None else "",
                        (subfield.help_text or "") if subfield is not None else "",
                    )
                )
    return rows


def field_type(field):
    kinds = [
        (serializers.BooleanField, _("true/false")),
        (serializers.IntegerField, _("integer")),
        (serializers.FloatField | serializers.DecimalField, _("number")),
        (serializers.DateTimeField, _("date and time (ISO 8601)")),
        (serializers.DateField, _("date (ISO 8601)")),
        (serializers.URLField, _("address (URL)")),
        (serializers.ListSerializer | serializers.ListField, _("list")),
        (serializers.BaseSerializer | serializers.DictField, _("object")),
        (serializers.CharField | serializers.ChoiceField, _("text")),
    ]
    for kind, label in kinds:
        if isinstance(field, kind):
            return label
    if isinstance(field, serializers.SerializerMethodField | serializers.ReadOnlyField):
        return _spectacular_type(field)
    return _("text")


def _spectacular_type(field):
    """The type a method field declares for the OpenAPI description (``extend_schema_field``)."""
    method = getattr(field.parent, field.method_name, None) if field.parent else None
    declared = getattr(method, "_spectacular_annotation", None)
    if isinstance(declared, serializers.Field):
        return field_type(declared)
    if isinstance(declared, type) and issubclass(declared, serializers.Field):
        return field_type(declared())
    if isinstance(declared, dict):
        kind = declared.get("type")
        return {
            "integer": _("integer"),
            "number": _("number"),
            "boolean": _("true/false"),
            "array": _("list"),
            "object": _("object"),
        }.get(kind, _("text"))
    return _("text")
