"""StreamField blocks shared by every page type, grouped by kind.

Each block names its icon, template, preview and description so that editors can pick it from
the block chooser with a preview. Presentation logic lives in the blocks, not in templates.
"""

import re
from urllib.parse import parse_qs, urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

from cms.localization import localized_pages
from cms.models import menu_area_choices

# --- Text ---------------------------------------------------------------------------------------

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        # The level is presentation; its label ("Section heading") is no word of the page.
        search_index=False,
        default="h2",
        help_text=_("The page title is the only first-level heading."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "components/blocks/heading_block.html"
        preview_value = {"text": "Enkeltauglich leben und arbeiten", "level": "h2"}
        description = _("A section heading that structures the page for all readers.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "components/blocks/paragraph_block.html"
        preview_value = (
            "<p>Ländlichkeit ist ein <b>Standortvorteil</b>: Platz, Ruhe und Nähe zur Natur.</p>"
        )
        description = _("Formatted text with links and lists.")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "components/blocks/quote_block.html"
        preview_value = {
            "quote": "Wenn die Gründe zu bleiben wachsen, ist die Region bereit für morgen.",
            "attribution": "LANDVORTEIL",
        }
        description = _("A highlighted statement with its source.")


# --- Navigation and teasers ---------------------------------------------------------------------


def _resolve_link(page, url, request, translations, area=""):
    """The URL of ``page`` in the reader's language (if live), else of the platform's section
    ``area`` (``settings.MAIN_MENU_AREAS``) in the reader's language, else the external ``url``."""
    if page is not None:
        page = translations.get(page.translation_key, page if page.live else None)
        return page.get_url(request) if page is not None else ""
    if area in settings.MAIN_MENU_AREAS:
        return reverse(settings.MAIN_MENU_AREAS[area][0])
    return url or ""


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=400)
    page = blocks.PageChooserBlock(label=_("Linked page"), required=False)
    # Sections that are no pages (the action groups, the board), in the reader's language.
    area = blocks.ChoiceBlock(
        choices=menu_area_choices, label=_("or section of the platform"), required=False
    )
    external_url = blocks.URLBlock(label=_("or external link"), required=False)
    link_label = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=60,
        help_text=_("Say where the link leads, e.g. “Read more about founding in the region”."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Card")


class CardGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    intro = blocks.TextBlock(label=_("Introduction"), required=False, max_length=600)
    cards = blocks.ListBlock(CardBlock(), label=_("Cards"), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        cards = value["cards"]
        translations = localized_pages(card["page"] for card in cards)
        context["cards"] = []
        for card in cards:
            url = _resolve_link(
                card["page"], card["external_url"], request, translations, card.get("area")
            )
            context["cards"].append({**card, "url": url})
        return context

    class Meta:
        icon = "table"
        label = _("Card grid")
        template = "components/blocks/card_grid_block.html"
        preview_value = {
            "heading": "Drei Handlungsfelder",
            "intro": "Wo das Bündnis ansetzt.",
            "cards": [
                {"title": "Ländliche Gründungen und Initiativen", "text": "Gründen auf dem Land."},
                {"title": "Kreativ- und Innovationsorte", "text": "Orte zum Ausprobieren."},
                {"title": "Innovative Verwaltung", "text": "Verwaltung, die ermöglicht."},
            ],
        }
        description = _("A titled group of short teasers, each with an optional link.")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Text"), max_length=300)
    page = blocks.PageChooserBlock(label=_("Linked page"), required=False)
    external_url = blocks.URLBlock(label=_("or external link"), required=False)
    link_label = blocks.CharBlock(
        label=_("Button text"),
        max_length=60,
        help_text=_("Say what happens, e.g. “Register for the workshop”."),
    )

    def clean(self, value):
        value = super().clean(value)
        if not value["page"] and not value["external_url"]:
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or give a link."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        translations = localized_pages([value["page"]])
        context["url"] = _resolve_link(value["page"], value["external_url"], request, translations)
        return context

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "components/blocks/call_to_action_block.html"
        preview_value = {
            "text": "Sie haben eine Idee für Ihr Dorf? Wir helfen beim Start.",
            "external_url": "https://example.org/",
            "link_label": "Beratung anfragen",
        }
        description = _("An invitation to act, with one prominent link.")


class RelatedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), label=_("Pages"), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        pages = [page for page in value["pages"] if page is not None]
        translations = localized_pages(pages)
        links = []
        for page in pages:
            page = translations.get(page.translation_key, page if page.live else None)
            if page is not None:
                links.append({"title": page.title, "url": page.get_url(request)})
        context["links"] = links
        return context

    class Meta:
        icon = "list-ul"
        label = _("Related pages")
        template = "components/blocks/related_pages_block.html"
        preview_value = {"heading": "Mehr zum Thema", "pages": []}
        description = _("A short list of links to other pages of the site.")


# --- Media --------------------------------------------------------------------------------------


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        required=False,
        help_text=_(
            "Describe what the image shows for people who cannot see it. Leave empty only if "
            "the image is purely decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "components/blocks/image_block.html"
        description = _("An image with alternative text and an optional caption.")


class VideoValue(blocks.StructValue):
    """Where the video lives; nothing is loaded from there until the reader asks for it."""

    YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")

    def video(self):
        return parse_video_url(self.get("url") or "")

    def embed_url(self):
        video = self.video()
        return video["embed_url"] if video else ""

    def provider(self):
        video = self.video()
        return video["provider"] if video else ""


def parse_video_url(url):
    """{provider, embed_url} of a YouTube or Vimeo address, or None for anything else."""
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = None
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [None])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
    elif host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
    if video_id and VideoValue.YOUTUBE_ID.match(video_id):
        return {
            "provider": "YouTube",
            "embed_url": f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1",
        }
    if host == "vimeo.com":
        vimeo_id = parsed.path.strip("/").split("/")[0]
        if vimeo_id.isdigit():
            return {
                "provider": "Vimeo",
                "embed_url": f"https://player.vimeo.com/video/{vimeo_id}?dnt=1&autoplay=1",
            }
    return None


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Video address"),
        help_text=_("A YouTube or Vimeo address. The video loads only when a reader asks for it."),
    )
    title = blocks.CharBlock(
        label=_("Title"), max_length=160, help_text=_("Names the video for screen readers.")
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    def clean(self, value):
        value = super().clean(value)
        if parse_video_url(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Give the address of a YouTube or Vimeo video."))
                }
            )
        return value

    class Meta:
        icon = "media"
        label = _("Video")
        template = "components/blocks/video_block.html"
        value_class = VideoValue
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "title": "Ein Film über die Region",
            "caption": "",
        }
        description = _(
            "A YouTube or Vimeo video behind a button: nothing is loaded from the video site "
            "until the reader clicks."
        )


class BodyBlock(blocks.StreamBlock):
    """The body of editorial pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    card_grid = CardGridBlock()

    class Meta:
        label = _("Body")


class StoryBodyBlock(blocks.StreamBlock):
    """The body of stories: text, media and links onward."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    related_pages = RelatedPagesBlock()

    class Meta:
        label = _("Body")
