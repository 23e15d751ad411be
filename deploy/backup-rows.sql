-- Rows of every table of the database, "schema.table<TAB>count", in one statement: what
-- deploy/backup.sh writes into the manifest (in the dump's snapshot) and deploy/restore-drill.sh
-- compares with it after restoring.
SELECT format('%s.%s', table_schema, table_name),
    (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I',
        table_schema, table_name), false, true, '')))[1]::text::bigint
  FROM information_schema.tables
  WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
  ORDER BY 1;
