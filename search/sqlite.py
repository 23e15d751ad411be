"""The search on SQLite, for local use: substrings of folded text, without stemming or
suggestions, with the matched words marked in the excerpt."""

import re

from django.db.models import Q

from wagtail.models import Page, PageViewRestriction

from .documents import fold
from .models import SearchDocument
from .query import (
    MAX_RESULTS,
    Hit,
    spellings,
)


def candidates_sqlite(search, words, titles_only=False):
    """Rows containing every word (in any spelling) that may be read in the search's language,
    with the page they are shown on and a rough rank."""
    documents = SearchDocument.objects.all()
    for word in words:
        condition = Q()
        for spelling in spellings(word):
            condition |= Q(folded__contains=fold(spelling))
        documents = documents.filter(condition)
    if titles_only:
        documents = documents.exclude(title="")
    documents = documents.filter(Q(follows_translations=True) | Q(page__locale_id=search.locale_id))
    documents = list(
        documents.select_related("page")
        .defer("folded", "page__latest_revision", "page__draft_title")
        .order_by("-date", "pk")[: MAX_RESULTS * 5]
    )
    shown = {
        page.translation_key: page
        for page in Page.objects.live()
        .filter(
            locale_id=search.locale_id,
            translation_key__in={document.page.translation_key for document in documents},
        )
        .only("pk", "path", "translation_key")
    }
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    found = []
    for document in documents:
        page = shown.get(document.page.translation_key)
        if page is None or (not document.follows_translations and page.pk != document.page_id):
            continue
        if any(page.path.startswith(path) for path in restricted):
            continue
        document.shown_on = page.pk
        title, body = fold(document.title), fold(document.body)
        document.rank = sum(3 * title.count(fold(w)) + body.count(fold(w)) for w in words)
        found.append(document)
    return found


def _folded_with_positions(text):
    """``fold(text)`` and, for each of its characters, the position in ``text`` it came from
    (ß becomes two characters, both from the ß)."""
    folded, positions = [], []
    for position, char in enumerate(text):
        for folded_char in fold(char):
            folded.append(folded_char)
            positions.append(position)
    return "".join(folded), positions


def mark_words(text, words, limit=None):
    """``text`` with the words marked as the database marks them, shortened around the first
    match to about ``limit`` characters."""
    haystack, positions = _folded_with_positions(text)
    needles = {fold(spelling) for word in words for spelling in spellings(word)}
    spans = sorted(
        (positions[match.start()], positions[match.end() - 1] + 1)
        for needle in needles
        if needle
        for match in re.finditer(re.escape(needle), haystack)
    )
    start = 0
    if limit and spans and spans[0][0] > limit // 3:
        start = text.rfind(" ", 0, spans[0][0] - limit // 3) + 1
    end = len(text) if not limit else min(len(text), start + limit)
    out, position = [], start
    for span_start, span_end in spans:
        if span_start < position or span_end > end:
            continue
        out += [text[position:span_start], "\x02", text[span_start:span_end], "\x03"]
        position = span_end
    out.append(text[position:end])
    return ("… " if start else "") + "".join(out) + (" …" if end < len(text) else "")


def hit_sqlite(document, words):
    return Hit(
        document_id=document.pk,
        content_type_id=document.content_type_id,
        object_id=document.object_id,
        page_id=document.shown_on,
        url_suffix=document.url_suffix,
        date=document.date,
        title=mark_words(document.title, words),
        context=document.context,
        excerpt=mark_words(document.body, words, limit=240),
    )
