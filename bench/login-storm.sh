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
#   -XX:StartFlightRecording=filename=/tmp/login.jfr,settings=profile,dumponexit=true), SPREAD (each
#   login takes the next of the accounts load0 … load(SPREAD-1), which the gateway must know, e.g. from
#   a store filled by import-users; 0: client c is always load c).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SECONDS_PER_PHASE=${1:-20}
CONCURRENCY=${2:-32}
ROUNDS=${3:-3}
WARMUP=${WARMUP:-20}
DIGEST=${DIGEST:-false}
SPREAD=${SPREAD:-0}
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT ECHO_PORT <<< "$(free_ports 5)"
echo_run_setup
# One account per virtual client. The session limits stay at their defaults (5 per user): each
# client logs out before it logs in again, so a limit that fills would show up as failures.
write_users "$CONCURRENCY" "$WORK/users.yaml"

start_gateway_with_echo "$(cluster_name login)"

jar_banner
echo "login storm: $CONCURRENCY clients, $ROUNDS rounds of ${SECONDS_PER_PHASE} s per server, digest $DIGEST, spread $SPREAD, servers on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad login \
  --host 127.0.0.1 --port "$GW_PORT" --echo-port "$ECHO_PORT" --concurrency "$CONCURRENCY" \
  --seconds "$SECONDS_PER_PHASE" --warmup "$WARMUP" --rounds "$ROUNDS" --digest "$DIGEST" --users "$CONCURRENCY" \
  --gateway-pid "$GW_PID" --echo-pid "$ECHO_PID" --spread "$SPREAD" || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
