#!/usr/bin/env bash
# What the subscriber store costs (docs/benchmarks.md, "Subscriber store"). In one run, REPEATS times:
#   - bench/login-storm.sh and bench/relay.sh with the store off (memory only, the baseline), embedded
#     (H2 in a temporary directory) and on a private PostgreSQL, the modes' order reversed every other
#     repetition so that a drift of the machine's load does not favour one mode;
#   - ACCOUNTS accounts (default 1 000 000) imported with import-users into PostgreSQL (and, with
#     IMPORT_EMBEDDED=true, into H2), each import timed, the second import of the same file too;
#   - the login storm over only CONCURRENCY accounts in a store that holds just those ("few"), over the
#     same CONCURRENCY accounts in the store of ACCOUNTS accounts ("table": what the table's size costs),
#     and with every login a different account of the ACCOUNTS (SPREAD, "million": each account read
#     from the database once), all on PostgreSQL.
# Each gateway is a fresh process with its own cluster name, free ports and a fresh database, and is
# warmed up before it is measured (login storm: WARMUP seconds on each server; relay: a warm-up round
# of messages), as login-storm.sh and relay.sh do. The private PostgreSQL (initdb / pg_ctl of the
# Debian package, as the postgres user when run as root) listens on a free port in a temporary
# directory and keeps its defaults (fsync and synchronous_commit on). At the end imps.bench.StoreSummary
# prints every figure as a ratio to the baseline of the same repetition, with the absolute figures and
# the spread over the repetitions, and a JSON line.
# Usage: bench/store.sh [seconds=15] [concurrency=32] [rounds=2]
#   Environment: MODES ("off embedded postgres"), REPEATS (2), RELAY_PAIRS (100), RELAY_MESSAGES (100),
#   ACCOUNTS (1000000; 0 skips the account population part), IMPORT_EMBEDDED (false), WARMUP (login
#   storm warm-up seconds per server, 10), RESULTS (keep the result lines in this file), LOGS (keep every
#   run's output in this directory).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SECONDS_PER_PHASE=${1:-15}
CONCURRENCY=${2:-32}
ROUNDS=${3:-2}
MODES=${MODES:-off embedded postgres}
REPEATS=${REPEATS:-2}
ACCOUNTS=${ACCOUNTS:-1000000}
IMPORT_EMBEDDED=${IMPORT_EMBEDDED:-false}
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
bench_jars
STORE_WORK=$(mktemp -d)
chmod 755 "$STORE_WORK"
RESULTS_FILE=${RESULTS:-$STORE_WORK/results.txt}
: > "$RESULTS_FILE"
OUT=${LOGS:-$STORE_WORK/logs}
mkdir -p "$OUT"
# Every run uses the same copy of the jars, even when a build rewrites app/target meanwhile.
copy_jar "$GW_JAR" "$STORE_WORK/gateway.jar"
GW_JAR=$STORE_WORK/gateway.jar
export GW_JAR
read -r PG_PORT <<< "$(free_ports 1)"
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
cleanup_store() {
  if [ -f "$STORE_WORK/pg/data/postmaster.pid" ]; then "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$STORE_WORK/pg/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$STORE_WORK"
}
trap cleanup_store EXIT

start_postgres() {
  [ -f "$STORE_WORK/pg/data/postmaster.pid" ] && return 0
  if [ -z "$PG_BIN" ]; then echo "PostgreSQL is not installed (/usr/lib/postgresql/*/bin): run .ci/run once, or MODES without postgres and ACCOUNTS=0"; exit 1; fi
  mkdir -p "$STORE_WORK/pg"
  echo secret > "$STORE_WORK/pg/pw"
  if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$STORE_WORK/pg"; fi
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$STORE_WORK/pg/data" -U imps --pwfile="$STORE_WORK/pg/pw" --auth=scram-sha-256 \
    --auth-local=trust >/dev/null
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$STORE_WORK/pg/data" -l "$STORE_WORK/pg/log" -w \
    -o "-p $PG_PORT -k $STORE_WORK/pg -c listen_addresses=127.0.0.1" start >/dev/null
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT (defaults: fsync on, synchronous_commit on)"
}

create_db() { # name
  "${as_pg[@]}" "$PG_BIN/psql" -h "$STORE_WORK/pg" -p "$PG_PORT" -U imps -d postgres -qc "CREATE DATABASE $1" >/dev/null
}

# The IMPS_STORE_* variables of a mode, for the command given after it.
with_store() { # mode database-or-directory command...
  local mode=$1 where=$2
  shift 2
  case "$mode" in
    off) IMPS_STORE_ENABLED=false "$@" ;;
    embedded) IMPS_STORE_ENABLED=true IMPS_STORE_EMBEDDED=true IMPS_STORE_DATA_DIR="$where" "$@" ;;
    postgres) IMPS_STORE_ENABLED=true IMPS_STORE_EMBEDDED=false IMPS_STORE_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$where" \
      IMPS_STORE_USER=imps IMPS_STORE_PASSWORD=secret "$@" ;;
  esac
}

# A fresh database (or data directory) for one run of a mode, named after the clock (it is called in
# a command substitution, whose variables do not reach this shell).
fresh_store() { # mode
  local name
  name=run$(date +%s%N)
  case "$1" in
    postgres) create_db "imps_$name"; echo "imps_$name" ;;
    embedded) echo "$STORE_WORK/h2-$name" ;;
    *) echo "-" ;;
  esac
}

# Runs a benchmark script, keeps its output and adds its JSON line to the results as KIND MODE REP.
measure() { # kind mode rep log command...
  local kind=$1 mode=$2 rep=$3 log=$4 rc=0
  shift 4
  echo "=== $kind, $mode, repetition $rep: $*"
  "$@" > "$log" 2>&1 || rc=$?
  grep -E '^(round|[0-9]+ |full login|  login|relay |messages:|gateway CPU|median ratio|failures|gateway log)' "$log" | cut -c1-200 || true
  local json
  json=$(grep '^JSON ' "$log" | tail -1 || true)
  if [ -n "$json" ]; then echo "$kind $mode $rep $json" >> "$RESULTS_FILE"; fi
  if [ "$rc" != 0 ]; then echo "!!! $kind $mode repetition $rep ended with status $rc (output: $log)"; tail -5 "$log"; fi
}

case " $MODES " in *" postgres "*) start_postgres ;; esac
if [ "$ACCOUNTS" -gt 0 ]; then start_postgres; fi
echo "store benchmark: modes $MODES, $REPEATS repetitions; login storm $CONCURRENCY clients, $ROUNDS rounds of" \
  "$SECONDS_PER_PHASE s, warm-up ${WARMUP:-10} s per server; relay ${RELAY_PAIRS:-100} pairs x ${RELAY_MESSAGES:-100} messages (cir);" \
  "accounts $ACCOUNTS; gateways on CPU 0, load on CPU 1; $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

for ((rep = 1; rep <= REPEATS; rep++)); do
  order=$MODES
  if ((rep % 2 == 0)); then order=$(echo "$MODES" | tr ' ' '\n' | tac | tr '\n' ' '); fi
  for mode in $order; do
    measure login "$mode" "$rep" "$OUT/login-$mode-$rep.log" \
      with_store "$mode" "$(fresh_store "$mode")" bench/login-storm.sh "$SECONDS_PER_PHASE" "$CONCURRENCY" "$ROUNDS"
  done
  for mode in $order; do
    measure relay "$mode" "$rep" "$OUT/relay-$mode-$rep.log" \
      with_store "$mode" "$(fresh_store "$mode")" bench/relay.sh "${RELAY_PAIRS:-100}" "${RELAY_MESSAGES:-100}" cir
  done
done

# Imports ACCOUNTS accounts into a fresh store of the mode, twice (the second adds nothing); the
# figures go to the results as "import MODE REP". Sets IMPORTED to the store's database or directory.
import_accounts() { # mode rep
  local where out
  where=$(fresh_store "$1")
  for pass in 1 2; do
    local start end
    start=$(date +%s%N)
    if ! out=$(with_store "$1" "$where" java -Xmx1g -jar "$GW_JAR" import-users "$STORE_WORK/accounts.yaml" 2>&1); then
      echo "import-users into $1 failed:"; tail -20 <<<"$out"; exit 1
    fi
    out=$(grep '^import-users:' <<<"$out")
    end=$(date +%s%N)
    echo "import-users into $1, pass $pass: $out (process $(( (end - start) / 1000000 )) ms)"
    local added ms
    added=$(sed -n 's/.*, \([0-9]*\) added.*/\1/p' <<<"$out")
    ms=$(( (end - start) / 1000000 ))
    echo "import $1-pass$pass $2 JSON {\"accounts\":$ACCOUNTS,\"added\":${added:-null},\"process_ms\":$ms,\"accounts_per_s\":$(( ACCOUNTS * 1000 / (ms > 0 ? ms : 1) ))}" >> "$RESULTS_FILE"
  done
  IMPORTED=$where
}

if [ "$ACCOUNTS" -gt 0 ]; then
  { echo "users:"; seq 0 $((ACCOUNTS - 1)) | awk '{print "  - {userId: load" $1 ", password: secret}"}'; } > "$STORE_WORK/accounts.yaml"
  for ((rep = 1; rep <= REPEATS; rep++)); do
    if [ "$IMPORT_EMBEDDED" = true ]; then import_accounts embedded "$rep"; rm -rf "$IMPORTED"; fi
    import_accounts postgres "$rep"
    million=$IMPORTED
    order="few table many"
    if ((rep % 2 == 0)); then order="many table few"; fi
    for population in $order; do
      if [ "$population" = few ]; then
        measure accounts few "$rep" "$OUT/accounts-few-$rep.log" \
          with_store postgres "$(fresh_store postgres)" env SPREAD="$CONCURRENCY" bench/login-storm.sh "$SECONDS_PER_PHASE" "$CONCURRENCY" "$ROUNDS"
      elif [ "$population" = table ]; then
        measure accounts table "$rep" "$OUT/accounts-table-$rep.log" \
          with_store postgres "$million" env SPREAD="$CONCURRENCY" bench/login-storm.sh "$SECONDS_PER_PHASE" "$CONCURRENCY" "$ROUNDS"
      else
        measure accounts million "$rep" "$OUT/accounts-million-$rep.log" \
          with_store postgres "$million" env SPREAD="$ACCOUNTS" bench/login-storm.sh "$SECONDS_PER_PHASE" "$CONCURRENCY" "$ROUNDS"
      fi
    done
  done
fi

java -cp bench/target/imps-bench.jar imps.bench.StoreSummary "$RESULTS_FILE"
