#!/usr/bin/env bash
# Restore drill: proves that a backup of deploy/backup.sh restores (docs/operations.md, "Backups
# and the restore drill"). Restores the dump into a new scratch database (pg_restore --no-owner),
# unpacks the media into a temporary folder, compares the rows of every table and the checksum of
# every media file with the backup's manifest, prints a table and exits 1 on any difference.
# The scratch database and folder are removed afterwards, whatever happened.
#
#   deploy/restore-drill.sh [BACKUP]   # BACKUP: a landvorteil-<time> folder; default: the newest
#                                      # in $BACKUP_DIR, else ./backups
#
# The scratch database is created on the server of DRILL_DATABASE_URL, else of DATABASE_URL (the
# database named there is only used to connect); its role needs CREATEDB.
set -euo pipefail
export LC_ALL=C

backup="${1:-}"
if [[ -z $backup ]]; then
    backup="$(find "${BACKUP_DIR:-./backups}" -maxdepth 1 -type d -name 'landvorteil-*' 2>/dev/null \
        | sort | tail -n 1)"
fi
if [[ -z $backup || ! -f $backup/manifest.txt ]]; then
    echo "restore-drill: no backup with a manifest.txt at '${backup}'." >&2
    exit 2
fi
server_url="${DRILL_DATABASE_URL:-${DATABASE_URL:-}}"
if [[ ! $server_url =~ ^(postgres(ql)?://[^/]*)/([^?]*)(\?.*)?$ ]]; then
    echo "restore-drill: DRILL_DATABASE_URL or DATABASE_URL must be a postgres:// URL." >&2
    exit 2
fi
scratch="landvorteil_drill_$(date -u +%Y%m%d%H%M%S)_$$"
scratch_url="${BASH_REMATCH[1]}/$scratch${BASH_REMATCH[4]}"

# Rows of every table, "schema.table<TAB>count" (the one statement both scripts run).
COUNT_ROWS="$(grep -v '^--' "$(dirname "${BASH_SOURCE[0]}")/backup-rows.sql")"

work="$(mktemp -d)"
created=""
cleanup() {
    if [[ -n $created ]]; then
        dropdb --if-exists --force --maintenance-db="$server_url" "$scratch" \
            || echo "restore-drill: could not drop the scratch database $scratch" >&2
    fi
    rm -rf "$work"
}
trap cleanup EXIT

manifest() { awk -F '\t' -v key="$1" '$1 == key { print $2 }' "$backup/manifest.txt"; }
sha() { sha256sum "$1" | cut -d ' ' -f1; }
short() { printf '%.12s' "$1"; }
differences=0
row() {  # what, in the backup, restored
    local verdict="ok"
    if [[ $2 != "$3" ]]; then
        verdict="DIFFERENT"
        differences=$((differences + 1))
    fi
    printf '%-56s %14s %14s  %s\n' "$1" "$2" "$3" "$verdict"
}

printf 'Restore drill of %s into the scratch database %s\n\n' "$backup" "$scratch"
printf '%-56s %14s %14s\n' "" "backup" "restored"
row "database.dump sha256" "$(short "$(manifest database_dump_sha256)")" \
    "$(short "$(sha "$backup/database.dump")")"
row "media.tar sha256" "$(short "$(manifest media_tar_sha256)")" \
    "$(short "$(sha "$backup/media.tar")")"

createdb --maintenance-db="$server_url" "$scratch"
created=1
if pg_restore --no-owner --no-privileges --exit-on-error --dbname="$scratch_url" \
    "$backup/database.dump" 2>"$work/pg_restore.log"; then
    awk -F '\t' '$1 == "rows" { print $2 "\t" $3 }' "$backup/manifest.txt" \
        | sort -t $'\t' -k1,1 >"$work/backup.rows"
    psql "$scratch_url" -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -c "$COUNT_ROWS" \
        | sort -t $'\t' -k1,1 >"$work/restored.rows"
    # Every table of either side, "missing" where the other side has none.
    join -t $'\t' -a 1 -a 2 -e missing -o 0,1.2,2.2 "$work/backup.rows" "$work/restored.rows" \
        >"$work/rows"
    while IFS=$'\t' read -r table in_backup restored; do
        row "rows of $table" "$in_backup" "$restored"
    done <"$work/rows"
    tables="$(wc -l <"$work/rows")"
else
    sed 's/^/  /' "$work/pg_restore.log" >&2
    row "pg_restore" "ok" "failed"
    tables=0
fi

mkdir "$work/media"
tar --extract --file="$backup/media.tar" --directory="$work/media"
(
    cd "$work/media"
    find . -type f -print0 | while IFS= read -r -d '' file; do
        printf '%s  %s\n' "$(sha256sum <"$file" | cut -d ' ' -f1)" "$file"
    done
) | sort -t ' ' -k3 >"$work/media.sha256"
files="$(wc -l <"$work/media.sha256")"
row "media files" "$(manifest media_files)" "$files"
row "media tree sha256" "$(short "$(manifest media_tree_sha256)")" \
    "$(short "$(sha "$work/media.sha256")")"
if [[ -f $backup/media.sha256 ]] && ! cmp -s "$backup/media.sha256" "$work/media.sha256"; then
    echo
    echo "Media files that differ (- in the backup's list, + restored):"
    diff "$backup/media.sha256" "$work/media.sha256" | grep '^[<>]' | sed 's/^</-/; s/^>/+/' \
        | head -n 20 || true
fi

echo
if [[ $differences -gt 0 ]]; then
    printf 'Restore drill FAILED: %s difference(s).\n' "$differences"
    exit 1
fi
printf 'Restore drill passed: %s tables and %s media files as in the manifest.\n' "$tables" "$files"
