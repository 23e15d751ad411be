"""The poll block, and the page bodies that offer it: editors place a poll in any page that has a
body (pages, topic pages, events, places, stories, processes, visions, the home page)."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from cms.blocks import BodyBlock, StoryBodyBlock


class PollBlock(blocks.StructBlock):
    poll = SnippetChooserBlock("participation.Poll", label=_("Poll"))

    class Meta:
        icon = "list-ul"
        label = _("Poll")
        template = "participation/blocks/poll_block.html"
        description = _("A poll from Polls: residents vote here and see the results.")


class PageBodyBlock(BodyBlock):
    poll = PollBlock()


class StoryPageBodyBlock(StoryBodyBlock):
    poll = PollBlock()
