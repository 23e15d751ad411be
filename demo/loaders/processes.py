"""The participation pages of the demo: the process and vision index pages, the running and the
finished process with their phases, the visions, and their English translations.

Pages are found by their slug below their parent and never overwritten.
"""

import datetime

from django.core.management.base import CommandError

from wagtail.models import Locale, Page, Site

from cms.taxonomy import FieldOfAction
from home.models import HomePage
from visions.models import ProcessPage, ProcessPhase, VisionPage, VisionUpdate

from ..content.visions import VISIONS
from ..images import landscape_image
from .dates import today


class ProcessPages:
    """Mixin of the ``load_vision_demo`` command. Expects ``self.count()`` of the command."""

    def find_setting(self):
        """The locales, the German home page and the fields of action that the editorial demo
        created; the participation demo builds on them."""
        self.de = Locale.objects.get(language_code="de")
        self.en = Locale.objects.filter(language_code="en").first()
        self.home = self.german_home()
        self.today = today()
        self.fields = {
            field.slug: field
            for field in FieldOfAction.objects.filter(locale=self.de)
            if field.slug in {"gruendungen", "innovationsorte", "verwaltung"}
        }
        if len(self.fields) < 3:
            raise CommandError("The fields of action are missing; run load_demo_content.")

    def german_home(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        home = HomePage.objects.filter(locale=self.de).first()
        if home is None:
            raise CommandError("There is no German home page; run load_demo_content first.")
        return home

    def child(self, parent, model, slug, **fields):
        """The page ``slug`` below ``parent``, created and published if missing; (page, created)."""
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
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.count("pages", label=page.title)
        return page, True

    def index(self, model, spec):
        page, _created = self.child(self.home, model, spec["slug"], **spec["de"])
        english_home = self.en and self.home.get_translation_or_none(self.en)
        if english_home is not None and page.get_translation_or_none(self.en) is None:
            translation = page.copy_for_translation(self.en).specific
            for name, value in spec["en"].items():
                setattr(translation, name, value)
            translation.save_revision().publish()
            self.count("translations", label=translation.title)
        return page

    def relative_phases(self, specs):
        return [
            (
                title,
                description,
                self.today + datetime.timedelta(days=first),
                self.today + datetime.timedelta(days=last),
                allows,
            )
            for title, description, first, last, allows in specs
        ]

    def dated_phases(self, specs):
        return [
            (
                title,
                description,
                datetime.date.fromisoformat(first),
                datetime.date.fromisoformat(last),
                allows,
            )
            for title, description, first, last, allows in specs
        ]

    def process(self, index, spec, phase_dates):
        image, image_created = landscape_image(spec["image"])
        if image_created:
            self.count("images")
        phases = [
            ProcessPhase(
                sort_order=order,
                title=title,
                description=description,
                start=start,
                end=end,
                allows_submit="submit" in allows,
                allows_edit="edit" in allows,
                allows_comment="comment" in allows,
                allows_support="support" in allows,
            )
            for order, (title, description, start, end, allows) in enumerate(
                phase_dates(spec["phases"])
            )
        ]
        page, created = self.child(
            index,
            ProcessPage,
            spec["slug"],
            title=spec["title"],
            question=spec["question"],
            intro=spec["intro"],
            body=spec["body"],
            image=image,
            image_alt=spec["image_alt"],
            moderation=ProcessPage.Moderation.POST,
            support_budget=spec["support_budget"],
            qualified_threshold=spec["qualified_threshold"],
            max_proposals_per_resident=spec["max_proposals_per_resident"],
            edit_window_hours=spec["edit_window_hours"],
            phases=phases,
            fields_of_action=list(self.fields.values()),
        )
        return page

    # --- Visions --------------------------------------------------------------------------------

    def visions(self, index, proposals):
        image, image_created = landscape_image("dorf")
        if image_created:
            self.count("images")
        pages = []
        for spec in VISIONS:
            origin = proposals.get(spec["proposal"])
            updates = [
                VisionUpdate(
                    sort_order=order,
                    date=datetime.date.fromisoformat(date),
                    title=title,
                    text=text,
                )
                for order, (date, title, text) in enumerate(spec["updates"])
            ]
            page, _created = self.child(
                index,
                VisionPage,
                spec["slug"],
                title=spec["proposal"],
                intro=spec["intro"],
                body=spec["body"],
                status=spec["status"],
                origin=origin,
                fields_of_action=[self.fields[slug] for slug in spec["fields"]],
                updates=updates,
            )
            pages.append(page)
        return pages

    # --- English translations -------------------------------------------------------------------

    def english_fields(self, page):
        return [
            field.get_translation_or_none(self.en) or field for field in page.fields_of_action.all()
        ]

    def translation_of(self, page):
        """A new English copy of ``page``, or None when it exists already or English is missing
        (the English index page is created first, so the copy goes below it)."""
        if self.en is None or page.get_translation_or_none(self.en) is not None:
            return None
        if page.get_parent().get_translation_or_none(self.en) is None:
            return None
        return page.copy_for_translation(self.en).specific

    def publish_translation(self, translation):
        translation.save_revision().publish()
        self.count("translations", label=translation.title)

    def translate_process(self, process, spec):
        translation = self.translation_of(process)
        if translation is None:
            return
        for name in ("title", "slug", "question", "intro", "body", "image_alt"):
            setattr(translation, name, spec[name])
        translation.fields_of_action = self.english_fields(process)
        phases = list(translation.phases.all())
        for phase, (title, description) in zip(phases, spec["phases"], strict=True):
            phase.title, phase.description = title, description
        translation.phases = phases
        self.publish_translation(translation)

    def translate_vision(self, vision, spec):
        translation = self.translation_of(vision)
        if translation is None:
            return
        for name in ("title", "slug", "intro", "body"):
            setattr(translation, name, spec[name])
        translation.fields_of_action = self.english_fields(vision)
        updates = list(translation.updates.all())
        for update, (title, text) in zip(updates, spec["updates"], strict=True):
            update.title, update.text = title, text
        translation.updates = updates
        self.publish_translation(translation)
