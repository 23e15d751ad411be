"""Delete the images stored for proposal previews that were never submitted.

A preview keeps the clean image under ``proposals/pending/`` for a day (the signed token that
refers to it expires then); after that nobody can submit it any more. Run daily from cron.
"""

import datetime

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from participation.forms import PENDING_IMAGE_DIR, PENDING_IMAGE_MAX_AGE


class Command(BaseCommand):
    help = "Delete proposal preview images older than a day (their previews have expired)."

    def handle(self, *args, **options):
        cutoff = timezone.now() - datetime.timedelta(seconds=PENDING_IMAGE_MAX_AGE)
        try:
            _folders, files = default_storage.listdir(PENDING_IMAGE_DIR)
        except FileNotFoundError:
            files = []
        deleted = 0
        for name in files:
            path = PENDING_IMAGE_DIR + name
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                deleted += 1
        self.stdout.write(f"{deleted} expired preview image(s) deleted.")
