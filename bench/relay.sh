#!/usr/bin/env bash
# One-to-one instant message relay through the gateway: N sender sessions each send M messages to
# their own receiver session, which gets them by polling (mode poll) or when woken by a TCP CIR WVCI
# line (mode cir). Per-message latency from the sender's POST to the receiver holding the NewMessage,
# against a KeepAlive on the same connections during the run as the in-run baseline; lost and
# duplicated messages are counted (by MessageID, by content and by server TransactionID). The gateway
# runs pinned to CPU 0, the load tool (imps.bench.SessionLoad relay) to CPU 1.
# Usage: bench/relay.sh [pairs=100] [messages=100] [mode=cir]
#   Environment: CONCURRENCY (SendMessage-Requests in flight, 16), WARMUP (messages per pair, not
#   recorded, min(messages, 20)), TIMEOUT (seconds to wait for deliveries after the last send, 30),
#   KEEPALIVE_EVERY (a KeepAlive before every K-th message of each sender, 10), BURST (each sender
#   sends its messages B at a time, so B wait in its receiver's queue at once; 1), GW_JAR (a saved
#   gateway jar instead of app/target's), GW_OPTS (extra JVM options for the gateway, e.g.
#   -XX:StartFlightRecording=filename=/tmp/relay.jfr,settings=profile,dumponexit=true).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PAIRS=${1:-100}
MESSAGES=${2:-100}
MODE=${3:-cir}
CONCURRENCY=${CONCURRENCY:-16}
WARMUP=${WARMUP:-$(( MESSAGES < 20 ? MESSAGES : 20 ))}
TIMEOUT=${TIMEOUT:-30}
KEEPALIVE_EVERY=${KEEPALIVE_EVERY:-10}
BURST=${BURST:-1}
WARMUP=$(( WARMUP / BURST * BURST ))
if (( MESSAGES % BURST != 0 )); then echo "messages must be a multiple of BURST"; exit 2; fi
case "$MODE" in poll|cir) ;; *) echo "mode must be poll or cir"; exit 2 ;; esac
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT < <(free_ports 4)
bench_jars
WORK=$(mktemp -d)
cleanup() {
  if [ -n "${GW_PID:-}" ]; then kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"
# One account per session: sender i is u<i>, receiver i is u<N+i>. With only alice and bob every
# message to bob would reach every live bob session.
{ echo "users:"; for ((u = 0; u < 2 * PAIRS; u++)); do echo "  - {userId: u$u, password: secret}"; done; } > "$WORK/users.yaml"

IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
IMPS_TCP_CIR_ENABLED=true IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_HTTP_INSTANCES=1 \
IMPS_CLUSTER_NAME=bench-relay-$$ IMPS_CLUSTER_PORT=$CLUSTER_PORT \
IMPS_SESSION_MAX_SESSIONS=10000000 IMPS_SESSION_MAX_SESSIONS_PER_USER=1000000 IMPS_USERS_FILE="$WORK/users.yaml" \
  taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC ${GW_OPTS:-} -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60

jar_banner
echo "relay: $PAIRS pairs x $MESSAGES messages, mode $MODE, burst $BURST, concurrency $CONCURRENCY, gateway on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad relay \
  --host 127.0.0.1 --port "$GW_PORT" --cir-port "$CIR_PORT" --pairs "$PAIRS" --messages "$MESSAGES" \
  --concurrency "$CONCURRENCY" --mode "$MODE" --warmup "$WARMUP" --timeout "$TIMEOUT" \
  --keepalive-every "$KEEPALIVE_EVERY" --burst "$BURST" --user-prefix u --gateway-pid "$GW_PID" || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
