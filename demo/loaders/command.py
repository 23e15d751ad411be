"""What both demo commands do around their content: refuse where demo content is not allowed,
count what they create, and create it in one transaction."""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class DemoCommand(BaseCommand):
    """A command that loads part of the demo: ``load()`` creates what is missing (counting it in
    ``self.created``), ``report()`` says what it did."""

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "Demo content creates accounts with a public password and is not allowed with "
                "these settings (DEMO_CONTENT_ALLOWED is off, as in production)."
            )
        self.verbosity = options["verbosity"]
        self.created = Counter()
        with transaction.atomic():
            self.load()
        self.report()

    def load(self):
        raise NotImplementedError

    def report(self):
        raise NotImplementedError
