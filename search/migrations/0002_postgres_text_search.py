"""PostgreSQL's part of the search index: text-search configurations that fold accents and
umlauts before stemming (German and English), the generated search vectors and their indexes,
and the trigram index for "did you mean". SQLite has none of it and searches substrings."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # German stop words must be dropped before unaccent turns "für" into "fur".
    """CREATE TEXT SEARCH DICTIONARY lv_german_stop
        (TEMPLATE = pg_catalog.simple, STOPWORDS = german, ACCEPT = false)""",
    "CREATE TEXT SEARCH CONFIGURATION lv_german (COPY = pg_catalog.german)",
    """ALTER TEXT SEARCH CONFIGURATION lv_german
        ALTER MAPPING FOR hword, hword_part, word WITH lv_german_stop, unaccent, german_stem""",
    "CREATE TEXT SEARCH CONFIGURATION lv_english (COPY = pg_catalog.english)",
    """ALTER TEXT SEARCH CONFIGURATION lv_english
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem""",
    "CREATE TEXT SEARCH CONFIGURATION lv_simple (COPY = pg_catalog.simple)",
    """ALTER TEXT SEARCH CONFIGURATION lv_simple
        ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple""",
    # The title weighs most (A), the text least (C). The CASE keeps the expression immutable,
    # as a generated column needs.
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        CASE WHEN language = 'en' THEN
            setweight(to_tsvector('lv_english'::regconfig, title), 'A')
            || setweight(to_tsvector('lv_english'::regconfig, body), 'C')
        ELSE
            setweight(to_tsvector('lv_german'::regconfig, title), 'A')
            || setweight(to_tsvector('lv_german'::regconfig, body), 'C')
        END) STORED""",
    """ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (
        to_tsvector('lv_simple'::regconfig, title)) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_document_title ON search_searchdocument USING gin (title_vector)",
    "CREATE INDEX search_term_trigram ON search_searchterm USING gist (word gist_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trigram",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS lv_simple",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS lv_english",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS lv_german",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS lv_german_stop",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
