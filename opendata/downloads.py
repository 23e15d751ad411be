"""The open data files: /api/v1/open-data/<dataset>.<format> for the whole platform and
/api/v1/open-data/processes/<id>/<dataset>.<format> for one process.

A current stored file is sent from storage with its ``ETag`` (304 on ``If-None-Match``) and
``Last-Modified`` (304 on ``If-Modified-Since``); a file that is out of date or not generated yet
is generated from the database while it is sent (streamed, never built in memory).
"""

from django.http import FileResponse, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import path, register_converter
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .datasets import FORMATS, UnknownDataset, file_name, get_dataset, stream
from .generation import current_file, is_public_process
from .models import site_licence

CACHE_CONTROL = "public, max-age=60"


def _not_found(message):
    return JsonResponse(
        {"error": {"code": "not_found", "message": message, "fields": {}}}, status=404
    )


@require_safe
def download(request, dataset, fmt, process_id=0):
    try:
        dataset = get_dataset(dataset, fmt)
    except UnknownDataset:
        return _not_found(_("There is no such open data file."))
    if process_id and (not dataset.per_process or not is_public_process(process_id)):
        return _not_found(_("There is no such open data file for this process."))

    row = current_file(dataset, fmt, process_id)
    content_type = FORMATS[fmt][0]
    if row is not None:
        generated = int(row.generated_at.timestamp())
        if request.headers.get("If-None-Match") == row.etag:
            return _headers(HttpResponse(status=304), row.etag, generated)
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if since is not None and "If-None-Match" not in request.headers and generated <= since:
            return _headers(HttpResponse(status=304), row.etag, generated)
        try:
            handle = row.file.open("rb")
        except OSError:
            row = None  # the file is gone from storage: generate it on the fly
        else:
            response = FileResponse(handle, content_type=content_type)
            response["Content-Length"] = str(row.size)
            name = file_name(dataset, fmt, process_id, row.generated_at)
            return _disposition(_headers(response, row.etag, generated), name)
    now = timezone.now()
    response = StreamingHttpResponse(
        stream(dataset, fmt, process_id or None, licence=site_licence(), generated_at=now),
        content_type=content_type,
    )
    return _disposition(
        _headers(response, None, int(now.timestamp())), file_name(dataset, fmt, process_id, now)
    )


def _headers(response, etag, modified):
    if etag:
        response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = CACHE_CONTROL
    return response


def _disposition(response, name):
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class FormatConverter:
    regex = "csv|json|geojson"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "open_data_format")

download_urls = [
    path("open-data/<slug:dataset>.<open_data_format:fmt>", download, name="open_data_file"),
    path(
        "open-data/processes/<int:process_id>/<slug:dataset>.<open_data_format:fmt>",
        download,
        name="open_data_process_file",
    ),
]
