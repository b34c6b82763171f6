#!/usr/bin/env bash
# A logical backup of the database at DATABASE_URL (docs/backup.md):
#
#   scripts/backup.sh [DIR]      # DIR defaults to $BACKUP_DIR, else ./backups
#
# Writes DIR/spotcheck-<UTC time>.dump (pg_dump custom format, compressed) and its .sha256,
# checks that pg_restore can read the whole archive and that it holds the audit log, prints
# the file's path, and with BACKUP_KEEP_DAYS=N deletes this script's dumps older than N days.
# The file appears under its final name only once it is complete and checked.
set -euo pipefail
url=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/spotcheck}
dir=${1:-${BACKUP_DIR:-backups}}
mkdir -p "$dir"
name="spotcheck-$(date -u +%Y%m%dT%H%M%SZ).dump"
[ -e "$dir/$name" ] && { echo "backup: $dir/$name exists already" >&2; exit 1; }
partial="$dir/.$name.partial"
trap 'rm -f "$partial"' EXIT

pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial" --dbname="$url"
# The table of contents is at the start of the file and the data after it: listing proves the
# header is sound, reading the archive to the end (as a script, to nowhere) proves the rest.
toc=$(pg_restore --list "$partial")
grep -qE 'TABLE DATA [a-z_]+ audit_log ' <<<"$toc" || {
  echo "backup: $partial has no audit_log data; is DATABASE_URL a Spotcheck database?" >&2
  exit 1
}
pg_restore --file=/dev/null "$partial"
mv "$partial" "$dir/$name"
(cd "$dir" && sha256sum "$name" >"$name.sha256")

if [ -n "${BACKUP_KEEP_DAYS:-}" ]; then
  find "$dir" -maxdepth 1 -name 'spotcheck-*.dump*' -mtime +"$BACKUP_KEEP_DAYS" -delete
fi
echo "$dir/$name"
