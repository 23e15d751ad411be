"""Writing the open data files into storage, and knowing when they are out of date.

A change to what a dataset holds (signals in :mod:`opendata.signals`) sets ``changed_at`` on the
dataset's files and, if they were current, queues :func:`regenerate_stale` on the worker. The
worker also regenerates everything nightly and catches up every 10 minutes (the periodic jobs in
``settings.EXTRA_PERIODIC_JOBS``). A download of a file that is out of date, or missing, is
generated on the fly from the database and streamed: Redis plays no part, and a moderator's
decision is in the very next download.
"""

import hashlib
import logging
import tempfile
import uuid

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from django_tasks import task

from .datasets import Counter, UnknownDataset, available_datasets, process_scopes, stream
from .models import OpenDataFile, site_licence

logger = logging.getLogger(__name__)


def all_files():
    """(dataset, process id or 0, format) of every file there should be."""
    scopes = [0, *(scope["id"] for scope in process_scopes())]
    for dataset in available_datasets():
        for process_id in scopes if dataset.per_process else [0]:
            for fmt in dataset.formats:
                yield dataset, process_id, fmt


def generate(dataset, fmt, process_id=0):
    """Write the file anew and point its row at it. Two generations at once each write their
    own file; the row takes the one that read the newer data, the other file is deleted."""
    started = timezone.now()
    counter = Counter()
    digest = hashlib.sha256()
    size = 0
    licence = site_licence()
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as temporary:
        for chunk in stream(
            dataset,
            fmt,
            process_id or None,
            licence=licence,
            counter=counter,
            generated_at=started,
        ):
            temporary.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        temporary.seek(0)
        scope = f"process-{process_id}" if process_id else "all"
        name = default_storage.save(
            f"opendata/{dataset.slug}-{scope}-{uuid.uuid4().hex[:12]}.{fmt}", File(temporary)
        )
    with transaction.atomic():
        row, _created = OpenDataFile.objects.select_for_update().get_or_create(
            dataset=dataset.slug, process_id=process_id, format=fmt
        )
        if row.generated_at is not None and row.generated_at > started:
            transaction.on_commit(lambda: _delete(name))
            return row
        old = row.file.name
        row.file.name = name
        row.size = size
        row.record_count = counter.records
        row.etag = f'"{digest.hexdigest()[:32]}"'
        row.generated_at = started
        row.save()
        if old:
            transaction.on_commit(lambda: _delete(old))
    return row


def _delete(name):
    try:
        default_storage.delete(name)
    except OSError:
        logger.warning("Open data file %s could not be deleted", name)


def regenerate(files):
    done = 0
    for dataset, process_id, fmt in files:
        try:
            generate(dataset, fmt, process_id)
        except UnknownDataset:
            continue  # the API has no such list (yet)
        done += 1
    return done


def stale_rows():
    return OpenDataFile.objects.filter(
        Q(generated_at__isnull=True) | Q(changed_at__gt=F("generated_at")) | Q(file="")
    )


def regenerate_stale(now=None):
    """The files that are out of date or missing, written anew; rows of processes that are no
    longer public are removed with their files."""
    wanted = {(dataset.slug, process_id, fmt): dataset for dataset, process_id, fmt in all_files()}
    for row in OpenDataFile.objects.all():
        if (row.dataset, row.process_id, row.format) not in wanted:
            name = row.file.name
            row.delete()
            if name:
                transaction.on_commit(lambda name=name: _delete(name))
    present = {(row.dataset, row.process_id, row.format): row for row in OpenDataFile.objects.all()}
    todo = [
        (dataset, process_id, fmt)
        for (slug, process_id, fmt), dataset in wanted.items()
        if (slug, process_id, fmt) not in present or not present[(slug, process_id, fmt)].is_current
    ]
    return regenerate(todo)


def regenerate_all(now=None):
    """Every file written anew (the nightly job): what no signal announced is in it too."""
    return regenerate(list(all_files()))


@task(backend="worker")
def regenerate_stale_task():
    regenerate_stale()


def _queue_regeneration():
    try:
        regenerate_stale_task.enqueue()
    except Exception:  # noqa: BLE001 - a queue that is down leaves the nightly job to do it
        logger.exception("Open data regeneration could not be queued")


def mark_changed(datasets=None):
    """Something the ``datasets`` (slugs; ``None``: all) may hold has changed: their files are
    out of date from now on, and their regeneration is queued once (not again while they wait)."""
    rows = OpenDataFile.objects.all()
    if datasets is not None:
        rows = rows.filter(dataset__in=datasets)
    were_current = rows.filter(
        Q(changed_at__isnull=True) | Q(changed_at__lte=F("generated_at"))
    ).exists()
    rows.update(changed_at=timezone.now())
    if were_current:
        transaction.on_commit(_queue_regeneration)


def current_file(dataset, fmt, process_id=0):
    """The stored row of the file if it is current and its file is in storage, else ``None``."""
    row = OpenDataFile.objects.filter(
        dataset=dataset.slug, process_id=process_id, format=fmt
    ).first()
    if row is None or not row.is_current:
        return None
    return row


def is_public_process(process_id):
    return any(scope["id"] == process_id for scope in process_scopes())
