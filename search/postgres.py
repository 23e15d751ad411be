"""The search on PostgreSQL: full text in German and English (configurations of migration 0002),
ranked on titles, with counts per facet in one pass and "did you mean" from the vocabulary.

The SQL is composed of constant fragments; every value is passed as a parameter."""

from dataclasses import dataclass

from django.db import connection

from .query import (
    ENGLISH,
    GERMAN,
    HEADLINE,
    PER_PAGE,
    PREFIX_LENGTH,
    TITLE_HEADLINE,
    Hit,
    spellings,
)
from .types import type_filter


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


def parsed(words):
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


def shown_sql(restricted):
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
    shown, shown_params = shown_sql(queries.restricted)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT d.content_type_id, d.fields_of_action, count(*) FROM {matching} {shown}
            GROUP BY d.content_type_id, d.fields_of_action
            """,
            [*params, search.locale_id, *shown_params],
        )
        return cursor.fetchall()


def search_postgres(search, queries, offset):
    """The counts by type and field of action, and one page of hits (best title matches or
    the newest first, the matched words marked in the title and in up to two fragments of the
    text), from one pass over the matching rows."""
    matching, params = _matching(queries, ranked=True)
    if matching is None:
        return [], []
    shown, shown_params = shown_sql(queries.restricted)
    conditions, filter_params = ["true"], []
    if search.result_type:
        ids, inverted = type_filter(search.result_type)
        conditions.append(("NOT " if inverted else "") + "(content_type_id = ANY(%s))")
        filter_params.append(ids)
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


def suggestion(search, words):
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
    return " ".join(corrected) if _counts_postgres(search, parsed(corrected)) else ""
