"""The demo's translation states: one English story is outdated (its German page was edited after
the translation) and German-only stories wait for a translation, so that the page header's
language states and the report "Veraltete Übersetzungen" have something to show."""

from cms import translation_status
from home.models import StoryPage

from ..content import stories

# The first story the demo translates; its German page is edited after the English one. The
# German-only stories are those of demo/content without "en".
OUTDATED_STORY = next(spec["slug"] for spec in stories.STORIES if "en" in spec)


class TranslationStates:
    """Mixin of the ``load_demo_content`` command: ``translation_states()``, after
    ``translate_all()``. Expects ``self.count`` of the command."""

    def translation_states(self):
        german = StoryPage.objects.filter(locale__language_code="de", slug=OUTDATED_STORY).first()
        if german is None:
            return
        states = {
            row.locale.language_code: row.state
            for row in translation_status.statuses([german])[german.translation_key]
        }
        # Already outdated (a second run) or not translated: nothing to do.
        if states.get("en") == translation_status.COMPLETE:
            german.save_revision(log_action=True).publish()
            self.count(german, True, "outdated translations", german.title)
