#!/usr/bin/env bash
# Back up LANDVORTEIL: the PostgreSQL database (pg_dump -Fc) and the media folder (tar), with a
# manifest that deploy/restore-drill.sh checks a restore against (docs/operations.md, "Backups
# and the restore drill").
#
#   deploy/backup.sh [DIR]      # DIR: $BACKUP_DIR, else ./backups
#
# Reads DATABASE_URL (postgres://…) and MEDIA_ROOT (default: ./media) as the site does; keeps the
# newest BACKUP_KEEP backups in DIR (0, the default: all). Writes DIR/landvorteil-<UTC time>/:
#   database.dump   pg_dump -Fc
#   media.tar       the media folder
#   media.sha256    "<sha256>  <path>" of every file in media.tar, sorted by path
#   manifest.txt    tab-separated: rows of every table (counted in the dump's own snapshot, so
#                   they match it under live traffic), sha256 of the dump, of media.tar and of
#                   media.sha256 (the media tree's checksum)
# A backup being written is DIR/.landvorteil-<time>.partial; only a complete one gets its name.
set -euo pipefail
export LC_ALL=C
umask 077  # the dump holds personal data

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database (postgres://…)}"
if [[ ! $DATABASE_URL =~ ^postgres(ql)?://[^/]*/([^?]+) ]]; then
    echo "backup: DATABASE_URL is not a PostgreSQL URL; SQLite is for development only." >&2
    exit 2
fi
database="${BASH_REMATCH[2]}"
media_root="${MEDIA_ROOT:-$here/media}"
if [[ ! -d $media_root ]]; then
    echo "backup: the media folder $media_root does not exist (set MEDIA_ROOT)." >&2
    exit 2
fi
target="${1:-${BACKUP_DIR:-./backups}}"
keep="${BACKUP_KEEP:-0}"

# Rows of every table, "schema.table<TAB>count" (the one statement both scripts run).
COUNT_ROWS="$(grep -v '^--' "$(dirname "${BASH_SOURCE[0]}")/backup-rows.sql")"

# "<sha256>  <path>" for each file tar hands over on stdin, named by TAR_FILENAME.
# shellcheck disable=SC2016  # expanded by the shell tar starts, once per file
HASH_MEMBER='printf "%s  %s\n" "$(sha256sum | cut -d" " -f1)" "$TAR_FILENAME"'

mkdir -p "$target"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
partial="$target/.landvorteil-$stamp.partial"
final="$target/landvorteil-$stamp"
mkdir "$partial"
snapshot_pid=""
cleanup() {
    if [[ -n $snapshot_pid ]]; then kill "$snapshot_pid" 2>/dev/null || true; fi
    rm -rf "$partial"
}
trap cleanup EXIT

# A read-only transaction that exports its snapshot: pg_dump reads the same snapshot, and the row
# counts are taken in it, while the site goes on writing.
coproc SNAPSHOT { psql "$DATABASE_URL" -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1; }
# shellcheck disable=SC2153  # SNAPSHOT_PID is set by coproc
snapshot_pid=$SNAPSHOT_PID
printf '%s\n' "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;" "SELECT pg_export_snapshot();" \
    >&"${SNAPSHOT[1]}"
IFS= read -r -t 60 snapshot <&"${SNAPSHOT[0]}"

pg_dump --dbname="$DATABASE_URL" --format=custom --snapshot="$snapshot" \
    --file="$partial/database.dump"

printf '%s\n' "$COUNT_ROWS" '\echo __END__' >&"${SNAPSHOT[1]}"
rows=()
line=""
while IFS= read -r line <&"${SNAPSHOT[0]}"; do
    [[ $line == __END__ ]] && break
    rows+=("$line")
done
[[ $line == __END__ ]] || { echo "backup: counting the rows failed." >&2; exit 1; }
printf '%s\n' "COMMIT;" '\q' >&"${SNAPSHOT[1]}"
wait "$snapshot_pid"
snapshot_pid=""

# Sorted names make the same tree give the same archive; the file list is read from the archive,
# so it describes exactly what was saved (a file that changes while tar reads it fails the run).
tar --sort=name --create --file="$partial/media.tar" --directory="$media_root" .
tar --extract --file="$partial/media.tar" --to-command="$HASH_MEMBER" \
    | sort -t ' ' -k3 >"$partial/media.sha256"

sha() { sha256sum "$1" | cut -d ' ' -f1; }
{
    printf 'format\tlandvorteil-backup 1\n'
    printf 'created\t%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'database\t%s\n' "$database"
    printf 'pg_dump\t%s\n' "$(pg_dump --version)"
    printf 'database_dump_sha256\t%s\n' "$(sha "$partial/database.dump")"
    printf 'media_tar_sha256\t%s\n' "$(sha "$partial/media.tar")"
    printf 'media_tree_sha256\t%s\n' "$(sha "$partial/media.sha256")"
    printf 'media_files\t%s\n' "$(wc -l <"$partial/media.sha256")"
    for row in "${rows[@]}"; do
        printf 'rows\t%s\n' "$row"
    done
} >"$partial/manifest.txt"

mv "$partial" "$final"
trap - EXIT

if [[ $keep -gt 0 ]]; then
    find "$target" -maxdepth 1 -type d -name 'landvorteil-*' | sort | head -n "-$keep" \
        | xargs -r rm -rf --
fi
printf 'backup: %s (%s tables, %s media files)\n' "$final" "${#rows[@]}" \
    "$(wc -l <"$final/media.sha256")"
