#!/usr/bin/env bash
# Load benchmark of `vitrine serve` on loopback with wrk (apt-get install wrk).
# Usage: crates/server/bench/bench.sh [duration] [connections]
# Builds the release binary, serves the demo dataset from a temporary copy
# (rate limit off, fresh SQLite), and measures:
#   1. GET /api/datasets/{id} (cached in memory, gzip)
#   2. GET /api/datasets/{id} with If-None-Match (304 revalidation)
#   3. POST /api/datasets/{id}/suggestions (durable: committed before 201)
set -euo pipefail
DURATION=${1:-10s}
CONNECTIONS=${2:-32}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 2; }
cargo build -q -p vitrine-server --release
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/data" "$WORK/schema" "$WORK/dist"
cp data/projets.csv "$WORK/data/"
cp schema/bibliotheque-ia.schema.json "$WORK/schema/"
cat > "$WORK/vitrine.toml" <<TOML
[server]
static_dir = "dist"
database = "vitrine.sqlite"
[limits]
suggestions_per_minute = 0
[[datasets]]
id = "bibliotheque-ia"
data = "data/projets.csv"
schema = "schema/bibliotheque-ia.schema.json"
TOML
PORT=${VITRINE_BENCH_PORT:-18899}
RUST_LOG=warn target/release/vitrine serve --config "$WORK/vitrine.toml" --addr "127.0.0.1:$PORT" > "$WORK/out.log" &
PID=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/api/datasets/bibliotheque-ia"
ETAG=$(curl -sI "$URL" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
echo "== GET (cached, gzip) $URL"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept-Encoding: gzip' "$URL"
echo "== GET with If-None-Match: $ETAG (304)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "If-None-Match: $ETAG" "$URL"
echo "== POST suggestions (durable)"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s crates/server/bench/post_suggestion.lua "$URL/suggestions"
kill "$PID"; wait "$PID" || true
echo "== suggestions stored in SQLite: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from suggestions').fetchone()[0])" "$WORK/vitrine.sqlite" 2>/dev/null || echo '?')"
