"""Load the demo installation: pages in German and English, the editorial content (fields of
action, authors, topics, stories, learning paths, events, places), navigation, the publishing
workflow, the roles' demo accounts and the action groups.

Idempotent: it creates what is missing and never overwrites or duplicates what exists, so editors'
changes survive a second run. Pages are found by their slug below their parent, translations
through their translation key, snippets by slug or name, images and documents by title.
"""

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

from demo.loaders.accounts import DeletableAccount
from demo.loaders.addresses import EnglishAddresses
from demo.loaders.command import DemoCommand
from demo.loaders.easy_read import EasyReadContent
from demo.loaders.editorial import EditorialContent
from demo.loaders.groups import ActionGroups
from demo.loaders.notifications import Notifications
from demo.loaders.open_data import OpenDataContent
from demo.loaders.site import DEMO_ACCOUNTS, SiteSetup
from demo.loaders.translations import TranslationStates
from participation import statistics


class Command(
    EnglishAddresses,
    EditorialContent,
    EasyReadContent,
    OpenDataContent,
    TranslationStates,
    SiteSetup,
    ActionGroups,
    DeletableAccount,
    Notifications,
    DemoCommand,
):
    help = "Create the demo content and accounts where they do not exist yet."

    def load(self):
        self.started = timezone.now()
        self.create_pages()
        self.translate_all()
        self.easy_read()
        site = Site.objects.get(root_page=self.home)
        self.address(site)
        self.footer(site)
        self.open_data()
        # The demo moderator acts in the participation demo, so accounts come first.
        self.accounts()
        # The participation pages (visions app) belong in the menu too.
        call_command("load_vision_demo", stdout=self.stdout, verbosity=self.verbosity)
        self.navigation(site)
        self.ways_to_take_part()
        self.workflow()
        self.registrations()
        # The action groups build on the residents, proposals and visions of the participation.
        self.action_groups()
        # Paul's traces, for trying out account deletion (before the notifications, which keep
        # the demo's past untold).
        self.deletable_account()
        # What the demo resident hears back builds on all of it.
        self.notifications()
        # English pages read English addresses; their German-slug ones redirect.
        self.english_addresses()
        # Last: renaming English pages publishes them, which would make the outdated one current.
        self.translation_states()
        # The editors' statistics read the days before today from their daily counts: count
        # them once now (the worker recounts hourly), so the charts show right after loading.
        if statistics.counted().counted_through is None:
            statistics.rebuild()

    # --- Output ---------------------------------------------------------------------------------

    def report(self):
        if not self.created:
            self.stdout.write("The demo content is complete; nothing had to be created.")
        else:
            summary = ", ".join(f"{number} {kind}" for kind, number in self.created.items())
            self.stdout.write(f"Created {summary}.")
        self.print_logins(Site.objects.get(root_page=self.home).root_url)

    def print_logins(self, address):
        self.stdout.write(self.style.SUCCESS(f"\nDemo site ready at {address}/ – demo logins:"))
        for email, _name, group, superuser in DEMO_ACCOUNTS:
            role = "superuser" if superuser else group
            self.stdout.write(f"  {email:<27} {role}")
        self.stdout.write(f"  password: {settings.DEMO_PASSWORD}  (set DEMO_PASSWORD to change it)")
        if self.existing_accounts:
            self.stdout.write(
                "  Accounts that existed before keep the password they had; their data is kept.\n"
            )
