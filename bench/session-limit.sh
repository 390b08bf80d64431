#!/usr/bin/env bash
# A login storm against a full service (session.maxSessions reached, 609): the gateway is given a
# limit of N sessions, N are logged in and held, then C virtual clients send Login-Requests back to
# back for D seconds, each of which must get 609, alternating with phases of the same bodies POSTed to
# a bare Vert.x echo server. Witness sessions among the N keep alive throughout, to show what the
# refusals cost the sessions already in. At the end one session logs out and C logins race for its
# slot: exactly one must get it. The gateway and the echo server run pinned to CPU 0, the load tool
# (imps.bench.SessionLoad limit) to CPU 1.
# Usage: bench/session-limit.sh [seconds=20] [concurrency=32] [rounds=3] [sessions=2000]
#   Environment: WARMUP (seconds on each server before the rounds, not recorded, 10), GW_JAR.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SECONDS_PER_PHASE=${1:-20}
CONCURRENCY=${2:-32}
ROUNDS=${3:-3}
SESSIONS=${4:-2000}
WARMUP=${WARMUP:-10}
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT ECHO_PORT <<< "$(free_ports 5)"
echo_run_setup
# The held sessions and the refused logins spread over these accounts; the per-user limit is raised
# so that only the service-wide one (609) refuses.
USERS=100
write_users "$USERS" "$WORK/users.yaml"

start_gateway_with_echo "$(cluster_name limit)" IMPS_SESSION_MAX_SESSIONS="$SESSIONS" IMPS_SESSION_MAX_SESSIONS_PER_USER=1000000

jar_banner
echo "session limit: $SESSIONS sessions held, $CONCURRENCY clients, $ROUNDS rounds of ${SECONDS_PER_PHASE} s per server, servers on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad limit \
  --host 127.0.0.1 --port "$GW_PORT" --echo-port "$ECHO_PORT" --sessions "$SESSIONS" --concurrency "$CONCURRENCY" \
  --seconds "$SECONDS_PER_PHASE" --warmup "$WARMUP" --rounds "$ROUNDS" --users "$USERS" \
  --gateway-pid "$GW_PID" --echo-pid "$ECHO_PID" || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
