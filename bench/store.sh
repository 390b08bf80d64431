#!/usr/bin/env bash
# What the subscriber store costs: bench/login-storm.sh and bench/relay.sh run back to back with the
# store off (memory only), embedded (H2 in a temporary directory) and on a private PostgreSQL
# (initdb / pg_ctl of the Debian package in a temporary directory, as the postgres user when run as
# root). Each run prints its own in-run baseline; compare the figures of the modes in this output.
# Usage: bench/store.sh [seconds=20] [concurrency=32] [rounds=3]
#   Environment: MODES (default "off embedded postgres"), RELAY_PAIRS (100), RELAY_MESSAGES (100).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SECONDS_PER_PHASE=${1:-20}
CONCURRENCY=${2:-32}
ROUNDS=${3:-3}
MODES=${MODES:-off embedded postgres}
STORE_WORK=$(mktemp -d)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_PORT=$(free_port)
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
cleanup_store() {
  if [ -f "$STORE_WORK/pg/data/postmaster.pid" ]; then "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$STORE_WORK/pg/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$STORE_WORK"
}
trap cleanup_store EXIT

start_postgres() {
  mkdir -p "$STORE_WORK/pg"
  echo secret > "$STORE_WORK/pg/pw"
  [ "$(id -u)" = 0 ] && chown -R postgres:postgres "$STORE_WORK/pg"
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$STORE_WORK/pg/data" -U imps --pwfile="$STORE_WORK/pg/pw" --auth=scram-sha-256 --auth-local=trust >/dev/null
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$STORE_WORK/pg/data" -l "$STORE_WORK/pg/log" -w \
    -o "-p $PG_PORT -k $STORE_WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
}

run_mode() { # mode
  case "$1" in
    off) export IMPS_STORE_ENABLED=false ;;
    embedded) export IMPS_STORE_ENABLED=true IMPS_STORE_EMBEDDED=true IMPS_STORE_DATA_DIR="$STORE_WORK/h2-$RANDOM" ;;
    postgres)
      [ -f "$STORE_WORK/pg/data/postmaster.pid" ] || start_postgres
      db="imps_$RANDOM"
      "${as_pg[@]}" "$PG_BIN/psql" -h "$STORE_WORK/pg" -p "$PG_PORT" -U imps -d postgres -qc "CREATE DATABASE $db" >/dev/null
      export IMPS_STORE_ENABLED=true IMPS_STORE_EMBEDDED=false IMPS_STORE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$db" \
        IMPS_STORE_USER=imps IMPS_STORE_PASSWORD=secret ;;
  esac
}

for mode in $MODES; do
  echo "=== store $mode: login storm"
  ( run_mode "$mode"; bench/login-storm.sh "$SECONDS_PER_PHASE" "$CONCURRENCY" "$ROUNDS" )
  echo "=== store $mode: relay"
  ( run_mode "$mode"; bench/relay.sh "${RELAY_PAIRS:-100}" "${RELAY_MESSAGES:-100}" cir )
done
