#!/usr/bin/env bash
# The house rules that a machine can check (docs/layers.md). Run from
# anywhere inside the repository: `npm run check:house-rules`. Prints one line per rule that
# does not hold, naming the first offending files; exits 1 if any does not hold.
set -u
cd "$(dirname "$0")/.."
fail=0
say() {
  echo "house rule: $*"
  fail=1
}
# Tracked source files (and files about to be committed) under the given paths.
src() { git ls-files --cached --others --exclude-standard -- "$@" | grep -E '\.(ts|tsx|js|mjs|cjs)$'; }
tests() { grep -E '\.(spec|e2e-spec|medium-spec|faults-spec|test)\.ts$'; }
first() { head -3 | tr '\n' ' '; }

# The two commands a newcomer needs, and CI runs the same test command.
if [ -f README.md ]; then
  grep -q 'npm ci && npm start' README.md || say "README does not show the start command 'npm ci && npm start'"
  grep -qE '(^|[^a-z:])npm test' README.md || say "README does not show the test command 'npm test'"
else
  say "README.md is missing"
fi
if [ -f .ci/run ]; then
  grep -qE '^[^#]*npm (run )?test\b' .ci/run || say ".ci/run does not call the README's test command (npm test)"
else
  say ".ci/run is missing"
fi

# Apps never import each other: shared code lives in libs/.
for app in apps/*/; do
  [ -d "$app" ] || continue
  name=$(basename "$app")
  hits=$(src apps | grep -v "^apps/$name/" |
    xargs -r grep -lE "from ['\"](\.\./)+(apps/)?$name/|from ['\"]@?apps/$name|require\(['\"](\.\./)+(apps/)?$name/" 2>/dev/null | first)
  [ -n "$hits" ] && say "another app imports apps/$name: $hits"
done

# Libraries import one another by package name, never by a path into another library.
for lib in libs/*/; do
  [ -d "$lib" ] || continue
  name=$(basename "$lib")
  hits=$(src libs | grep -v "^libs/$name/" | grep -vE '^libs/[^/]+/src/.*\.(spec|medium-spec)\.ts$' |
    xargs -r grep -lE "from ['\"](\.\./)+(libs/)?$name/src" 2>/dev/null | first)
  [ -n "$hits" ] && say "a library imports libs/$name by path instead of @spotcheck/$name: $hits"
done

# libs/domain is plain functions and types: no framework, no I/O, no other library.
if [ -d libs/domain ]; then
  hits=$(src libs/domain | grep -vE '\.spec\.ts$' |
    xargs -r grep -lE "from ['\"](@nestjs/|typeorm|pg|pg-copy-streams|ioredis|bullmq|express|fastify|@fastify/|@spotcheck/|node:(fs|net|http|https|child_process))" 2>/dev/null | first)
  [ -n "$hits" ] && say "libs/domain imports a framework, an I/O module or another library: $hits"
fi

# Schema changes by migration only.
hits=$(src apps libs scripts | xargs -r grep -lE "synchronize: *true" 2>/dev/null | first)
[ -n "$hits" ] && say "synchronize: true found: $hits"

# Every test runs: none skipped, none focused.
hits=$(git ls-files --cached --others --exclude-standard | tests |
  xargs -r grep -lE "\b(it|describe|test)\.(skip|only)\(|\bx(it|describe|test)\(|\bf(it|describe)\(" 2>/dev/null | first)
[ -n "$hits" ] && say "skipped or focused tests: $hits"

# Every SQL statement lives in a repository or a read model's queries file; migrations and
# tests (test/, benchmarks included, and specs beside the code) aside.
hits=$(src apps libs scripts | grep -vE '\.repository\.ts$|\.queries\.ts$|^libs/database/src/migrations/' |
  grep -vE '\.(spec|e2e-spec|medium-spec|faults-spec)\.ts$' |
  xargs -r grep -cE '\.query\(' 2>/dev/null | grep -v ':0$' | sort -t: -k2 -nr)
if [ -n "$hits" ]; then
  say "SQL outside repositories: $(echo "$hits" | awk -F: '{s+=$2} END {print s}') .query( calls in $(echo "$hits" | wc -l) files, most in: $(echo "$hits" | first)"
fi

# History lives in commits: no issue numbers in code or docs.
hits=$(git ls-files --cached --others --exclude-standard |
  grep -vE '^package-lock\.json$|^scripts/check-house-rules\.sh$' |
  xargs -r grep -lIiE '\bissue #?[0-9]+|\bissue #' 2>/dev/null)
if [ -n "$hits" ]; then
  say "issue numbers in $(echo "$hits" | wc -l) files, e.g. $(echo "$hits" | first)"
fi

exit $fail
