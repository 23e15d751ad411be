"""Load the demo installation: pages in German and English, the editorial content (fields of
action, authors, topics, stories, learning paths, events, places), navigation, the publishing
workflow and the roles' demo accounts.

Idempotent: it creates what is missing and never overwrites or duplicates what exists, so editors'
changes survive a second run. Pages are found by their slug below their parent, translations
through their translation key, snippets by slug or name, images and documents by title.
"""

import datetime
import hashlib
from collections import Counter
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from allauth.account.models import EmailAddress

from cms.models import FooterSettings, NavigationSettings
from cms.roles import EDITORS, LEAD_EDITORS, MODERATORS, RESIDENTS
from cms.taxonomy import FieldOfAction
from home import demo
from home.demo import events, learning, places, stories, taxonomy, topics
from home.demo.blocks import DocumentRef, ImageRef, PageRef
from home.demo_images import SCENES, landscape_image, portrait_image, store_file
from home.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    LearningPathIndexPage,
    LearningPathPage,
    Person,
    PlaceIndexPage,
    PlacePage,
    StandardPage,
    StoryIndexPage,
    StoryPage,
    TopicIndexPage,
    TopicPage,
)
from participation.models import EventRegistration
from participation.rules import RegistrationError
from participation.services import register as register_for_event

DEMO_ACCOUNTS = [
    # email, display name, group, superuser
    ("admin@example.org", "Admin", None, True),
    ("redaktion@example.org", "Redaktion LANDVORTEIL", EDITORS, False),
    ("chefredaktion@example.org", "Chefredaktion LANDVORTEIL", LEAD_EDITORS, False),
    ("moderation@example.org", "Moderation LANDVORTEIL", MODERATORS, False),
    ("bewohnerin@example.org", "Hanna aus Gadebusch", RESIDENTS, False),
    ("jonas@example.org", "Jonas aus Mölln", RESIDENTS, False),
]

MAIN_MENU = [
    "beteiligung",
    "zielbilder",
    "handlungsfelder",
    "geschichten",
    "veranstaltungen",
    "orte",
    "handlungspfade",
    "ueber-das-buendnis",
]

# Wagtail's default workflow (its task renamed by cms/migrations/0003_roles.py) is kept if it is
# active; these names are used only when the command has to set one up.
WORKFLOW_NAME = "Redaktionelle Freigabe"
APPROVAL_TASK_NAME = "Freigabe durch die Chefredaktion"

BERLIN = ZoneInfo("Europe/Berlin")

INDEX_PAGES = [
    (topics.INDEX, TopicIndexPage),
    (stories.INDEX, StoryIndexPage),
    (learning.INDEX, LearningPathIndexPage),
    (events.INDEX, EventIndexPage),
    (places.INDEX, PlaceIndexPage),
]


class Command(BaseCommand):
    help = "Create the demo content and accounts where they do not exist yet."
    existing_accounts = False

    def handle(self, *args, **options):
        if not settings.DEMO_CONTENT_ALLOWED:
            raise CommandError(
                "Demo content creates accounts with a public password and is not allowed with "
                "these settings (DEMO_CONTENT_ALLOWED is off, as in production)."
            )
        self.verbosity = options["verbosity"]
        self.created = Counter()
        self.pages = {}
        self.home = None
        with transaction.atomic():
            self.de, self.en = self.locales()
            self.today = timezone.localdate(timezone=BERLIN)
            self.images = {key: self.count(*landscape_image(key), "images") for key in SCENES}
            self.documents = self.create_documents()
            self.fields = self.fields_of_action()
            self.people = self.create_people()

            self.home, home_created = self.home_page()
            for spec in demo.STANDARD_PAGES:
                self.child(
                    self.home,
                    StandardPage,
                    spec["slug"],
                    spec["de"],
                    show_in_menus=spec["show_in_menus"],
                )
            for spec, model in INDEX_PAGES:
                index, _ = self.child(
                    self.home, model, spec["slug"], spec["de"], show_in_menus=True
                )
                # Found by type if an editor renamed it; its children are found below it.
                self.pages[spec["slug"]] = index
            self.create_places()
            self.create_topics()
            if home_created:
                # The cards of the fields of action link the topic pages, which exist only now.
                self.home.body = self.resolve(demo.HOME["de"]["body"])
                self.home.save_revision().publish()
            self.create_events()
            self.create_stories()
            self.create_learning_paths()

            self.translate_all()
            site = Site.objects.get(root_page=self.home)
            self.footer(site)
            # The demo moderator acts in the participation demo, so accounts come first.
            self.accounts()
            # The participation pages (visions app) belong in the menu too.
            call_command("load_vision_demo", stdout=self.stdout, verbosity=self.verbosity)
            self.navigation(site)
            self.workflow()
            self.registrations()
        self.report()
        self.print_logins()

    # --- Helpers --------------------------------------------------------------------------------

    def count(self, obj, created, kind, label=""):
        """Count ``obj`` under ``kind`` (a plural) if it was created; return it."""
        if created:
            self.created[kind] += 1
            if self.verbosity >= 2:
                self.stdout.write(f"  + {label or obj}")
        return obj

    def locales(self):
        de, _ = Locale.objects.get_or_create(language_code="de")
        en, _ = Locale.objects.get_or_create(language_code="en")
        return de, en

    def page(self, path):
        """The German page at ``path`` (slugs below the German home page), or ``None``."""
        if path not in self.pages:
            parent_path, _, slug = path.rpartition("/")
            parent = self.page(parent_path) if parent_path else self.home
            if parent is None:
                return None
            found = Page.objects.child_of(parent).filter(slug=slug).first()
            if found is None:
                return None
            self.pages[path] = found.specific
        return self.pages[path]

    def resolve(self, value, locale=None, strict=True):
        """``value`` with every reference replaced by a primary key.

        A page reference leads to the page's translation in ``locale`` where there is one.
        """
        if isinstance(value, PageRef):
            page = self.page(value.path)
            if page is None:
                if strict:
                    raise CommandError(f"The demo content refers to a missing page {value.path}.")
                return None
            if locale is not None and locale != self.de:
                page = page.get_translation_or_none(locale) or page
            return page.pk
        if isinstance(value, ImageRef):
            return self.images[value.key].pk
        if isinstance(value, DocumentRef):
            return self.documents[value.key].pk
        if isinstance(value, dict):
            return {key: self.resolve(item, locale, strict) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [self.resolve(item, locale, strict) for item in value]
        return value

    def child(self, parent, model, slug, data, *, show_in_menus=False, **fields):
        """The page ``slug`` below ``parent``; created from ``data`` and ``fields`` if missing.

        ``fields`` may hold callables that set relations on the unsaved page.
        """
        existing = Page.objects.child_of(parent).filter(slug=slug).first()
        if existing is None and model.max_count_per_parent == 1:
            existing = model.objects.child_of(parent).first()
        if existing is not None:
            existing = existing.specific
            if not isinstance(existing, model):
                raise CommandError(
                    f"The page {existing.url_path} is a {type(existing).__name__}, "
                    f"not a {model.__name__}; rename it to load the demo content."
                )
            return existing, False
        page = model(slug=slug, show_in_menus=show_in_menus)
        for name, value in {**self.resolve(data), **fields}.items():
            if callable(value):
                value(page)
            else:
                setattr(page, name, value)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.count(page, True, "pages", page.title)
        return page, True

    def translate(self, page, data, **fields):
        """The English translation of ``page``; copied and filled from ``data`` if missing."""
        translation = page.get_translation_or_none(self.en)
        if translation is not None:
            return translation.specific
        translation = page.copy_for_translation(self.en, copy_parents=True).specific
        for name, value in {**self.resolve(data, self.en), **fields}.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        self.count(translation, True, "translations", translation.title)
        return translation

    def main_image(self, key, language, data):
        """The main image fields; the alternative text describes what the picture shows."""
        return {
            "image": self.images[key],
            "image_alt": data.get("image_alt") or SCENES[key].alt[language],
        }

    def relate(self, name, objects):
        return lambda page: getattr(page, name).set(objects)

    def field_objects(self, slugs):
        return [self.fields[slug] for slug in slugs]

    # --- Snippets, images and documents ---------------------------------------------------------

    def create_documents(self):
        Document = get_document_model()
        documents = {}
        for key, spec in learning.DOCUMENTS.items():
            document = Document.objects.filter(title=spec["title"]).order_by("pk").first()
            if document is None:
                data = spec["text"].encode()
                document = Document(
                    title=spec["title"],
                    file_size=len(data),
                    file_hash=hashlib.sha1(data).hexdigest(),  # noqa: S324 - as Wagtail does
                )
                store_file(document.file, spec["filename"], data)
                document.save()
                self.count(document, True, "documents")
            documents[key] = document
        return documents

    def fields_of_action(self):
        """{slug: German field}, each with its English translation."""
        fields = {}
        for spec in taxonomy.FIELDS_OF_ACTION:
            slug = spec["slug"]
            field = FieldOfAction.objects.filter(locale=self.de, slug=slug).first()
            if field is None:
                field = FieldOfAction.objects.create(
                    locale=self.de,
                    slug=slug,
                    colour=spec["colour"],
                    sort_order=spec["sort_order"],
                    **spec["de"],
                )
                self.count(field, True, "fields of action")
            fields[slug] = field
            english = FieldOfAction.objects.filter(locale=self.en, slug=slug).exists()
            if not english and field.get_translation_or_none(self.en) is None:
                translation = field.copy_for_translation(self.en)
                for name, value in spec["en"].items():
                    setattr(translation, name, value)
                translation.save()
                self.count(translation, True, "translations")
        return fields

    def create_people(self):
        """{key: German person}, each with a portrait and an English translation."""
        people = {}
        for spec in taxonomy.PEOPLE:
            person = Person.objects.filter(locale=self.de, name=spec["name"]).first()
            if person is None:
                photo = self.count(*portrait_image(spec["key"]), "images")
                person = Person.objects.create(
                    locale=self.de, name=spec["name"], photo=photo, **spec["de"]
                )
                self.count(person, True, "people")
            people[spec["key"]] = person
            if person.get_translation_or_none(self.en) is None:
                translation = person.copy_for_translation(self.en)
                for name, value in spec["en"].items():
                    setattr(translation, name, value)
                translation.save()
                self.count(translation, True, "translations")
        return people

    # --- German pages ---------------------------------------------------------------------------

    def home_page(self):
        site = Site.objects.filter(is_default_site=True).first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific, False
        root = Page.get_first_root_node()
        # Wagtail's own welcome page is in the way of ours; it never holds content.
        for page in root.get_children().filter(content_type__model="page", slug="home"):
            page.delete()
        data = demo.HOME["de"]
        home = HomePage(slug="home", locale=self.de, **self.resolve(data, strict=False))
        root.add_child(instance=home)
        home.save_revision().publish()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = home
        site.site_name = "LANDVORTEIL"
        site.save()
        self.count(home, True, "pages", home.title)
        return home, True

    def create_places(self):
        index = self.page(places.INDEX["slug"])
        for spec in places.PLACES:
            data = spec["de"]
            self.child(
                index,
                PlacePage,
                spec["slug"],
                data,
                kind=spec["kind"],
                street=spec["street"],
                postcode=spec["postcode"],
                municipality=spec["municipality"],
                latitude=Decimal(spec["latitude"]),
                longitude=Decimal(spec["longitude"]),
                email=spec["email"],
                fields_of_action=self.relate(
                    "fields_of_action", self.field_objects(spec["fields"])
                ),
                **self.main_image(spec["image"], "de", data),
            )

    def create_topics(self):
        index = self.page(topics.INDEX["slug"])
        for spec in topics.TOPICS:
            self.child(
                index,
                TopicPage,
                spec["slug"],
                spec["de"],
                field_of_action=self.fields[spec["field"]],
            )

    def create_events(self):
        index = self.page(events.INDEX["slug"])
        for spec in events.EVENTS:
            start = datetime.datetime.combine(
                self.today + datetime.timedelta(days=spec["days"]),
                datetime.time.fromisoformat(spec["start"]),
                tzinfo=BERLIN,
            )
            deadline = None
            if "deadline_days_before" in spec:
                deadline = start - datetime.timedelta(days=spec["deadline_days_before"])
            place = (
                self.page(f"{places.INDEX['slug']}/{spec['place']}") if "place" in spec else None
            )
            self.child(
                index,
                EventPage,
                spec["slug"],
                spec["de"],
                start=start,
                end=start + datetime.timedelta(hours=spec["hours"]),
                place=place,
                address=spec.get("address", ""),
                online_url=spec.get("online_url", ""),
                organiser=spec["organiser"],
                capacity=spec.get("capacity"),
                registration_enabled=spec.get("registration_enabled", True),
                registration_deadline=deadline,
                fields_of_action=self.relate(
                    "fields_of_action", self.field_objects(spec["fields"])
                ),
                **self.main_image(spec["image"], "de", spec["de"]),
            )

    def create_stories(self):
        index = self.page(stories.INDEX["slug"])
        # Oldest first: a story links only to stories older than itself.
        for spec in sorted(stories.STORIES, key=lambda spec: -spec["days_ago"]):
            people = [self.people[key] for key in spec["authors"]]
            self.child(
                index,
                StoryPage,
                spec["slug"],
                spec["de"],
                date=self.today - datetime.timedelta(days=spec["days_ago"]),
                authors=self.relate("authors", people),
                tags=lambda page, tags=spec["tags"]: page.tags.add(*tags),
                fields_of_action=self.relate(
                    "fields_of_action", self.field_objects(spec["fields"])
                ),
                **self.main_image(spec["image"], "de", spec["de"]),
            )

    def create_learning_paths(self):
        index = self.page(learning.INDEX["slug"])
        for spec in learning.LEARNING_PATHS:
            self.child(
                index,
                LearningPathPage,
                spec["slug"],
                spec["de"],
                fields_of_action=self.relate(
                    "fields_of_action", self.field_objects(spec["fields"])
                ),
                **self.main_image(spec["image"], "de", spec["de"]),
            )

    # --- English translations -------------------------------------------------------------------

    def translate_all(self):
        """Translate parents before children, and what others link to before the links."""
        self.translate(self.home, demo.HOME["en"])
        for spec in demo.STANDARD_PAGES:
            self.translate(self.page(spec["slug"]), spec["en"])
        for spec, _model in INDEX_PAGES:
            self.translate(self.page(spec["slug"]), spec["en"])
        english_fields = {
            slug: field.get_translation_or_none(self.en) or field
            for slug, field in self.fields.items()
        }
        for spec in topics.TOPICS:
            path = f"{topics.INDEX['slug']}/{spec['slug']}"
            self.translate(
                self.page(path), spec["en"], field_of_action=english_fields[spec["field"]]
            )
        for module, specs in [
            (places, places.PLACES),
            (events, events.EVENTS),
            (stories, stories.STORIES),
            (learning, learning.LEARNING_PATHS),
        ]:
            for spec in specs:
                if "en" in spec:
                    page = self.page(f"{module.INDEX['slug']}/{spec['slug']}")
                    image = self.main_image(spec["image"], "en", spec["en"])
                    self.translate(page, spec["en"], **image)

    # --- Site settings, workflow, accounts ------------------------------------------------------

    def footer(self, site):
        footer = FooterSettings.for_site(site)
        if footer.imprint_page_id or footer.privacy_page_id or footer.accessibility_page_id:
            return
        footer.imprint_page = self.page("impressum")
        footer.privacy_page = self.page("datenschutz")
        footer.accessibility_page = self.page("barrierefreiheit")
        footer.contact_email = "kontakt@example.org"
        footer.save()

    def navigation(self, site):
        navigation = NavigationSettings.for_site(site)
        if len(navigation.main_menu):
            return
        navigation.main_menu = [("page", self.page(slug)) for slug in MAIN_MENU]
        navigation.save()
        self.count(navigation, True, "main navigation")

    def workflow(self):
        """Editors submit, lead editors approve: an active workflow on the root page."""
        root = Page.get_first_root_node()
        assigned = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
        if assigned is not None and assigned.workflow.active:
            return
        task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
        task.active = True
        task.save()
        task.groups.add(Group.objects.get(name=LEAD_EDITORS))
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        workflow.active = True
        workflow.save()
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
        self.count(workflow, True, "publishing workflow")

    def accounts(self):
        User = get_user_model()
        for email, display_name, group, superuser in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                create = User.objects.create_superuser if superuser else User.objects.create_user
                user = create(email, settings.DEMO_PASSWORD, display_name=display_name)
                self.count(user, True, "accounts", email)
            else:
                self.existing_accounts = True
            if group is not None:
                user.groups.add(Group.objects.get(name=group))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )

    def registrations(self):
        """Demo residents book the places of the fully booked event, once."""
        User = get_user_model()
        for spec in events.EVENTS:
            if not spec.get("registrations"):
                continue
            event = self.page(f"{events.INDEX['slug']}/{spec['slug']}")
            if EventRegistration.objects.filter(event_id=event.pk).exists():
                continue
            for email in spec["registrations"]:
                try:
                    register_for_event(User.objects.get(email=email), event)
                except RegistrationError:
                    # The event may have passed since it was created; nothing to book then.
                    continue
                self.count(event, True, "registrations", f"{email} for {event.title}")

    # --- Output ---------------------------------------------------------------------------------

    def report(self):
        if not self.created:
            self.stdout.write("The demo content is complete; nothing had to be created.")
            return
        summary = ", ".join(f"{number} {kind}" for kind, number in self.created.items())
        self.stdout.write(f"Created {summary}.")

    def print_logins(self):
        self.stdout.write(
            self.style.SUCCESS("\nDemo site ready at http://127.0.0.1:8000/ – demo logins:")
        )
        for email, _name, group, superuser in DEMO_ACCOUNTS:
            role = "superuser" if superuser else group
            self.stdout.write(f"  {email:<27} {role}")
        self.stdout.write(f"  password: {settings.DEMO_PASSWORD}  (set DEMO_PASSWORD to change it)")
        if self.existing_accounts:
            self.stdout.write(
                "  Accounts that existed before keep the password they had; their data is kept.\n"
            )
