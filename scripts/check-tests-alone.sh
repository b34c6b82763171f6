#!/usr/bin/env bash
# Runs every test of the end-to-end spec files alone (`jest <file> -t '^<full name>$'`), so a
# test that needs an earlier test's side effects shows up. A developer tool, not part of
# `npm test`: it boots each file's apps once per test and takes long.
#
#   scripts/check-tests-alone.sh                      # every test/*.e2e-spec.ts
#   scripts/check-tests-alone.sh test/plans.e2e-spec.ts test/draws.e2e-spec.ts
#   scripts/check-tests-alone.sh --list test/plans.e2e-spec.ts   # the -t patterns only
#
# Prints one line per test (ok / FAIL) and the failures' names at the end; exits 1 if any
# failed. Each failure's Jest output is kept in $ALONE_LOG_DIR (default: a temporary folder).
set -u
cd "$(dirname "$0")/.."
list=0
[ "${1:-}" = --list ] && list=1 && shift
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(test/*.e2e-spec.ts)
logs=${ALONE_LOG_DIR:-$(mktemp -d -t spotcheck-alone.XXXXXX)}
mkdir -p "$logs"

# The full names Jest matches with -t ("describe … it", joined by spaces), read from the
# file's syntax tree; one per line, as a regular expression anchored at both ends.
names() {
  node - "$1" <<'JS'
const ts = require('typescript');
const fs = require('node:fs');
const file = process.argv[2];
const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function visit(node, path) {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
    const fn = node.expression.text;
    const [title] = node.arguments;
    if (['describe', 'it', 'test'].includes(fn) && title) {
      if (!ts.isStringLiteralLike(title)) {
        console.error(`${file}: a ${fn} title that is not a plain string is skipped`);
        return;
      }
      const here = [...path, title.text];
      if (fn !== 'describe') console.log(`^${escape(here.join(' '))}$`);
      else ts.forEachChild(node, (n) => visit(n, here));
      return;
    }
  }
  ts.forEachChild(node, (n) => visit(n, path));
}
visit(src, []);
JS
}

if [ $list -eq 1 ]; then
  for file in "${files[@]}"; do names "$file"; done
  exit 0
fi

failed=()
total=0
for file in "${files[@]}"; do
  while IFS= read -r pattern; do
    total=$((total + 1))
    log="$logs/$(basename "$file" .e2e-spec.ts)-$total.log"
    # Exactly this one test ran, and passed.
    if npx jest "$file" -t "$pattern" >"$log" 2>&1 &&
      grep -E '^Tests:' "$log" | grep -v failed | grep -qE '[^0-9]1 passed'; then
      echo "ok    $file  $pattern"
      rm -f "$log"
    else
      echo "FAIL  $file  $pattern  ($log)"
      failed+=("$file  $pattern")
    fi
  done < <(names "$file")
done

echo
echo "$((total - ${#failed[@]})) of $total tests pass alone."
if [ ${#failed[@]} -gt 0 ]; then
  printf 'fails alone: %s\n' "${failed[@]}"
  exit 1
fi
