"""The editorial part of the demo: images, documents, fields of action and people, the German
pages of every type and their English translations.

Pages are found by their slug below their parent, translations through their translation key,
snippets by slug or name, images and documents by title; what exists is never overwritten.
"""

import datetime
import hashlib
from decimal import Decimal

from django.core.management.base import CommandError

from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from cms.taxonomy import FieldOfAction
from home.models import (
    AccessibilityStatementPage,
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

from ..content import events, learning, places, stories, taxonomy, topics
from ..content.blocks import DocumentRef, ImageRef, PageRef
from ..content.pages import HOME, STANDARD_PAGES
from ..content.scenes import SCENES
from ..images import landscape_image, portrait_image, store_file
from .dates import BERLIN, today

INDEX_PAGES = [
    (topics.INDEX, TopicIndexPage),
    (stories.INDEX, StoryIndexPage),
    (learning.INDEX, LearningPathIndexPage),
    (events.INDEX, EventIndexPage),
    (places.INDEX, PlaceIndexPage),
]


def suited_stages(spec):
    """The page fields that mark a format (event, learning path) as suited to the stages of
    action groups that ``spec["suits"]`` names."""
    return {f"suits_{stage}": True for stage in spec.get("suits", ())}


class EditorialContent:
    """Mixin of the ``load_demo_content`` command: ``create_pages()`` and ``translate_all()``.

    Expects ``self.verbosity``, ``self.stdout`` and ``self.created`` (a Counter) of the command.
    """

    pages = None
    home = None

    def create_pages(self):
        """Images, documents, snippets and the German pages; sets ``self.home``."""
        self.pages = {}
        self.de, self.en = self.locales()
        self.today = today()
        self.images = {key: self.count(*landscape_image(key), "images") for key in SCENES}
        self.documents = self.create_documents()
        self.fields = self.fields_of_action()
        self.people = self.create_people()

        self.home, home_created = self.home_page()
        for spec in STANDARD_PAGES:
            model, fields = StandardPage, {}
            if "statement" in spec:
                model, fields = AccessibilityStatementPage, spec["statement"]
                existing = self.page(spec["slug"])
                if isinstance(existing, StandardPage):
                    # A demo loaded before the statement had a page type of its own keeps its
                    # plain page; editors may replace it.
                    model, fields = StandardPage, {}
            self.child(
                self.home,
                model,
                spec["slug"],
                spec["de"],
                show_in_menus=spec["show_in_menus"],
                **fields,
            )
        for spec, model in INDEX_PAGES:
            index, _ = self.child(self.home, model, spec["slug"], spec["de"], show_in_menus=True)
            # Found by type if an editor renamed it; its children are found below it.
            self.pages[spec["slug"]] = index
        self.create_places()
        self.create_topics()
        if home_created:
            # The cards of the fields of action link the topic pages, which exist only now.
            self.home.body = self.resolve(HOME["de"]["body"])
            self.home.save_revision().publish()
        self.create_events()
        self.create_stories()
        self.create_learning_paths()

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
        data = HOME["de"]
        home = HomePage(slug="home", locale=self.de, **self.resolve(data, strict=False))
        root.add_child(instance=home)
        home.save_revision().publish()
        if site is None:
            # SiteSetup.address() moves it to where the demo is served.
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
                guest_registration_enabled=spec.get("guests", False),
                registration_deadline=deadline,
                **suited_stages(spec),
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
                **suited_stages(spec),
                fields_of_action=self.relate(
                    "fields_of_action", self.field_objects(spec["fields"])
                ),
                **self.main_image(spec["image"], "de", spec["de"]),
            )

    # --- English translations -------------------------------------------------------------------

    def translate_all(self):
        """Translate parents before children, and what others link to before the links."""
        self.translate(self.home, HOME["en"])
        for spec in STANDARD_PAGES:
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
