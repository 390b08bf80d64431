#!/usr/bin/env bash
# Bearer-switch wave: N sessions logged in and idle, then every one of them recovers its session from
# a new TCP connection (Login-Request carrying its Session-ID), as fast as C requests in flight allow:
# wave duration, recoveries/s, latency percentiles, failures, and a sample checked afterwards under
# the same Session-ID. Baseline in the same run: a wave of KeepAlives on new connections for the
# same N sessions, just before. The gateway runs pinned to CPU 0, the load tool
# (imps.bench.SessionLoad switch) to CPU 1.
# Usage: bench/switch-wave.sh [sessions=5000] [concurrency=32]
#   Environment: ROUNDS (keep-alive wave + switch wave pairs, 3), GW_JAR (a saved gateway jar instead
#   of app/target's), GW_OPTS (extra JVM options for the gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SESSIONS=${1:-5000}
CONCURRENCY=${2:-32}
ROUNDS=${ROUNDS:-3}
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT <<< "$(free_ports 4)"
bench_jars
WORK=$(mktemp -d)
cleanup() {
  if [ -n "${GW_PID:-}" ]; then kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"
# One account per session: with a few accounts, every login rewrites a long per-user session list.
write_users "$SESSIONS" "$WORK/users.yaml"

IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_HTTP_INSTANCES=1 \
IMPS_CLUSTER_NAME=$(cluster_name switch) IMPS_CLUSTER_PORT=$CLUSTER_PORT \
IMPS_SESSION_MAX_SESSIONS=10000000 IMPS_USERS_FILE="$WORK/users.yaml" \
  taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC ${GW_OPTS:-} -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60

jar_banner
echo "switch wave vs keep-alive wave: $SESSIONS sessions, concurrency $CONCURRENCY, $ROUNDS rounds, gateway on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad switch \
  --host 127.0.0.1 --port "$GW_PORT" --sessions "$SESSIONS" --concurrency "$CONCURRENCY" --rounds "$ROUNDS" \
  --users "$SESSIONS" --server-pid "$GW_PID" || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
