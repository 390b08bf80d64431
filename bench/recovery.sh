#!/usr/bin/env bash
# Session recovery latency after a bearer switch, against a KeepAlive on a new TCP connection as the
# in-run baseline. The gateway runs pinned to CPU 0, the load tool (imps.bench.SessionLoad) to CPU 1.
# Usage: bench/recovery.sh [sessions=10000] [concurrency=16] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SESSIONS=${1:-10000}
CONCURRENCY=${2:-16}
ROUNDS=${3:-5}
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT <<< "$(free_ports 4)"
# GW_JAR=path measures that gateway jar instead of app/target's (e.g. a saved build).
bench_jars
WORK=$(mktemp -d)
cleanup() {
  if [ -n "${GW_PID:-}" ]; then kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# A private copy: a rebuild of app/ during the run must not change the jar under the running JVM.
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"

IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_HTTP_INSTANCES=1 \
IMPS_CLUSTER_NAME=$(cluster_name recovery) IMPS_CLUSTER_PORT=$CLUSTER_PORT \
IMPS_SESSION_MAX_SESSIONS=10000000 IMPS_SESSION_MAX_SESSIONS_PER_USER=1000000 \
  taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60

jar_banner
echo "recovery vs keep-alive: $SESSIONS sessions, concurrency $CONCURRENCY, gateway on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad recovery \
  --host 127.0.0.1 --port "$GW_PORT" --sessions "$SESSIONS" --concurrency "$CONCURRENCY" --rounds "$ROUNDS" || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
