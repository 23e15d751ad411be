"""``manage.py update_index``: Wagtail's index (the admin's search) and the site search's.

The site search keeps itself current as content changes; this rebuilds it from scratch, e.g.
after a restore from backup or a change to what is indexed.
"""

from wagtail.search.management.commands.update_index import Command as WagtailCommand

from search import documents


class Command(WagtailCommand):
    help = "Rebuild the admin's search index and the site search's index."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--site-search-only",
            action="store_true",
            help="Rebuild only the site search's index, not Wagtail's.",
        )

    def handle(self, **options):
        if not options.get("site_search_only"):
            super().handle(**options)
        if options.get("schema_only"):
            return
        total = documents.rebuild()
        if options.get("verbosity", 1):
            self.stdout.write(f"Site search: {total} entries indexed.")
