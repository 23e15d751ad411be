"""Residents' plain text as HTML: everything escaped, paragraphs and line breaks kept, web
addresses turned into links that search engines do not credit (``rel="nofollow ugc"``)."""

import re

from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe

PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def _linked(text):
    # urlize escapes every part that is not a link; quotes in the text become &quot;, so the only
    # rel="nofollow" left in its output is the one it wrote itself.
    html = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    return html.replace(' rel="nofollow"', ' rel="nofollow ugc"')


def render_plain_text(text) -> SafeString:
    """``text`` as paragraphs (blank lines) with ``<br>`` for single line breaks."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return mark_safe("")  # noqa: S308 - a constant
    paragraphs = []
    for paragraph in PARAGRAPH_BREAK.split(text):
        lines = [_linked(line) for line in paragraph.split("\n")]
        paragraphs.append("<p>" + "<br>\n".join(lines) + "</p>")
    return mark_safe("\n".join(paragraphs))  # noqa: S308 - every part was escaped by urlize
