#!/usr/bin/env bash
# Restores a dump of scripts/backup.sh into a new database (docs/backup.md):
#
#   scripts/restore.sh FILE TARGET_URL
#
# TARGET_URL names a database that does not exist yet (it is created) or exists and holds no
# tables: this script never writes over data. The restore is one transaction, so it is all or
# nothing; statistics are gathered afterwards. Then check the audit chain:
#   DATABASE_URL=TARGET_URL npm run audit:verify
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 FILE TARGET_URL" >&2; exit 2; }
file=$1
url=$2
[ -r "$file" ] || { echo "restore: cannot read $file" >&2; exit 1; }
if [ -r "$file.sha256" ]; then
  (cd "$(dirname "$file")" && sha256sum --check --quiet "$(basename "$file").sha256")
fi

# postgres://user@host:port/name?options -> the database name, and the same URL on `postgres`.
query=""
[[ $url == *\?* ]] && query="?${url#*\?}"
base=${url%%\?*}
db=${base##*/}
admin="${base%/*}/postgres$query"
[[ $db =~ ^[A-Za-z0-9_]+$ ]] || { echo "restore: use a plain database name ([A-Za-z0-9_]), not '$db'" >&2; exit 2; }

if [ "$(psql "$admin" -XtAc "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 0 ]; then
  psql "$admin" -Xq -c "CREATE DATABASE \"$db\""
elif [ "$(psql "$url" -XtAc "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" != 0 ]; then
  echo "restore: database $db already has tables; restore into a new database" >&2
  exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$url" "$file"
psql "$url" -Xq -c ANALYZE
echo "restored $file into $db"
