"""Blocks that belong to one editorial page type (shared blocks are in cms.blocks)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from cms.blocks import RICH_TEXT_FEATURES, HeadingBlock
from cms.localization import localized_pages


class LearningStepBlock(blocks.StructBlock):
    """One step of a learning path, with stories to read and documents to download."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    stories = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="home.StoryPage"),
        label=_("Stories to read"),
        required=False,
        default=[],
    )
    documents = blocks.ListBlock(
        DocumentChooserBlock(), label=_("Documents to download"), required=False, default=[]
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        stories = [story for story in value["stories"] if story is not None]
        translations = localized_pages(stories)
        story_links = []
        for story in stories:
            story = translations.get(story.translation_key, story if story.live else None)
            if story is not None:
                story_links.append({"title": story.title, "url": story.get_url(request)})
        context["story_links"] = story_links
        context["documents"] = [document for document in value["documents"] if document]
        return context

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template = "components/blocks/learning_step_block.html"
        preview_value = {
            "title": "Eine Idee prüfen",
            "text": "<p>Sprechen Sie mit drei Menschen aus Ihrem Ort über Ihre Idee.</p>",
            "stories": [],
            "documents": [],
        }
        description = _("A step of a learning path: what to do, what to read, what to download.")


# --- Leichte Sprache (easy-to-read German) ----------------------------------------------------

# Our own pictograms (cms/static/img/pictograms/<name>.svg): simple line drawings, served by
# us, so that a page in Leichte Sprache loads nothing from elsewhere.
PICTOGRAMS = {
    "info": _("Information: a letter i in a circle"),
    "people": _("People: three people side by side"),
    "read": _("Reading: an open book"),
    "idea": _("Proposing: a light bulb"),
    "support": _("Supporting: a thumb up"),
    "comment": _("Commenting: a speech bubble"),
    "group": _("Group: people around a table"),
    "event": _("Event: a calendar page"),
    "register": _("Registering: a form with a pen"),
    "help": _("Help: a question mark in a circle"),
    "mail": _("Writing: an envelope"),
    "phone": _("Calling: a telephone"),
}


def pictogram_choices():
    return list(PICTOGRAMS.items())


class EasyTextBlock(blocks.TextBlock):
    """Short sentences, each on its own line: the page shows every line as a line of its own."""

    class Meta:
        icon = "pilcrow"
        label = _("Easy text")
        template = "components/blocks/easy_text_block.html"
        preview_value = "Wir sind LANDVORTEIL.\nWir wollen das Leben auf dem Land besser machen."
        description = _("Short sentences in Leichte Sprache. Write every sentence on a new line.")
        help_text = _("One sentence per line. At most 15 words per sentence.")


class PictogramTextValue(blocks.StructValue):
    def pictogram_path(self):
        name = self.get("pictogram")
        return f"img/pictograms/{name}.svg" if name in PICTOGRAMS else ""

    def alt(self):
        """The alternative text: the editors' own, else what the pictogram shows."""
        if self.get("alt_text"):
            return self["alt_text"]
        label = PICTOGRAMS.get(self.get("pictogram"))
        return str(label) if label is not None else ""


class PictogramTextBlock(blocks.StructBlock):
    pictogram = blocks.ChoiceBlock(
        choices=pictogram_choices,
        label=_("Pictogram"),
        required=False,
        search_index=False,
        help_text=_("A simple picture that shows what the text says."),
    )
    image = ImageChooserBlock(
        label=_("or a picture"),
        required=False,
        help_text=_("A clear photo or drawing instead of the pictogram."),
    )
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=200,
        required=False,
        help_text=_(
            "Say in easy words what the picture shows. Empty: the description of the pictogram."
        ),
    )
    text = EasyTextBlock(label=_("Text"))

    def clean(self, value):
        value = super().clean(value)
        if not value["pictogram"] and not value["image"]:
            raise blocks.StructBlockValidationError(
                block_errors={"pictogram": ValidationError(_("Choose a pictogram or a picture."))}
            )
        if value["image"] and not value["alt_text"]:
            raise blocks.StructBlockValidationError(
                block_errors={"alt_text": ValidationError(_("Say what the picture shows."))}
            )
        return value

    class Meta:
        icon = "image"
        label = _("Picture and text")
        template = "components/blocks/pictogram_text_block.html"
        value_class = PictogramTextValue
        preview_value = {
            "pictogram": "idea",
            "alt_text": "",
            "text": "Sie haben eine Idee?\nSchreiben Sie Ihre Idee auf.",
        }
        description = _("A pictogram or picture beside a few short sentences.")


class GlossaryEntryBlock(blocks.StructBlock):
    word = blocks.CharBlock(label=_("Word"), max_length=80)
    explanation = blocks.TextBlock(label=_("Explanation"), max_length=600)

    class Meta:
        icon = "help"
        label = _("Word")


class GlossaryBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    entries = blocks.ListBlock(GlossaryEntryBlock(), label=_("Words"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Word list")
        template = "components/blocks/glossary_block.html"
        preview_value = {
            "heading": "Schwere Wörter",
            "entries": [
                {
                    "word": "Bündnis",
                    "explanation": "Ein Bündnis ist eine Gruppe.\nDie Gruppe hat ein Ziel.",
                }
            ],
        }
        description = _("Hard words with an explanation in easy words.")


class SignLanguageVideoValue(blocks.StructValue):
    def video_url(self):
        document = self.get("video")
        return document.url if document else ""

    def mime_type(self):
        document = self.get("video")
        extension = document.file_extension.lower() if document else ""
        return {"webm": "video/webm", "ogv": "video/ogg"}.get(extension, "video/mp4")


class SignLanguageVideoBlock(blocks.StructBlock):
    video = DocumentChooserBlock(
        label=_("Video file"),
        help_text=_(
            "A video in German Sign Language (DGS), uploaded as a document (MP4 or WebM). It is "
            "served from this website; nothing is loaded from elsewhere."
        ),
    )
    title = blocks.CharBlock(
        label=_("Title"), max_length=160, help_text=_("Names the video for screen readers.")
    )
    text_alternative = blocks.TextBlock(
        label=_("Text alternative"),
        help_text=_("What the video says, in easy words: for everybody who cannot watch it."),
    )

    class Meta:
        icon = "media"
        label = _("Video in sign language")
        template = "components/blocks/sign_language_video_block.html"
        value_class = SignLanguageVideoValue
        preview_value = {
            "title": "LANDVORTEIL in Gebärdensprache",
            "text_alternative": "Im Video erklären wir LANDVORTEIL.",
        }
        description = _("A video in German Sign Language (DGS) with a text alternative.")


class EasyReadBodyBlock(blocks.StreamBlock):
    """The body of pages in Leichte Sprache."""

    heading = HeadingBlock()
    text = EasyTextBlock()
    pictogram_text = PictogramTextBlock()
    glossary = GlossaryBlock()
    sign_language_video = SignLanguageVideoBlock()

    class Meta:
        label = _("Body")
