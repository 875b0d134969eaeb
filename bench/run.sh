#!/usr/bin/env bash
# One command: seed a synthetic network into a scratch PostgreSQL database, serve it (release
# build), load-test the nested read query (bench/nested.graphql: the query of the no-N+1 test,
# 20 actors) with oha at 1, 8 and 32 connections, and compare with the same data fetch sent as
# raw SQL straight to PostgreSQL (bench/floor.sql, with pgbench and psql): the floor.
#
#   bench/run.sh                                   # 10,000 actors, 20 s per run
#   ACTORS=100000 DURATION_SECS=30 bench/run.sh
#
# Prints, per DataLoader batch window and connection count: requests per second, p50 and p99
# latency, SQL statements per request (from /metrics); then the floor at the same connection
# counts. Everything runs on 127.0.0.1; the scratch database is dropped at the end.
set -euo pipefail

ACTORS=${ACTORS:-10000}                      # size of the synthetic network
SEED=${SEED:-2026}                           # its random seed
PAGE=${PAGE:-20}                             # actors per request ($n of the query)
DURATION_SECS=${DURATION_SECS:-20}           # per measured run (oha and pgbench)
CONNECTIONS=${CONNECTIONS:-"1 8 32"}         # concurrent connections, one run each
BATCH_WINDOWS=${BATCH_WINDOWS:-"2 0.5"}      # --batch-window-ms values (2 is the default)
DB_MAX_CONNECTIONS=${DB_MAX_CONNECTIONS:-8}  # the server's pool (its default)
PG_SERVER=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}  # no database part, no password
DB_SETTINGS=${DB_SETTINGS:-}                 # e.g. "random_page_cost=1.1": ALTER DATABASE … SET

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
cd "$root"

die() { echo "bench: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "$1 is required ($2)"; }

# Loopback only: this script creates and drops databases and floods a server with requests.
case "$PG_SERVER" in
  postgres://*@127.0.0.1:*|postgres://*@localhost:*|postgres://127.0.0.1:*|postgres://localhost:*) ;;
  *) die "PG_SERVER must be a PostgreSQL server on 127.0.0.1 (got $PG_SERVER)" ;;
esac

need cargo "a Rust toolchain"
need psql "the PostgreSQL client: apt-get install postgresql-client"
need pgbench "PostgreSQL's pgbench: apt-get install postgresql-contrib or postgresql-client"
need jq "apt-get install jq"
need curl "apt-get install curl"
if ! command -v oha >/dev/null 2>&1; then
  echo "== installing oha (HTTP load generator) from crates.io"
  cargo info oha >/dev/null 2>&1 || die "oha is not available from crates.io"
  cargo install oha --locked
fi

work=$(mktemp -d)
db="ph_bench_$(date +%s)_$$"
url="$PG_SERVER/$db"
server_pid=""

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop_server
  psql "$PG_SERVER/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== machine"
echo "cpus:       $(nproc)"
echo "cpu model:  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:     $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
echo "postgresql: $(psql "$PG_SERVER/postgres" -Atc 'SHOW server_version')"
echo "oha:        $(oha --version)"
echo "rustc:      $(rustc --version)"
echo "load:       $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min, before the run)"
echo "commit:     $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"

echo "== build (release)"
cargo build --release
bin=target/release/partner-hub

echo "== seed: $ACTORS actors (seed $SEED) into $db"
psql "$PG_SERVER/postgres" -qc "CREATE DATABASE $db"
for setting in $DB_SETTINGS; do
  # Planner settings for the scratch database only (the API and the floor both see them).
  name=${setting%%=*}
  [[ "$name" =~ ^[a-z_]+$ ]] || die "DB_SETTINGS: bad setting name in $setting"
  psql "$PG_SERVER/postgres" -qc "ALTER DATABASE $db SET $name = '${setting#*=}'"
  echo "database setting: $name = ${setting#*=}"
done
seed_started=$(date +%s.%N)
"$bin" seed --synthetic "$ACTORS" --seed "$SEED" --database-url "$url" 2>/dev/null | grep -v '^reference data'
seed_secs=$(awk -v a="$seed_started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
echo "seed command (migrations + reference data + synthetic network): ${seed_secs} s"
# Statistics for the planner, as autovacuum would gather them after a bulk load.
psql "$url" -qc "VACUUM (ANALYZE)"

# The request body: the query with its variables.
jq -n --rawfile q "$here/nested.graphql" --argjson n "$PAGE" \
  '{query: $q, variables: {n: $n}}' > "$work/nested.json"

addr=""
start_server() {
  local window=$1
  RUST_LOG=warn "$bin" serve --listen 127.0.0.1:0 --database-url "$url" \
    --batch-window-ms "$window" --db-max-connections "$DB_MAX_CONNECTIONS" \
    > "$work/serve.log" 2>&1 &
  server_pid=$!
  addr=""
  for _ in $(seq 1 300); do
    addr=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" | head -n1 || true)
    if [ -n "$addr" ] && curl -fs "$addr/readyz" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  cat "$work/serve.log" >&2
  die "the server did not become ready"
}

statements() {
  curl -fs "$addr/metrics" | awk '/^partner_hub_sql_statements_total/ {print $2}'
}

results="$work/results.md"
{
  echo "| batch window | connections | req/s | p50 ms | p99 ms | SQL statements / request |"
  echo "|---:|---:|---:|---:|---:|---:|"
} > "$results"

for window in $BATCH_WINDOWS; do
  echo "== serve (release), --batch-window-ms $window"
  start_server "$window"
  # The answer is right: PAGE actors, no errors.
  answer=$(curl -fs -H 'Content-Type: application/json' --data-binary @"$work/nested.json" "$addr/graphql")
  [ "$(jq '.errors // [] | length' <<<"$answer")" = 0 ] || die "the query failed: $answer"
  [ "$(jq '.data.actors.nodes | length' <<<"$answer")" = "$PAGE" ] || die "expected $PAGE actors: $answer"
  # Warm-up (not measured): connections, prepared statements, caches.
  oha -n 300 -c 8 --no-tui --output-format quiet -m POST -H 'Content-Type: application/json' \
    -D "$work/nested.json" "$addr/graphql" >/dev/null
  printf '%12s %11s %9s %9s %9s %10s\n' "window ms" connections "req/s" "p50 ms" "p99 ms" "SQL/req"
  for c in $CONNECTIONS; do
    before=$(statements)
    oha -z "${DURATION_SECS}s" -w -c "$c" --no-tui --output-format json -m POST \
      -H 'Content-Type: application/json' -D "$work/nested.json" "$addr/graphql" \
      > "$work/oha-$window-$c.json"
    after=$(statements)
    report="$work/oha-$window-$c.json"
    total=$(jq '[.statusCodeDistribution[]] | add // 0' "$report")
    ok=$(jq '.statusCodeDistribution["200"] // 0' "$report")
    [ "$total" -gt 0 ] && [ "$ok" = "$total" ] || die "non-200 answers: $(jq -c '.statusCodeDistribution, .errorDistribution' "$report")"
    rps=$(jq '.summary.requestsPerSec' "$report")
    p50=$(jq '.latencyPercentiles.p50 * 1000' "$report")
    p99=$(jq '.latencyPercentiles.p99 * 1000' "$report")
    per_request=$(awk -v a="$before" -v b="$after" -v n="$total" 'BEGIN {printf "%.2f", (b - a) / n}')
    printf '%12s %11s %9.1f %9.2f %9.2f %10s\n' "$window" "$c" "$rps" "$p50" "$p99" "$per_request"
    printf '| %s | %s | %.1f | %.2f | %.2f | %s |\n' "$window" "$c" "$rps" "$p50" "$p99" "$per_request" >> "$results"
  done
  stop_server
done

echo "== the floor: the same data fetch as raw SQL (bench/floor.sql), straight to PostgreSQL"
list() { psql "$url" -Atc "$1"; }
actor_ids=$(list "SELECT string_agg(id::text, ',') FROM (SELECT id FROM actors
  WHERE sensitivity = 'PUBLIC' AND archived_at IS NULL AND search_key LIKE '%synthetique%'
  ORDER BY search_key, id LIMIT $PAGE) a")
project_ids=$(list "SELECT string_agg(DISTINCT project_id::text, ',') FROM (
  SELECT pp.project_id, ROW_NUMBER() OVER (PARTITION BY pp.actor_id ORDER BY pp.project_id, pp.actor_id, pp.id) AS r
  FROM project_participants pp JOIN projects p ON pp.project_id = p.id
  WHERE p.sensitivity = 'PUBLIC' AND p.archived_at IS NULL AND pp.actor_id IN (${actor_ids:-0})) x WHERE r <= 2")
participant_ids=$(list "SELECT string_agg(DISTINCT actor_id::text, ',') FROM (
  SELECT pp.actor_id, ROW_NUMBER() OVER (PARTITION BY pp.project_id ORDER BY pp.project_id, pp.actor_id, pp.id) AS r
  FROM project_participants pp JOIN actors a ON pp.actor_id = a.id
  WHERE a.sensitivity = 'PUBLIC' AND a.archived_at IS NULL AND pp.project_id IN (${project_ids:-0})) x WHERE r <= 2")
sed -e "s/:actor_ids/${actor_ids:-0}/g" -e "s/:project_ids/${project_ids:-0}/g" \
  -e "s/:participant_ids/${participant_ids:-0}/g" "$here/floor.sql" | grep -v '^--' > "$work/floor.sql"
floor_statements=$(grep -c ';$' "$work/floor.sql")
echo "$floor_statements statements: $(tr ',' '\n' <<<"$actor_ids" | wc -l) actors, $(tr ',' '\n' <<<"$project_ids" | wc -l) projects, $(tr ',' '\n' <<<"$participant_ids" | wc -l) participant actors"

# One run through psql, each statement timed by the server round trip (\timing).
{ echo '\timing on'; cat "$work/floor.sql" "$work/floor.sql"; } \
  | psql "$url" -q -o /dev/null 2>&1 \
  | awk -v s="$floor_statements" '/^Time:/ {n++; if (n > s) t += $2}
      END {printf "psql \\timing, second of two runs: %.2f ms for the %d statements\n", t, n / 2}'

{
  echo
  echo "| floor (pgbench -M prepared) | connections | runs/s | p50 ms | p99 ms | SQL statements / run |"
  echo "|---:|---:|---:|---:|---:|---:|"
} >> "$results"
printf '%12s %11s %9s %9s %9s %10s\n' "floor" connections "runs/s" "p50 ms" "p99 ms" "SQL/run"
for c in $CONNECTIONS; do
  threads=$(( c < $(nproc) ? c : $(nproc) ))
  rm -f "$work"/pgb.*
  out=$(pgbench -n -M prepared -f "$work/floor.sql" -c "$c" -j "$threads" -T "$DURATION_SECS" \
    -l --log-prefix="$work/pgb" "$url" 2>&1)
  tps=$(awk '/^tps =/ {print $3}' <<<"$out")
  # Per-run latencies (µs, third column of pgbench's log), all clients together.
  read -r p50 p99 < <(cat "$work"/pgb.* | awk '{print $3}' | sort -n \
    | awk '{v[NR] = $1} END {i50 = int(NR * 0.50); i99 = int(NR * 0.99); if (i50 < 1) i50 = 1; if (i99 < 1) i99 = 1; printf "%.2f %.2f\n", v[i50] / 1000, v[i99] / 1000}')
  printf '%12s %11s %9.1f %9.2f %9.2f %10s\n' "raw SQL" "$c" "$tps" "$p50" "$p99" "$floor_statements"
  printf '| raw SQL | %s | %.1f | %.2f | %.2f | %s |\n' "$c" "$tps" "$p50" "$p99" "$floor_statements" >> "$results"
done

echo "== results (markdown)"
cat "$results"
