"""Load the demo installation: pages in German and English, legal links, roles' demo accounts.

Idempotent: it creates what is missing and never overwrites or duplicates what exists, so editors'
changes survive a second run.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Locale, Page, Site

from allauth.account.models import EmailAddress

from cms.models import FooterSettings
from cms.roles import EDITORS, MODERATORS, RESIDENTS
from home import demo_content
from home.models import HomePage, StandardPage

DEMO_ACCOUNTS = [
    # email, display name, group, superuser
    ("admin@example.org", "Admin", None, True),
    ("redaktion@example.org", "Redaktion LANDVORTEIL", EDITORS, False),
    ("moderation@example.org", "Moderation LANDVORTEIL", MODERATORS, False),
    ("bewohnerin@example.org", "Hanna aus Gadebusch", RESIDENTS, False),
]


class Command(BaseCommand):
    help = "Create the demo pages and accounts if they do not exist yet."
    existing_accounts = False

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "Demo content creates accounts with a public password and is not allowed with "
                "these settings (DEMO_CONTENT_ALLOWED is off, as in production)."
            )
        with transaction.atomic():
            de, en = self.locales()
            home = self.home_page(de)
            self.translate(home, en, demo_content.HOME["en"])
            pages = {}
            for spec in demo_content.STANDARD_PAGES:
                page = self.standard_page(home, spec)
                self.translate(page, en, spec["en"])
                pages[spec["slug"]] = page
            self.footer(home, pages)
            self.accounts()
        self.print_logins()

    def locales(self):
        de, _ = Locale.objects.get_or_create(language_code="de")
        en, _ = Locale.objects.get_or_create(language_code="en")
        return de, en

    def home_page(self, locale):
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node()
        # Wagtail's own welcome page is in the way of ours; it never holds content.
        for page in root.get_children().filter(content_type__model="page", slug="home"):
            page.delete()
        data = demo_content.HOME["de"]
        home = HomePage(
            slug="home",
            locale=locale,
            title=data["title"],
            seo_title=data["seo_title"],
            search_description=data["search_description"],
            intro=data["intro"],
            body=data["body"],
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = "LANDVORTEIL"
        site.save()
        self.stdout.write("Created the German home page.")
        return home

    def standard_page(self, home, spec):
        existing = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if existing is not None:
            return existing
        data = spec["de"]
        page = StandardPage(
            slug=spec["slug"],
            title=data["title"],
            intro=data["intro"],
            body=data["body"],
            show_in_menus=spec["show_in_menus"],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        self.stdout.write(f"Created the page “{page.title}”.")
        return page

    def translate(self, page, locale, data):
        if page.get_translations().filter(locale=locale).exists():
            return
        translation = page.copy_for_translation(locale, copy_parents=True).specific
        for field, value in data.items():
            setattr(translation, field, value)
        translation.save_revision().publish()
        self.stdout.write(f"Created the English translation “{translation.title}”.")

    def footer(self, home, pages):
        site = Site.objects.get(root_page=home)
        footer = FooterSettings.for_site(site)
        if footer.imprint_page_id or footer.privacy_page_id or footer.accessibility_page_id:
            return
        footer.imprint_page = pages["impressum"]
        footer.privacy_page = pages["datenschutz"]
        footer.accessibility_page = pages["barrierefreiheit"]
        footer.contact_email = "kontakt@example.org"
        footer.save()

    def accounts(self):
        User = get_user_model()
        for email, display_name, group, superuser in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                create = User.objects.create_superuser if superuser else User.objects.create_user
                user = create(email, settings.DEMO_PASSWORD, display_name=display_name)
                self.stdout.write(f"Created the account {email}.")
            else:
                self.existing_accounts = True
            if group is not None:
                user.groups.add(Group.objects.get(name=group))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )

    def print_logins(self):
        self.stdout.write(
            self.style.SUCCESS("\nDemo site ready at http://127.0.0.1:8000/ – demo logins:")
        )
        for email, _name, group, superuser in DEMO_ACCOUNTS:
            role = "superuser" if superuser else group
            self.stdout.write(f"  {email:<26} {role}")
        self.stdout.write(f"  password: {settings.DEMO_PASSWORD}  (set DEMO_PASSWORD to change it)")
        if self.existing_accounts:
            self.stdout.write(
                "  Accounts that existed before keep the password they had; their data is kept.\n"
            )
