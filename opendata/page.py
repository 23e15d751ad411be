"""What the open data page shows: per dataset its downloads (record count, last generated, size
per format), the licence and the data dictionary; for a chosen process, that process's
downloads. A fixed number of queries, however many processes and files there are."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wagtail.models import Page

from .datasets import FORMATS, available_datasets, data_dictionary, process_scopes

API_DOCS_URL_NAMES = ["opendata:api_docs", "api_docs", "api:docs"]


def api_docs_url():
    for name in API_DOCS_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return "/api/v1/schema/"


def file_url(dataset, fmt, process_id=0):
    if process_id:
        return reverse(
            "api:open_data_process_file",
            kwargs={"process_id": process_id, "dataset": dataset.slug, "fmt": fmt},
        )
    return reverse("api:open_data_file", kwargs={"dataset": dataset.slug, "fmt": fmt})


def downloads(rows, process_id=0):
    """The datasets of one scope with their files, as the page lists them."""
    entries = []
    for dataset in available_datasets():
        if process_id and not dataset.per_process:
            continue
        files = []
        generated = []
        count = None
        for fmt in dataset.formats:
            row = rows.get((dataset.slug, process_id, fmt))
            current = row is not None and row.is_current
            files.append(
                {
                    "format": fmt,
                    "label": str(FORMATS[fmt][1]),
                    "url": file_url(dataset, fmt, process_id),
                    "size": row.size if current else None,
                }
            )
            if current:
                generated.append(row.generated_at)
                if fmt == "json":
                    count = row.record_count
        entries.append(
            {
                "dataset": dataset,
                "id": f"dataset-{dataset.slug}" + (f"-{process_id}" if process_id else ""),
                "record_count": count,
                "generated_at": min(generated) if len(generated) == len(files) else None,
                "files": files,
            }
        )
    return entries


def open_data_context(request, files, licence):
    """The page's context from the stored ``files`` (all rows) and the ``licence``."""
    rows = {(row.dataset, row.process_id, row.format): row for row in files}
    processes = process_scopes()
    titles = dict(
        Page.objects.live()
        .filter(
            translation_key__in=[scope["translation_key"] for scope in processes],
            locale__language_code=get_language(),
        )
        .values_list("translation_key", "title")
    )
    choices = [
        (scope["id"], titles.get(scope["translation_key"], scope["title"])) for scope in processes
    ]
    chosen = request.GET.get("process", "")
    process, process_error = None, ""
    if chosen:
        process = next((choice for choice in choices if str(choice[0]) == chosen), None)
        if process is None:
            process_error = _(
                "There is no public process with this number. Please choose one from the list."
            )
    dictionary = [
        {"dataset": dataset, "fields": data_dictionary(dataset)} for dataset in available_datasets()
    ]
    return {
        "licence": licence,
        "datasets": downloads(rows),
        "dictionary": dictionary,
        "process_choices": choices,
        "process": process,
        "process_error": process_error,
        "process_datasets": downloads(rows, process[0]) if process else [],
        "api_docs_url": api_docs_url(),
        "schema_url": "/api/v1/schema/",
    }
