"""What the search index holds, and keeping it in step with the content.

Only what anybody may read gets a row: live pages, and the contributions that
:meth:`participation.models.ContributionQuerySet.readable` shows everybody (``is_readable`` for
one row; a comment only while what it discusses is readable too). The hosting page's publication and
view restrictions are checked by every query instead (``search.engine``), so that unpublishing or
restricting a process needs no work on its thousands of proposals.

The rows are written in the transaction that changes the content, so the index never tells of
a change that was rolled back, nor misses one that was committed.
"""

import datetime
import re
import unicodedata

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Manager
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import strip_tags

from wagtail.models import Page, Site
from wagtail.search import index

from participation.models import ActionGroup, Comment, Proposal, Undertaking

from .models import SearchDocument, SearchTerm, SearchText

MAX_BODY = 40_000
WORD = re.compile(r"[^\W\d_]{4,40}")
# Characters the excerpts use to mark matches; never part of indexed text.
MARKS = str.maketrans("", "", "\x02\x03\x04\x05")


def fold(text):
    """Lowercase, without accents or umlauts, ß as ss: how SQLite compares."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(char for char in text if not unicodedata.combining(char))


def clean(text, limit):
    return " ".join(force_str(text or "").translate(MARKS).split())[:limit]


# --- What a row says ----------------------------------------------------------------------------


def _prepare(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return " ".join(_prepare(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_prepare(item) for item in value.values())
    return force_str(value)


def _field_texts(obj, fields):
    """The text of the search fields the model declares (Wagtail's ``search_fields``), title
    excepted: stream fields, rich text and related objects included."""
    for field in fields:
        if isinstance(field, index.SearchField) and field.field_name != "title":
            yield _prepare(field.get_value(obj))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from _field_texts(item, field.fields)


def _fields_of_action(obj):
    many = getattr(obj, "fields_of_action", None)
    if many is not None:
        keys = [str(field.translation_key) for field in many.all()]
    else:
        one = getattr(obj, "field_of_action", None)
        keys = [str(one.translation_key)] if one is not None else []
    return f"|{'|'.join(keys)}|" if keys else ""


def _date(value):
    """A moment for ordering by date; a day (a story's date) counts from its start."""
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def page_document(page):
    """The row of a live page; None for a page nobody may find."""
    page = page.specific_deferred if type(page) is Page else page
    if not page.live or page.is_root() or page.depth < 2:
        return None
    texts = [page.search_description, getattr(page, "listing_summary", "")]
    texts += list(_field_texts(page, page.get_search_fields()))
    date = getattr(page, "search_date", None)
    return SearchDocument(
        content_type_id=page.content_type_id,
        object_id=page.pk,
        page_id=page.pk,
        page_translation_key=page.translation_key,
        follows_translations=False,
        url_suffix="",
        language=page.locale.language_code,
        title=clean(page.title, 255),
        body=clean(" ".join(texts), MAX_BODY),
        fields_of_action=_fields_of_action(page),
        date=_date(date() if callable(date) else page.last_published_at),
    )


def proposal_document(proposal):
    """The row of a proposal everybody may read; None otherwise."""
    if not proposal.is_readable:
        return None
    process = proposal.process
    texts = [proposal.summary, proposal.text, proposal.get_municipality_display()]
    if proposal.answer:
        texts.append(strip_tags(proposal.answer))
    return SearchDocument(
        content_type_id=ContentType.objects.get_for_model(Proposal).pk,
        object_id=proposal.pk,
        page_id=process.pk,
        page_translation_key=process.translation_key,
        follows_translations=True,
        url_suffix=proposal.get_url(below_process=True),
        language=process.locale.language_code,
        title=clean(proposal.title, 255),
        body=clean(" ".join(texts), MAX_BODY),
        fields_of_action=_fields_of_action(proposal),
        date=_date(proposal.created_at),
    )


def comment_document(comment, target=None):
    """The row of a comment everybody may read, on something everybody may read."""
    if not comment.is_readable:
        return None
    target = target if target is not None else comment.target
    if target is None:
        return None
    anchor = f"#comment-{comment.pk}"
    if isinstance(target, Proposal):
        if not target.is_readable:
            return None
        page, follows = target.process, True
        suffix = target.get_url(below_process=True) + anchor
        fields = _fields_of_action(target)
    elif isinstance(target, Page):
        page, follows, suffix, fields = target, False, anchor, ""
    else:
        return None
    return SearchDocument(
        content_type_id=ContentType.objects.get_for_model(Comment).pk,
        object_id=comment.pk,
        page_id=page.pk,
        page_translation_key=page.translation_key,
        follows_translations=follows,
        url_suffix=suffix,
        language=page.locale.language_code,
        title="",
        context=clean(target.title, 255),
        body=clean(comment.text, MAX_BODY),
        fields_of_action=fields,
        date=_date(comment.created_at),
    )


def group_page():
    """The page the rows of action groups hang on: the default site's root (the home page).
    Groups have no page of their own and are the same in every language; following the home
    page's translations, they are found in each language the site is published in."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site is not None else None


def group_document(group, page):
    """The row of a group everybody may read (found by its name, purpose and municipality);
    None otherwise. Its address is below the groups' overview (``url_suffix``), which search
    builds in the reader's language."""
    if not group.is_readable or page is None:
        return None
    texts = [group.purpose, group.municipality]
    return SearchDocument(
        content_type_id=_key(ActionGroup),
        object_id=group.pk,
        page_id=page.pk,
        page_translation_key=page.translation_key,
        follows_translations=True,
        url_suffix=f"{group.pk}/",
        language=settings.LANGUAGE_CODE,
        title=clean(group.name, 255),
        body=clean(" ".join(texts), MAX_BODY),
        fields_of_action=_fields_of_action(group),
        date=_date(group.created_at),
    )


def undertaking_document(undertaking, group, page, fields_of_action=""):
    """The row of an undertaking of a group everybody may read: found with its title and
    description, shown as its group (``context``) with a note of the undertaking."""
    if not group.is_readable or page is None:
        return None
    return SearchDocument(
        content_type_id=_key(Undertaking),
        object_id=undertaking.pk,
        page_id=page.pk,
        page_translation_key=page.translation_key,
        follows_translations=True,
        url_suffix=f"{group.pk}/#undertaking-{undertaking.pk}",
        language=settings.LANGUAGE_CODE,
        title=clean(undertaking.title, 255),
        context=clean(group.name, 255),
        body=clean(undertaking.description, MAX_BODY),
        fields_of_action=fields_of_action,
        date=_date(undertaking.created_at),
    )


# --- Writing rows -------------------------------------------------------------------------------


def _is_postgres():
    return connection.vendor == "postgresql"


def _complete(documents):
    """On SQLite the folded text to match; PostgreSQL keeps the text in SearchText (returned,
    to be written first) and leaves the document's own ``body`` empty."""
    if not _is_postgres():
        for document in documents:
            document.folded = fold(f"{document.title} {document.body}")
        return documents, []
    texts = []
    for document in documents:
        texts.append(
            SearchText(
                content_type_id=document.content_type_id,
                object_id=document.object_id,
                body=document.body,
            )
        )
        document.body = ""
    return documents, texts


def _remember_words(documents):
    """Add the documents' words to the vocabulary of "did you mean" (PostgreSQL only)."""
    if not _is_postgres():
        return
    terms = {
        (document.language, word)
        for document in documents
        for word in WORD.findall(f"{document.title} {document.body}".lower())
    }
    # In a fixed order, so that two transactions adding the same words cannot deadlock.
    SearchTerm.objects.bulk_create(
        [SearchTerm(language=language, word=word) for language, word in sorted(terms)],
        ignore_conflicts=True,
        batch_size=1000,
    )


def _key(model_or_obj):
    return ContentType.objects.get_for_model(model_or_obj).pk


def _store(content_type_id, object_id, document):
    """Write ``document`` as the row of that object, or remove the row if it is None."""
    existing = SearchDocument.objects.filter(content_type_id=content_type_id, object_id=object_id)
    if document is None:
        existing.delete()
        return
    _remember_words([document])
    _upsert([document])


UPDATED_FIELDS = [
    field.name
    for field in SearchDocument._meta.concrete_fields
    if field.name not in ("id", "content_type", "object_id")
]


def _upsert(documents):
    """Insert the rows, or update those that exist: one statement (two on PostgreSQL, the text
    first), safe beside a concurrent rebuild or a second save of the same object (it waits,
    then updates)."""
    documents, texts = _complete(documents)
    SearchText.objects.bulk_create(
        texts,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=["body"],
    )
    SearchDocument.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["content_type", "object_id"],
        update_fields=UPDATED_FIELDS,
    )


@transaction.atomic
def index_page(page):
    """The page's row; the rows of the comments on it show its title."""
    page = page.specific
    _store(page.content_type_id, page.pk, page_document(page))
    SearchDocument.objects.filter(
        content_type_id=_key(Comment), page_id=page.pk, follows_translations=False
    ).update(context=clean(page.title, 255))


@transaction.atomic
def remove_page(page):
    SearchDocument.objects.filter(content_type_id=page.content_type_id, object_id=page.pk).delete()


def _comments_on_proposals(proposal_ids):
    return Comment.objects.filter(target_type_id=_key(Proposal), target_id__in=proposal_ids)


@transaction.atomic
def index_proposal(proposal):
    """The proposal's row, and those of its comments: they are found only with it, and show
    its title."""
    proposal = Proposal.objects.select_related("process__locale", "field_of_action").get(
        pk=proposal.pk
    )
    was_found = SearchDocument.objects.filter(
        content_type_id=_key(Proposal), object_id=proposal.pk
    ).exists()
    document = proposal_document(proposal)
    _store(_key(Proposal), proposal.pk, document)
    comments = _comments_on_proposals([proposal.pk])
    comment_rows = SearchDocument.objects.filter(
        content_type_id=_key(Comment), object_id__in=comments.values("pk")
    )
    if document is None:
        comment_rows.delete()
    elif was_found:
        # Readable before and now: the comments' rows only carry the proposal's title and
        # fields of action (one statement, however long the thread).
        comment_rows.update(
            context=clean(proposal.title, 255),
            fields_of_action=document.fields_of_action,
            page_id=document.page_id,
            page_translation_key=document.page_translation_key,
            language=document.language,
        )
        if comment_rows.exclude(url_suffix__startswith=document.url_suffix).exists():
            # The proposal moved to another process: its comments' addresses move with it.
            for comment in comments:
                _store(_key(Comment), comment.pk, comment_document(comment, proposal))
    else:
        for comment in comments:
            _store(_key(Comment), comment.pk, comment_document(comment, proposal))


@transaction.atomic
def remove_proposal(proposal):
    SearchDocument.objects.filter(content_type_id=_key(Proposal), object_id=proposal.pk).delete()
    SearchDocument.objects.filter(
        content_type_id=_key(Comment),
        object_id__in=_comments_on_proposals([proposal.pk]).values("pk"),
    ).delete()


@transaction.atomic
def index_comment(comment):
    _store(_key(Comment), comment.pk, comment_document(comment))


@transaction.atomic
def remove_comment(comment):
    SearchDocument.objects.filter(content_type_id=_key(Comment), object_id=comment.pk).delete()


@transaction.atomic
def index_group(group):
    """The group's row and those of its undertakings (they show its name and are found only
    while it is)."""
    group = ActionGroup.objects.prefetch_related("fields_of_action").get(pk=group.pk)
    page = group_page()
    document = group_document(group, page)
    _store(_key(ActionGroup), group.pk, document)
    undertakings = Undertaking.objects.filter(group=group)
    if document is None:
        SearchDocument.objects.filter(
            content_type_id=_key(Undertaking), object_id__in=undertakings.values("pk")
        ).delete()
        return
    documents = [
        undertaking_document(undertaking, group, page, document.fields_of_action)
        for undertaking in undertakings
    ]
    if documents:
        _remember_words(documents)
        _upsert(documents)


@transaction.atomic
def remove_group(group):
    SearchDocument.objects.filter(content_type_id=_key(ActionGroup), object_id=group.pk).delete()
    SearchDocument.objects.filter(
        content_type_id=_key(Undertaking),
        object_id__in=Undertaking.objects.filter(group_id=group.pk).values("pk"),
    ).delete()


@transaction.atomic
def index_undertaking(undertaking):
    group = (
        ActionGroup.objects.prefetch_related("fields_of_action")
        .filter(pk=undertaking.group_id)
        .first()
    )
    if group is None:
        remove_undertaking(undertaking)
        return
    document = undertaking_document(undertaking, group, group_page(), _fields_of_action(group))
    _store(_key(Undertaking), undertaking.pk, document)


@transaction.atomic
def remove_undertaking(undertaking):
    SearchDocument.objects.filter(
        content_type_id=_key(Undertaking), object_id=undertaking.pk
    ).delete()


# --- Rebuilding ---------------------------------------------------------------------------------


def _pages():
    pages = Page.objects.live().filter(depth__gt=1).select_related("locale").specific()
    for page in pages.iterator(chunk_size=200):
        document = page_document(page)
        if document is not None:
            yield document


def _proposals():
    proposals = (
        Proposal.objects.readable()
        .select_related("process__locale", "field_of_action")
        .order_by("pk")
    )
    for proposal in proposals.iterator(chunk_size=1000):
        yield proposal_document(proposal)


def _comments():
    """The readable comments on readable things, a chunk at a time: the proposals and pages
    they discuss are read per chunk, not all at once."""
    page_type_ids = {
        content_type.pk
        for content_type in ContentType.objects.all()
        if (model := content_type.model_class()) is not None and issubclass(model, Page)
    }
    comments = Comment.objects.readable().order_by("pk")
    chunk = []
    for comment in comments.iterator(chunk_size=1000):
        chunk.append(comment)
        if len(chunk) == 1000:
            yield from _comment_documents(chunk, page_type_ids)
            chunk = []
    yield from _comment_documents(chunk, page_type_ids)


def _comment_documents(comments, page_type_ids):
    proposal_type = _key(Proposal)
    targets = {}
    proposal_ids = [c.target_id for c in comments if c.target_type_id == proposal_type]
    for proposal in (
        Proposal.objects.readable()
        .filter(pk__in=proposal_ids)
        .select_related("process__locale", "field_of_action")
    ):
        targets[proposal_type, proposal.pk] = proposal
    page_ids = [c.target_id for c in comments if c.target_type_id in page_type_ids]
    for page in Page.objects.filter(pk__in=page_ids).select_related("locale"):
        # Comments name a page by its specific type (participation.models.target_type_of).
        targets[page.content_type_id, page.pk] = page
    for comment in comments:
        target = targets.get((comment.target_type_id, comment.target_id))
        if target is not None:
            yield comment_document(comment, target)


def _groups():
    """The readable groups and their undertakings."""
    page = group_page()
    if page is None:
        return
    groups = (
        ActionGroup.objects.readable()
        .prefetch_related("fields_of_action", "undertakings")
        .order_by("pk")
    )
    for group in groups.iterator(chunk_size=500):
        document = group_document(group, page)
        yield document
        for undertaking in group.undertakings.all():
            yield undertaking_document(undertaking, group, page, document.fields_of_action)


def _batches(documents, size=1000):
    batch = []
    for document in documents:
        if document is None:
            continue
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@transaction.atomic
def rebuild():
    """Index everything anew; returns the number of rows."""
    SearchDocument.objects.all().delete()
    SearchText.objects.all().delete()
    SearchTerm.objects.all().delete()
    total = 0
    for source in (_pages(), _proposals(), _comments(), _groups()):
        for batch in _batches(source):
            _upsert(batch)
            total += len(batch)
    if _is_postgres():
        with connection.cursor() as cursor:
            # The vocabulary straight from the rows: much faster than word by word in Python.
            cursor.execute(
                """
                INSERT INTO search_searchterm (language, word)
                SELECT DISTINCT d.language, word
                FROM search_searchdocument d
                JOIN search_searchtext t
                  ON t.content_type_id = d.content_type_id AND t.object_id = d.object_id,
                     regexp_split_to_table(lower(d.title || ' ' || t.body), '[^[:alpha:]]+')
                     AS word
                WHERE length(word) BETWEEN 4 AND 40
                ON CONFLICT DO NOTHING
                """
            )
    return total
