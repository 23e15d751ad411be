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
    # Title and text, German or English by the row's language; without positions (strip):
    # ranking uses the title alone (title_terms), excerpts the text, so the vector only has to
    # say which words occur. The text lives in search_searchtext (written first), out of the
    # rows that every search reads; a trigger computes the vector whenever a row is written and
    # removes the text with the row (also when a page's deletion takes its rows along).
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector",
    """CREATE FUNCTION search_document_vector() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        config regconfig := CASE WHEN NEW.language = 'en' THEN 'lv_english'::regconfig
                                 ELSE 'lv_german'::regconfig END;
        text_body text;
    BEGIN
        SELECT t.body INTO text_body FROM search_searchtext t
        WHERE t.content_type_id = NEW.content_type_id AND t.object_id = NEW.object_id;
        NEW.search_vector := strip(
            to_tsvector(config, NEW.title)
            || to_tsvector(config, coalesce(text_body, '') || ' ' || NEW.body));
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE ON search_searchdocument
        FOR EACH ROW EXECUTE FUNCTION search_document_vector()""",
    """CREATE FUNCTION search_document_text_gone() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM search_searchtext t
        WHERE t.content_type_id = OLD.content_type_id AND t.object_id = OLD.object_id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER search_document_text_gone AFTER DELETE ON search_searchdocument
        FOR EACH ROW EXECUTE FUNCTION search_document_text_gone()""",
    # The title alone, stemmed, for ranking: small enough to stay in the row, so ranking
    # thousands of matches reads neither the text nor the full vector.
    """ALTER TABLE search_searchdocument ADD COLUMN title_terms tsvector GENERATED ALWAYS AS (
        CASE WHEN language = 'en' THEN to_tsvector('lv_english'::regconfig, title)
        ELSE to_tsvector('lv_german'::regconfig, title) END) STORED""",
    "ALTER TABLE search_searchdocument ALTER COLUMN title_terms SET STORAGE PLAIN",
    # A long page's vector makes its row exceed 2 kB: then the vector moves out of the row
    # (TOAST) while the short columns that counting, filtering and ranking read stay in it.
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 256)",
    *(
        f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET STORAGE MAIN"
        for column in ("title", "context", "url_suffix", "fields_of_action", "language", "folded")
    ),
    # One index per query language: a German search does not wade through English rows.
    """CREATE INDEX search_document_vector_de ON search_searchdocument USING gin (search_vector)
        WHERE language <> 'en'""",
    """CREATE INDEX search_document_vector_en ON search_searchdocument USING gin (search_vector)
        WHERE language = 'en'""",
    # Titles unstemmed, for suggestions while typing (prefixes of the words as typed).
    """CREATE INDEX search_document_title ON search_searchdocument
        USING gin (to_tsvector('lv_simple'::regconfig, title))""",
    "CREATE INDEX search_term_trigram ON search_searchterm USING gist (word gist_trgm_ops)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trigram",
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS search_document_title",
    "DROP TRIGGER IF EXISTS search_document_text_gone ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_text_gone()",
    "DROP TRIGGER IF EXISTS search_document_vector ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_vector()",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_terms",
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
