"""Searching the index: PostgreSQL's full-text search with German and English stemming, or,
on SQLite for local use, a substring search without stemming and suggestions.

A row is found in a language when the page that shows it is published, public and in that
language; a contribution follows its process into every translation of it. The contributions
on the requested page of results are read once more through ``readable()``, the one rule for
who may read them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.urls import reverse

from wagtail.models import Page, PageViewRestriction

from participation.models import ActionGroup, Comment, Proposal, Undertaking

from .documents import fold
from .postgres import parsed, search_postgres, shown_sql, suggestion
from .query import (
    MAX_RESULTS,
    PER_PAGE,
    SUGGEST_LENGTH,
    WORDS,
    Facet,
    Hit,
    Results,
    Search,
    highlighted,
    spellings,
    words_of,
)
from .sqlite import candidates_sqlite, hit_sqlite
from .types import RESULT_TYPES, named_content_type_ids, result_type_of


def _facets(search, rows, field_names):
    """The counts by kind of result and by field of action (each without its own filter) and
    the total with both; ``rows`` are (content type, "|keys|", count)."""
    named = named_content_type_ids()
    by_type, by_field, total = {}, {}, 0
    for content_type_id, fields, count in rows:
        result_type = result_type_of(content_type_id, named)
        in_field = not search.field_key or f"|{search.field_key}|" in (fields or "")
        in_type = not search.result_type or result_type is search.result_type
        if in_field:
            by_type[result_type] = by_type.get(result_type, 0) + count
        if in_type:
            for key in (fields or "").strip("|").split("|"):
                if key:
                    by_field[key] = by_field.get(key, 0) + count
        if in_field and in_type:
            total += count
    types = sorted(
        (
            Facet(
                value=result_type.value,
                label=str(result_type.label),
                count=by_type[result_type],
                selected=result_type is search.result_type,
            )
            for result_type in RESULT_TYPES
            if result_type in by_type
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
    group_type, undertaking_type = _group_types()
    wanted = {
        proposal_type: Proposal.objects.readable(),
        comment_type: Comment.objects.readable(),
        group_type: ActionGroup.objects.readable(),
        undertaking_type: Undertaking.objects.filter(group__in=ActionGroup.objects.readable()),
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


class _Shown(str):
    """The address of a page hits are shown on, which also puts a route below the page
    (a proposal's) into the page's language."""

    def below(self, suffix):
        localize = getattr(self.page, "localize_subpath", None)
        return self + (localize(suffix) if localize is not None and suffix else suffix)


def _page_urls(request, hits):
    """{page id: address} of the pages the hits are shown on, in one query."""
    pages = (
        Page.objects.filter(pk__in={hit.page_id for hit in hits})
        .select_related("locale")
        .only("pk", "url_path", "path", "depth", "content_type_id", "locale__language_code")
    )
    urls = {}
    for page in pages:
        url = page.get_url(request)
        if url:
            model = page.specific_class
            if model is not None and hasattr(model, "localize_subpath"):
                # The routes of the page's type without loading it (``specific_deferred``).
                page = model(pk=page.pk, locale=page.locale)
            url = _Shown(url)
            url.page = page
        urls[page.pk] = url
    return urls


def _group_types():
    return (
        ContentType.objects.get_for_model(ActionGroup).pk,
        ContentType.objects.get_for_model(Undertaking).pk,
    )


def _address(hit, urls, groups_url):
    """Where ``hit`` is read, or None: below the page it is shown on, or, for an action group
    and its undertakings (which have no page), below the groups' overview in the reader's
    language."""
    base = urls.get(hit.page_id)
    if base is None:
        return None
    if hit.content_type_id in _group_types():
        return groups_url + hit.url_suffix
    return base.below(hit.url_suffix) if isinstance(base, _Shown) else base + hit.url_suffix


def _locate(request, hits):
    """Each hit's address: the page it is shown on (one query) and its place below it."""
    urls = _page_urls(request, hits)
    groups_url = reverse("participation:groups")
    _group_type, undertaking_type = _group_types()
    named = named_content_type_ids()
    located = []
    for hit in hits:
        url = _address(hit, urls, groups_url)
        if url is None:
            continue
        hit.url = url
        hit.type_label = result_type_of(hit.content_type_id, named).item_label
        hit.title = highlighted(hit.title)
        hit.excerpt = highlighted(hit.excerpt)
        if hit.content_type_id == undertaking_type:
            # Found as its group, with a note of the undertaking that matched.
            hit.note, hit.title = hit.title, highlighted(hit.context)
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
    # One transaction: the planner settings of parsed() last until its end.
    with transaction.atomic():
        return _run(search, request, page_number, field_names, words, results)


def _run(search, request, page_number, field_names, words, results):
    postgres = connection.vendor == "postgresql"
    requested = max(1, page_number)
    if postgres:
        queries = parsed(words)
        rows, hits = search_postgres(search, queries, (requested - 1) * PER_PAGE)
    else:
        candidates = candidates_sqlite(search, words)
        counts = {}
        for document in candidates:
            key = (document.content_type_id, document.fields_of_action)
            counts[key] = counts.get(key, 0) + 1
        rows = [(*key, count) for key, count in counts.items()]
    results.total, results.types, results.fields = _facets(search, rows, field_names)
    if not results.total:
        if postgres:
            results.suggestion = suggestion(search, words)
        return results
    last_page = max(1, -(-results.total // PER_PAGE))
    page_number = min(requested, last_page)
    offset = (page_number - 1) * PER_PAGE
    if postgres and page_number != requested:
        # Asked for a page past the last one: show the last.
        _, hits = search_postgres(search, queries, offset)
    elif not postgres:
        named = named_content_type_ids()
        chosen = [
            document
            for document in candidates
            if (
                not search.result_type
                or result_type_of(document.content_type_id, named) is search.result_type
            )
            and (not search.field_key or f"|{search.field_key}|" in document.fields_of_action)
        ]
        if search.newest_first:
            chosen.sort(key=lambda d: (d.date is not None, d.date, d.rank), reverse=True)
        else:
            chosen.sort(key=lambda d: (d.rank, d.date is not None, d.date), reverse=True)
        hits = [hit_sqlite(d, words) for d in chosen[offset : offset + PER_PAGE]]
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
        shown, shown_params = shown_sql(restricted)
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
            for d in candidates_sqlite(search, words, titles_only=True)
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
    groups_url = reverse("participation:groups")
    named = named_content_type_ids()
    return [
        {
            "title": hit.title,
            "url": _address(hit, urls, groups_url),
            "type": str(result_type_of(hit.content_type_id, named).item_label),
        }
        for hit in hits
        if urls.get(hit.page_id)
    ]
