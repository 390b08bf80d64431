#!/usr/bin/env bash
# Steady state of N idle sessions keeping alive: N sessions logged in, then each sends a
# KeepAlive-Request every I ms (spread evenly over the interval, at most one in flight per session,
# pooled HTTP keep-alive connections) for D s: latency percentiles, KeepAlives/s achieved, failures,
# and the gateway's CPU per KeepAlive. Baseline in the same run: the same schedule of the same bytes
# against a bare Vert.x echo server, in alternating phases. The gateway and the echo server run
# pinned to CPU 0, the load tool (imps.bench.SessionLoad steady) to CPU 1.
# Usage: bench/steady.sh [sessions=5000] [interval-ms=1000] [seconds=20]
#   Environment: ROUNDS (echo + gateway phase pairs, 3), WARMUP (seconds on each server before the
#   rounds, not recorded, 10), CONNECTIONS (most pooled connections per server, 64), GW_JAR (a saved
#   gateway jar instead of app/target's), GW_OPTS (extra JVM options for the gateway).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SESSIONS=${1:-5000}
INTERVAL_MS=${2:-1000}
SECONDS_PER_PHASE=${3:-20}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10}
CONNECTIONS=${CONNECTIONS:-64}
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT ECHO_PORT <<< "$(free_ports 5)"
bench_jars
WORK=$(mktemp -d)
cleanup() {
  for pid in ${GW_PID:-} ${ECHO_PID:-}; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"
# One account per session: with a few accounts, every login rewrites a long per-user session list.
write_users "$SESSIONS" "$WORK/users.yaml"

IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_HTTP_INSTANCES=1 \
IMPS_CLUSTER_NAME=$(cluster_name steady) IMPS_CLUSTER_PORT=$CLUSTER_PORT \
IMPS_SESSION_MAX_SESSIONS=10000000 IMPS_USERS_FILE="$WORK/users.yaml" \
  taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC ${GW_OPTS:-} -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
taskset -c 0 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.EchoServer $ECHO_PORT 1 > "$WORK/echo.log" 2>&1 &
ECHO_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60

jar_banner
echo "steady state: $SESSIONS sessions, a KeepAlive every $INTERVAL_MS ms each, $ROUNDS rounds of ${SECONDS_PER_PHASE} s per server, servers on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad steady \
  --host 127.0.0.1 --port "$GW_PORT" --echo-port "$ECHO_PORT" --sessions "$SESSIONS" --interval-ms "$INTERVAL_MS" \
  --seconds "$SECONDS_PER_PHASE" --warmup "$WARMUP" --rounds "$ROUNDS" --connections "$CONNECTIONS" \
  --users "$SESSIONS" --gateway-pid "$GW_PID" --echo-pid "$ECHO_PID" || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
