"""Building StreamField content in Wagtail's raw form, with references resolved on loading.

Pages, images and documents do not exist when the texts are written down, so the texts refer to
them by name (:class:`PageRef`, :class:`ImageRef`, :class:`DocumentRef`); the loading command
replaces each reference with the primary key of the object it created or found.
"""

from dataclasses import dataclass
from uuid import uuid4


@dataclass(frozen=True)
class PageRef:
    """A German page by its slugs below the German home page, e.g. ``"orte/dorfbuero"``."""

    path: str


@dataclass(frozen=True)
class ImageRef:
    """A demo image by its key in :mod:`demo.content.scenes`."""

    key: str


@dataclass(frozen=True)
class DocumentRef:
    """A demo document by its key in :mod:`demo.content.learning`."""

    key: str


def _items(values):
    return [{"type": "item", "id": str(uuid4()), "value": value} for value in values]


def heading(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


def quote(text, attribution=""):
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def card(title, text, page=None, link_label=""):
    return {
        "title": title,
        "text": text,
        "page": page,
        "external_url": "",
        "link_label": link_label,
    }


def cards(title, intro, items):
    """A card grid; ``items`` are (title, text) pairs or :func:`card` values."""
    values = [item if isinstance(item, dict) else card(*item) for item in items]
    return {
        "type": "card_grid",
        "value": {"heading": title, "intro": intro, "cards": _items(values)},
    }


def image(key, alt_text, caption=""):
    return {
        "type": "image",
        "value": {"image": ImageRef(key), "alt_text": alt_text, "caption": caption},
    }


def video(url, title, caption=""):
    return {"type": "video", "value": {"url": url, "title": title, "caption": caption}}


def call_to_action(text, link_label, page=None, external_url=""):
    return {
        "type": "call_to_action",
        "value": {
            "text": text,
            "page": PageRef(page) if page else None,
            "external_url": external_url,
            "link_label": link_label,
        },
    }


def related_pages(title, *paths):
    return {
        "type": "related_pages",
        "value": {"heading": title, "pages": _items(PageRef(path) for path in paths)},
    }


def step(title, text, stories=(), documents=()):
    """A step of a learning path; ``stories`` are paths of story pages, ``documents`` keys."""
    return {
        "type": "step",
        "value": {
            "title": title,
            "text": text,
            "stories": _items(PageRef(path) for path in stories),
            "documents": _items(DocumentRef(key) for key in documents),
        },
    }
