"""StreamField blocks shared by every page type, grouped by kind.

Each block names its icon, template, preview and description so that editors can pick it from
the block chooser with a preview. Presentation logic lives in the blocks, not in templates.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from cms.localization import localized_pages

# --- Text ---------------------------------------------------------------------------------------

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
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


class CardBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=400)
    page = blocks.PageChooserBlock(label=_("Linked page"), required=False)
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
            page = card["page"]
            url = card["external_url"] or ""
            if page is not None:
                page = translations.get(page.translation_key, page if page.live else None)
                url = page.get_url(request) if page is not None else ""
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


class BodyBlock(blocks.StreamBlock):
    """The body of editorial pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    card_grid = CardGridBlock()

    class Meta:
        label = _("Body")
