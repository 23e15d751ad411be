"""Searching the index: PostgreSQL's full-text search with German and English stemming, or,
on SQLite for local use, a substring search without stemming and suggestions.

A row is found in a language when the page that shows it is published, public and in that
language; a contribution follows its process into every translation of it. The contributions
on the requested page of results are read once more through ``readable()``, the one rule for
who may read them.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst

from wagtail.models import Page, PageViewRestriction

from participation.models import Comment, Proposal

from .documents import fold
from .models import SearchDocument

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


def spellings(word):
    """The word as typed and with umlauts for ae/oe/ue ("Luebeck" → "lübeck"): folding accents
    turns "Lübeck" into "lubeck", so typing without dots already matches."""
    umlauts = re.sub(r"(?<!q)ue", "ü", word.replace("ae", "ä").replace("oe", "ö"))
    return [word] if umlauts == word else [word, umlauts]


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
    content_type_id: int | None = None
    field_key: str | None = None
    newest_first: bool = False

    @property
    def words(self):
        return words_of(self.text)


def _type_value(content_type_id):
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def content_type_for(value):
    """The content type a type filter's value ("app.model") names, among the indexed ones."""
    app_label, _, model = (value or "").partition(".")
    if not app_label or not model:
        return None
    try:
        return ContentType.objects.get_by_natural_key(app_label, model).pk
    except ContentType.DoesNotExist:
        return None


def _type_label(content_type_id, plural=False):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return ""
    return capfirst(model._meta.verbose_name_plural if plural else model._meta.verbose_name)


# --- PostgreSQL ---------------------------------------------------------------------------------


def _tsquery(config, words):
    """All words (AND), each in any of its spellings (OR), parsed by ``config``; a word of
    five letters or more also as the start of a longer one (German compounds: "Glasfaser"
    finds "Glasfaserleitung"). A stop word drops out as an empty query, also when only one
    spelling is one ("fuer" for "für")."""
    parts, params = [], []
    for word in words:
        forms = spellings(word)
        parsed, values = [], []
        for form in forms:
            if len(form) >= PREFIX_LENGTH:
                parsed.append(f"to_tsquery('{config}', %s)")
                values.append(f"{form}:*")
            else:
                parsed.append(f"plainto_tsquery('{config}', %s)")
                values.append(form)
        alternatives = " || ".join(parsed)
        if len(forms) == 1:
            parts.append(f"({alternatives})")
            params += values
            continue
        stop = " OR ".join(f"numnode(plainto_tsquery('{config}', %s)) = 0" for _ in forms)
        parts.append(f"(CASE WHEN {stop} THEN ''::tsquery ELSE {alternatives} END)")
        params += [*forms, *values]
    return " && ".join(parts), params


@dataclass
class Parsed:
    de: str
    en: str
    restricted: list


def _parsed(words):
    """The German and the English query (as text), parsed once: passed on as constants, they
    let the planner see how common the words are.

    Also steers the planner, for the rest of the transaction, to the text-search indexes (for
    a common word it would rather read the whole table and test every row's search vector,
    where the index finds the rows without reading one) and lets it keep tens of thousands of
    matches in memory while counting and sorting them.
    """
    de, de_params = _tsquery(GERMAN, words)
    en, en_params = _tsquery(ENGLISH, words)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT set_config('enable_seqscan', 'off', true),
                   set_config('work_mem', '32MB', true), ({de})::text, ({en})::text,
                   ARRAY(SELECT p.path FROM wagtailcore_pageviewrestriction r
                         JOIN wagtailcore_page p ON p.id = r.page_id)
            """,
            [*de_params, *en_params],
        )
        return Parsed(*cursor.fetchone()[2:])


def _shown_sql(restricted):
    """Joins the page each row is shown on in the search's language (``shown``; a parameter):
    published, and below none of the ``restricted`` paths (pages with view restrictions)."""
    sql = """
        JOIN wagtailcore_page shown
          ON shown.translation_key = d.page_translation_key AND shown.locale_id = %s
        WHERE shown.live AND (d.follows_translations OR shown.id = d.page_id)
    """
    if restricted:
        sql += " AND NOT (shown.path LIKE ANY (%s))"
    return sql, [[f"{path}%" for path in restricted]] if restricted else []


def _matching(queries, ranked):
    """The rows that match (as a subquery ``d``), with how well their title matches (``rank``)
    if ``ranked``. German and English rows are matched separately, each through its own GIN
    index with its own query."""
    branches, params = [], []
    for condition, query in (("d.language <> 'en'", queries.de), ("d.language = 'en'", queries.en)):
        if not query:
            continue
        rank = "ts_rank(d.title_terms, %s::tsquery)" if ranked else "0"
        branches.append(
            f"""
            SELECT d.id, d.content_type_id, d.page_id, d.page_translation_key,
                   d.follows_translations, d.fields_of_action, d.date, {rank} AS rank
            FROM search_searchdocument d
            WHERE {condition} AND d.search_vector @@ %s::tsquery
            """
        )
        params += [query, query] if ranked else [query]
    if not branches:
        return None, []
    return f"({' UNION ALL '.join(branches)}) d", params


def _counts_postgres(search, queries):
    """How many rows match and may be read in the search's language, by type and by fields
    of action."""
    matching, params = _matching(queries, ranked=False)
    if matching is None:
        return []
    shown, shown_params = _shown_sql(queries.restricted)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT d.content_type_id, d.fields_of_action, count(*) FROM {matching} {shown}
            GROUP BY d.content_type_id, d.fields_of_action
            """,
            [*params, search.locale_id, *shown_params],
        )
        return cursor.fetchall()


def _search_postgres(search, queries, offset):
    """The counts by type and field of action, and one page of hits (best title matches or
    the newest first, the matched words marked in the title and in up to two fragments of the
    text), from one pass over the matching rows."""
    matching, params = _matching(queries, ranked=True)
    if matching is None:
        return [], []
    shown, shown_params = _shown_sql(queries.restricted)
    conditions, filter_params = ["true"], []
    if search.content_type_id:
        conditions.append("content_type_id = %s")
        filter_params.append(search.content_type_id)
    if search.field_key:
        conditions.append("fields_of_action LIKE %s")
        filter_params.append(f"%|{search.field_key}|%")
    if search.newest_first:
        order = "c.date DESC NULLS LAST, c.rank DESC, c.id DESC"
    else:
        order = "c.rank DESC, c.date DESC NULLS LAST, c.id DESC"
    sql = f"""
        WITH matches AS MATERIALIZED (
            SELECT d.id, d.content_type_id, d.fields_of_action, d.date, d.rank,
                   shown.id AS shown_on
            FROM {matching} {shown}
        ), counts AS (
            SELECT content_type_id, fields_of_action, count(*) AS total FROM matches
            GROUP BY content_type_id, fields_of_action
        ), chosen AS (
            SELECT id, shown_on, rank, date, row_number() OVER (ORDER BY {order}) AS position
            FROM (
                SELECT * FROM matches c WHERE {" AND ".join(conditions)}
                ORDER BY {order} LIMIT %s OFFSET %s
            ) c
        )
        SELECT 0, content_type_id, fields_of_action, total,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM counts
        UNION ALL
        SELECT 1, d.content_type_id, NULL, c.position,
               d.id, d.object_id, c.shown_on, d.url_suffix, d.date,
               ts_headline(d.config, translate(d.title, '<>', E'\\x04\\x05'), d.query, %s),
               d.context,
               ts_headline(d.config, translate(t.body, '<>', E'\\x04\\x05'), d.query, %s)
        FROM chosen c
        JOIN (
            SELECT *,
                   CASE WHEN language = 'en' THEN 'lv_english'::regconfig
                        ELSE 'lv_german'::regconfig END AS config,
                   CASE WHEN language = 'en' THEN %s::tsquery ELSE %s::tsquery END AS query
            FROM search_searchdocument
        ) d ON d.id = c.id
        JOIN search_searchtext t
          ON t.content_type_id = d.content_type_id AND t.object_id = d.object_id
    """
    params = [
        *params,
        search.locale_id,
        *shown_params,
        *filter_params,
        PER_PAGE,
        offset,
        TITLE_HEADLINE,
        HEADLINE,
        queries.en,
        queries.de,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counts = [(row[1], row[2], row[3]) for row in rows if row[0] == 0]
    hits = [
        Hit(
            document_id=row[4],
            content_type_id=row[1],
            object_id=row[5],
            page_id=row[6],
            url_suffix=row[7],
            date=row[8],
            title=row[9],
            context=row[10],
            excerpt=row[11],
        )
        for row in sorted((row for row in rows if row[0] == 1), key=lambda row: row[3])
    ]
    return counts, hits


def edit_distance(a, b):
    """Levenshtein distance, with a swap of two neighbouring letters counting once."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def max_distance(word):
    """How many typing errors a suggestion may correct: one in a short word, up to three in a
    long one; "Quantencomputer" is no misspelling of "computer"."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 9 else 3


def _suggestion(search, words):
    """The query with each unknown word replaced by the closest known one, if that finds
    anything; "" otherwise."""
    corrected, changed = [], False
    with connection.cursor() as cursor:
        for word in words:
            if len(word) < 4 or word.isdigit():
                corrected.append(word)
                continue
            candidates = []
            # The umlaut spelling first: of two equally close words, the one with umlauts.
            for spelling in reversed(spellings(word)):
                cursor.execute(
                    """
                    SELECT word, similarity(word, %s) FROM search_searchterm
                    WHERE language = %s ORDER BY word <-> %s LIMIT 5
                    """,
                    [spelling, search.language, spelling],
                )
                candidates += [
                    (distance, -similarity, known)
                    for known, similarity in cursor.fetchall()
                    if similarity >= 0.3
                    and (distance := edit_distance(spelling, known)) <= max_distance(spelling)
                ]
            best = min(candidates)[2] if candidates else word
            if best not in spellings(word):
                corrected.append(best)
                changed = True
            else:
                corrected.append(word)
    if not changed:
        return ""
    return " ".join(corrected) if _counts_postgres(search, _parsed(corrected)) else ""


# --- SQLite -------------------------------------------------------------------------------------


def _candidates_sqlite(search, words, titles_only=False):
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


def _mark_words(text, words, limit=None):
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


def _hit_sqlite(document, words):
    return Hit(
        document_id=document.pk,
        content_type_id=document.content_type_id,
        object_id=document.object_id,
        page_id=document.shown_on,
        url_suffix=document.url_suffix,
        date=document.date,
        title=_mark_words(document.title, words),
        context=document.context,
        excerpt=_mark_words(document.body, words, limit=240),
    )


# --- Both ---------------------------------------------------------------------------------------


def _facets(search, rows, field_names):
    """The counts by type and by field of action (each without its own filter) and the total
    with both; ``rows`` are (content type, "|keys|", count)."""
    by_type, by_field, total = {}, {}, 0
    for content_type_id, fields, count in rows:
        in_field = not search.field_key or f"|{search.field_key}|" in (fields or "")
        in_type = not search.content_type_id or content_type_id == search.content_type_id
        if in_field:
            by_type[content_type_id] = by_type.get(content_type_id, 0) + count
        if in_type:
            for key in (fields or "").strip("|").split("|"):
                if key:
                    by_field[key] = by_field.get(key, 0) + count
        if in_field and in_type:
            total += count
    types = sorted(
        (
            Facet(
                value=_type_value(content_type_id),
                label=_type_label(content_type_id, plural=True),
                count=count,
                selected=content_type_id == search.content_type_id,
            )
            for content_type_id, count in by_type.items()
        ),
        key=lambda facet: (-facet.count, facet.label),
    )
    fields = [
        Facet(value=key, label=name, count=by_field.get(key, 0), selected=key == search.field_key)
        for key, name in field_names
        if by_field.get(key) or key == search.field_key
    ]
    return min(total, MAX_RESULTS), types, fields


def _readable(hits):
    """Drop what ``readable()`` no longer shows everybody (should the index lag behind)."""
    proposal_type = ContentType.objects.get_for_model(Proposal).pk
    comment_type = ContentType.objects.get_for_model(Comment).pk
    wanted = {
        proposal_type: Proposal.objects.readable(),
        comment_type: Comment.objects.readable(),
    }
    keep = {}
    for content_type_id, queryset in wanted.items():
        ids = [hit.object_id for hit in hits if hit.content_type_id == content_type_id]
        if ids:
            keep[content_type_id] = set(queryset.filter(pk__in=ids).values_list("pk", flat=True))
    return [
        hit
        for hit in hits
        if hit.content_type_id not in keep or hit.object_id in keep[hit.content_type_id]
    ]


def _page_urls(request, hits):
    """{page id: address} of the pages the hits are shown on, in one query."""
    pages = Page.objects.filter(pk__in={hit.page_id for hit in hits}).only(
        "pk", "url_path", "path", "depth", "locale_id", "content_type_id"
    )
    return {page.pk: page.get_url(request) for page in pages}


def _locate(request, hits):
    """Each hit's address: the page it is shown on (one query) and its place below it."""
    urls = _page_urls(request, hits)
    located = []
    for hit in hits:
        base = urls.get(hit.page_id)
        if base is None:
            continue
        hit.url = base + hit.url_suffix
        hit.type_label = _type_label(hit.content_type_id)
        hit.title = highlighted(hit.title)
        hit.excerpt = highlighted(hit.excerpt)
        located.append(hit)
    return located


def run(search, request, page_number=1, field_names=()):
    """The results of ``search``: counts, facets and the requested page of hits.

    ``field_names`` lists the fields of action as (translation key, name in the reader's
    language) in the order the filter shows them.
    """
    words = search.words
    results = Results(words=words)
    if not words:
        return results
    # One transaction: the planner settings of _parsed() last until its end.
    with transaction.atomic():
        return _run(search, request, page_number, field_names, words, results)


def _run(search, request, page_number, field_names, words, results):
    postgres = connection.vendor == "postgresql"
    requested = max(1, page_number)
    if postgres:
        queries = _parsed(words)
        rows, hits = _search_postgres(search, queries, (requested - 1) * PER_PAGE)
    else:
        candidates = _candidates_sqlite(search, words)
        counts = {}
        for document in candidates:
            key = (document.content_type_id, document.fields_of_action)
            counts[key] = counts.get(key, 0) + 1
        rows = [(*key, count) for key, count in counts.items()]
    results.total, results.types, results.fields = _facets(search, rows, field_names)
    if not results.total:
        if postgres:
            results.suggestion = _suggestion(search, words)
        return results
    last_page = max(1, -(-results.total // PER_PAGE))
    page_number = min(requested, last_page)
    offset = (page_number - 1) * PER_PAGE
    if postgres and page_number != requested:
        # Asked for a page past the last one: show the last.
        _, hits = _search_postgres(search, queries, offset)
    elif not postgres:
        chosen = [
            document
            for document in candidates
            if (not search.content_type_id or document.content_type_id == search.content_type_id)
            and (not search.field_key or f"|{search.field_key}|" in document.fields_of_action)
        ]
        if search.newest_first:
            chosen.sort(key=lambda d: (d.date is not None, d.date, d.rank), reverse=True)
        else:
            chosen.sort(key=lambda d: (d.rank, d.date is not None, d.date), reverse=True)
        hits = [_hit_sqlite(d, words) for d in chosen[offset : offset + PER_PAGE]]
    results.page_number = page_number
    results.last_page = last_page
    results.hits = _locate(request, _readable(hits))
    return results


def autocomplete(request, text, locale_id, limit=8):
    """Titles that begin with the typed words, for suggestions while typing."""
    words = words_of(text)
    if not words or len(" ".join(words)) < SUGGEST_LENGTH:
        return []
    if connection.vendor == "postgresql":
        # The words are letters and digits only: nothing in them is tsquery syntax.
        query = " & ".join(
            "(" + " | ".join(f"{spelling}:*" for spelling in spellings(word)) + ")"
            for word in words
        )
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        shown, shown_params = _shown_sql(restricted)
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT d.id, d.content_type_id, d.object_id, shown.id, d.url_suffix, d.title
                FROM search_searchdocument d {shown}
                  AND d.title <> ''
                  AND to_tsvector('lv_simple'::regconfig, d.title)
                      @@ to_tsquery('lv_simple', %s)
                ORDER BY length(d.title), d.id
                LIMIT %s
                """,
                [locale_id, *shown_params, query, limit * 2],
            )
            rows = cursor.fetchall()
        hits = [Hit(row[0], row[1], row[2], row[3], row[4], row[5], "", "", None) for row in rows]
    else:
        search = Search(text=text, locale_id=locale_id, language="")
        documents = [
            d
            for d in _candidates_sqlite(search, words, titles_only=True)
            if all(
                any(
                    title_word.startswith(fold(spelling))
                    for title_word in WORDS.findall(fold(d.title))
                    for spelling in spellings(word)
                )
                for word in words
            )
        ]
        documents.sort(key=lambda d: (len(d.title), d.pk))
        hits = [
            Hit(
                d.pk,
                d.content_type_id,
                d.object_id,
                d.shown_on,
                d.url_suffix,
                d.title,
                "",
                "",
                None,
            )
            for d in documents[: limit * 2]
        ]
    hits = _readable(hits)[:limit]
    urls = _page_urls(request, hits)
    return [
        {
            "title": hit.title,
            "url": urls[hit.page_id] + hit.url_suffix,
            "type": _type_label(hit.content_type_id),
        }
        for hit in hits
        if urls.get(hit.page_id)
    ]
