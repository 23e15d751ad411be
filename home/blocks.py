"""Blocks that belong to one editorial page type (shared blocks are in cms.blocks)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from cms.blocks import RICH_TEXT_FEATURES
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
