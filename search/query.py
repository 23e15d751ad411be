"""A search as the engine takes it (words, language, filters) and what it returns (hits,
facets, a page of results), with the limits and the word rules both databases share."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .types import ResultType

MAX_QUERY = 200
MAX_WORDS = 8
PREFIX_LENGTH = 5
MAX_RESULTS = 1000
PER_PAGE = 10
SUGGEST_LENGTH = 3
WORDS = re.compile(r"[^\W_]+")
GERMAN, ENGLISH = "lv_german", "lv_english"  # the text-search configurations (migration 0002)
# ts_headline drops what looks like markup; the query hides < and > from it (as \x04 and \x05)
# and highlighted() brings them back, escaped.
TITLE_HEADLINE = 'HighlightAll=true, StartSel="\x02", StopSel="\x03"'
HEADLINE = (
    'StartSel="\x02", StopSel="\x03", MaxWords=30, MinWords=12, ShortWord=3, '
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def words_of(text):
    """The words of a query: letters and digits only, so that no character means syntax."""
    seen = []
    # Composed characters: text pasted from PDFs may spell "ü" as "u" and a combining mark.
    text = unicodedata.normalize("NFC", text[: MAX_QUERY * 2])
    for word in WORDS.findall(text.lower()[:MAX_QUERY]):
        word = word[:40]
        if word not in seen:
            seen.append(word)
    return seen[:MAX_WORDS]


UMLAUTS_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def spellings(word):
    """The spellings of a word that all find the same: umlauts spelled out ("gruendung") and
    with umlauts for ae/oe/ue ("gründung"), in that order whichever was typed, so that
    "Gründung" and "gruendung" make the same query. Text written without umlauts (tags such as
    "gruendung") is found by the first, text with umlauts by the second; folding accents turns
    "Lübeck" into "lubeck", so typing without dots already matches."""
    spelled_out = word.translate(UMLAUTS_SPELLED_OUT)
    umlauts = re.sub(r"(?<!q)ue", "ü", spelled_out.replace("ae", "ä").replace("oe", "ö"))
    return [spelled_out] if umlauts == spelled_out else [spelled_out, umlauts]


def highlighted(text):
    """Escape ``text`` and turn the database's match marks into <mark> elements."""
    return mark_safe(  # noqa: S308 - escaped first; only our own tags are added
        escape(text)
        .replace("\x02", "<mark>")
        .replace("\x03", "</mark>")
        .replace("\x04", "&lt;")
        .replace("\x05", "&gt;")
    )


@dataclass
class Hit:
    document_id: int
    content_type_id: int
    object_id: int
    page_id: int
    url_suffix: str
    title: str
    context: str
    excerpt: str
    date: object
    url: str = ""
    type_label: str = ""
    # What the hit is about within what it shows (an action group's undertaking).
    note: str = ""


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Results:
    words: list
    total: int = 0
    hits: list = field(default_factory=list)
    types: list = field(default_factory=list)
    fields: list = field(default_factory=list)
    suggestion: str = ""
    page_number: int = 1
    last_page: int = 1

    @property
    def first_number(self):
        return (self.page_number - 1) * PER_PAGE + 1

    @property
    def capped(self):
        return self.total >= MAX_RESULTS


@dataclass
class Search:
    """One search: the words, the reader's language (locale) and the filters."""

    text: str
    locale_id: int
    language: str
    result_type: ResultType | None = None
    field_key: str | None = None
    newest_first: bool = False

    @property
    def words(self):
        return words_of(self.text)
