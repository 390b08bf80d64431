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
echo_run_setup
# One account per session: with a few accounts, every login rewrites a long per-user session list.
write_users "$SESSIONS" "$WORK/users.yaml"

start_gateway_with_echo "$(cluster_name steady)" IMPS_SESSION_MAX_SESSIONS=10000000

jar_banner
echo "steady state: $SESSIONS sessions, a KeepAlive every $INTERVAL_MS ms each, $ROUNDS rounds of ${SECONDS_PER_PHASE} s per server, servers on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad steady \
  --host 127.0.0.1 --port "$GW_PORT" --echo-port "$ECHO_PORT" --sessions "$SESSIONS" --interval-ms "$INTERVAL_MS" \
  --seconds "$SECONDS_PER_PHASE" --warmup "$WARMUP" --rounds "$ROUNDS" --connections "$CONNECTIONS" \
  --users "$SESSIONS" --gateway-pid "$GW_PID" --echo-pid "$ECHO_PID" || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
