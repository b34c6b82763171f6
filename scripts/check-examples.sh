#!/usr/bin/env bash
# Runs the examples of the README and the guides as written, against `npm start` and its demo
# data, and fails with the file and line of the first block that exits non-zero.
#
#   scripts/check-examples.sh            start `npm start` on a fresh database, run, stop
#   scripts/check-examples.sh --list     print the blocks that would run, run nothing
#
# What runs: every fenced block whose info string is exactly `sh`, in the order of FILES and,
# inside a file, from top to bottom, all in one bash session (variables set by one block are
# there for the next), under `set -eo pipefail`. Blocks marked `text`, `json` or anything else
# are shown to readers but not run. curl is run with --fail-with-body, so an answer of 400 or
# more fails its block (the body is printed).
#
# It starts `npm start` itself, on the usual ports 3000–3003 (they must be free) and on the
# database EXAMPLES_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/spotcheck_examples),
# which it drops and creates first so that the demo data are fresh, and stops it at the end. The
# examples run in the repository with DATABASE_URL set to that database (as a reader who points
# npm start at a database sets it); files they write go under /tmp. REDIS_URL is passed on as
# npm start reads it. Needs bash, curl, jq, openssl and sha256sum.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILES=(README.md docs/guides/regulator.md docs/guides/lab.md docs/guides/enterprise.md docs/guides/public.md docs/guides/admin.md)
DB_URL=${EXAMPLES_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/spotcheck_examples}

cd "$ROOT"
for tool in curl jq openssl sha256sum; do
  command -v "$tool" >/dev/null || { echo "check-examples: $tool is needed (e.g. apt-get install -y $tool)" >&2; exit 2; }
done

# Writes the runnable blocks of the files as one bash script, each block preceded by a marker
# line naming where it starts.
extract() {
  awk '
    FNR == 1 { inblock = 0 }
    /^```/ {
      if (!inblock) {
        info = substr($0, 4); gsub(/[ \t]+$/, "", info)
        inblock = 1; run = (info == "sh")
        if (run) printf "__block %s:%d\n", FILENAME, FNR + 1
        next
      } else { inblock = 0; if (run) print "__done"; run = 0; next }
    }
    inblock && run { print }
  ' "${FILES[@]}"
}

if [[ ${1:-} == --list ]]; then
  extract
  exit 0
fi

LOG=$(mktemp -t spotcheck-start.XXXXXX.log)
SCRIPT=$(mktemp -t spotcheck-examples.XXXXXX.sh)
START_PID=

stop() {
  if [[ -n $START_PID ]] && kill -0 "$START_PID" 2>/dev/null; then
    kill -TERM "$START_PID" 2>/dev/null || true
    wait "$START_PID" 2>/dev/null || true
  fi
  rm -f "$SCRIPT"
}
trap stop EXIT

echo "check-examples: building (log: $LOG)"
npm run -s build >"$LOG" 2>&1

echo "check-examples: fresh database $DB_URL"
DB_URL=$DB_URL node -e '
  const { dropDatabase, ensureDatabase } = require("./dist/libs/database/src");
  dropDatabase(process.env.DB_URL)
    .then(() => ensureDatabase(process.env.DB_URL))
    .catch((e) => { console.error(`check-examples: ${e.message}`); process.exit(2); });
'

echo "check-examples: npm start"
# node (not npm) is the direct child, so TERM reaches start.js, which stops the apps; the
# build npm start would run first is done above.
DATABASE_URL=$DB_URL node dist/scripts/start.js >>"$LOG" 2>&1 &
START_PID=$!
for _ in $(seq 1 300); do
  grep -q 'Spotcheck is running' "$LOG" && break
  if ! kill -0 "$START_PID" 2>/dev/null; then
    tail -20 "$LOG" >&2
    echo "check-examples: npm start stopped before the apps were ready" >&2
    exit 2
  fi
  sleep 1
done
grep -q 'Spotcheck is running' "$LOG" || { echo "check-examples: npm start not ready after 300 s" >&2; exit 2; }

{
  cat <<'PRELUDE'
set -eo pipefail
__where=; __passed=0; __total=$1
__block() { __where=$1; echo; echo "=== $__where"; }
__done() { __passed=$((__passed + 1)); }
curl() { command curl --fail-with-body --show-error "$@"; }
trap 'rc=$?; if [ $rc -ne 0 ]; then echo; echo "check-examples: FAILED at $__where (exit $rc); $__passed of $__total blocks passed before it" >&2; else echo; echo "check-examples: all $__passed blocks passed"; fi' EXIT
PRELUDE
  extract
} >"$SCRIPT"
TOTAL=$(grep -c '^__block ' "$SCRIPT")
DATABASE_URL=$DB_URL bash "$SCRIPT" "$TOTAL"
