#!/usr/bin/env bash
# Login storm: C virtual clients each repeat a full CSP login (Login-Request with password,
# ClientCapability-Request, Service-Request) and a Logout-Request, back to back, for D seconds; full
# logins/s against a bare Vert.x echo server answering the same POSTs (same count, same bytes) from
# the same client code, in alternating phases. The gateway and the echo server run pinned to CPU 0,
# the load tool (imps.bench.SessionLoad login) to CPU 1.
# Usage: bench/login-storm.sh [seconds=20] [concurrency=32] [rounds=3]
#   Environment: WARMUP (seconds on each server before the rounds, not recorded, 20), DIGEST=true (the
#   4-way MD5 login instead of the password), GW_JAR (a saved gateway jar instead of app/target's),
#   GW_OPTS (extra JVM options for the gateway, e.g.
#   -XX:StartFlightRecording=filename=/tmp/login.jfr,settings=profile,dumponexit=true).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SECONDS_PER_PHASE=${1:-20}
CONCURRENCY=${2:-32}
ROUNDS=${3:-3}
WARMUP=${WARMUP:-20}
DIGEST=${DIGEST:-false}
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
# One account per virtual client. The session limits stay at their defaults (5 per user): each
# client logs out before it logs in again, so a limit that fills would show up as failures.
write_users "$CONCURRENCY" "$WORK/users.yaml"

IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_HTTP_INSTANCES=1 \
IMPS_CLUSTER_NAME=$(cluster_name login) IMPS_CLUSTER_PORT=$CLUSTER_PORT IMPS_USERS_FILE="$WORK/users.yaml" \
  taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC ${GW_OPTS:-} -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
taskset -c 0 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.EchoServer $ECHO_PORT 1 > "$WORK/echo.log" 2>&1 &
ECHO_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60

jar_banner
echo "login storm: $CONCURRENCY clients, $ROUNDS rounds of ${SECONDS_PER_PHASE} s per server, digest $DIGEST, servers on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad login \
  --host 127.0.0.1 --port "$GW_PORT" --echo-port "$ECHO_PORT" --concurrency "$CONCURRENCY" \
  --seconds "$SECONDS_PER_PHASE" --warmup "$WARMUP" --rounds "$ROUNDS" --digest "$DIGEST" --users "$CONCURRENCY" \
  --gateway-pid "$GW_PID" --echo-pid "$ECHO_PID" || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
