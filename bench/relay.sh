#!/usr/bin/env bash
# One-to-one instant message relay through the gateway: N sender sessions each send M messages to
# their own receiver session, which gets them by polling (mode poll) or when woken by a TCP CIR WVCI
# line (mode cir). Per-message latency from the sender's POST to the receiver holding the NewMessage,
# against a KeepAlive on the same connections during the run as the in-run baseline; lost and
# duplicated messages are counted (by MessageID, by content and by server TransactionID). The gateway
# runs pinned to CPU 0, the load tool (imps.bench.SessionLoad relay) to CPU 1.
# Usage: bench/relay.sh [pairs=100] [messages=100] [mode=cir]
#   Environment: CONCURRENCY (SendMessage-Requests in flight, 16), WARMUP (messages per pair of each
#   warm-up round, which also sends as many KeepAlives and is not recorded; the rounds repeat until the
#   gateway's CPU per message settles; messages), TIMEOUT (seconds to wait for deliveries after the
#   last send, 30), KEEPALIVE_EVERY (a KeepAlive before every K-th message of each sender, 10), ROUNDS (measured
#   rounds, each a KeepAlive phase of KEEPALIVES requests (5 x pairs x messages) and a relay round
#   with the gateway's CPU read around both, 2),
#   BURST (each sender sends its messages B at a time, so B wait in its receiver's queue at once; 1),
#   GW_JAR (a saved gateway jar instead of app/target's), GW_OPTS (extra JVM options for the gateway, e.g.
#   -XX:StartFlightRecording=filename=/tmp/relay.jfr,settings=profile,dumponexit=true).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PAIRS=${1:-100}
MESSAGES=${2:-100}
MODE=${3:-cir}
CONCURRENCY=${CONCURRENCY:-16}
WARMUP=${WARMUP:-$MESSAGES}
TIMEOUT=${TIMEOUT:-30}
KEEPALIVE_EVERY=${KEEPALIVE_EVERY:-10}
BURST=${BURST:-1}
ROUNDS=${ROUNDS:-2}
KEEPALIVES=${KEEPALIVES:-$((5 * PAIRS * MESSAGES))}
WARMUP=$(( WARMUP / BURST * BURST ))
if (( MESSAGES % BURST != 0 )); then echo "messages must be a multiple of BURST"; exit 2; fi
case "$MODE" in poll|cir) ;; *) echo "mode must be poll or cir"; exit 2 ;; esac
single_node_setup
# One account per session: sender i is u<i>, receiver i is u<N+i>. With only alice and bob every
# message to bob would reach every live bob session.
{ echo "users:"; for ((u = 0; u < 2 * PAIRS; u++)); do echo "  - {userId: u$u, password: secret}"; done; } > "$WORK/users.yaml"

start_gateway relay 1g

jar_banner
echo "relay: $PAIRS pairs x $MESSAGES messages x $ROUNDS rounds after a warm-up of $WARMUP messages per pair, mode $MODE, burst $BURST, concurrency $CONCURRENCY, gateway on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad relay \
  --host 127.0.0.1 --port "$GW_PORT" --cir-port "$CIR_PORT" --pairs "$PAIRS" --messages "$MESSAGES" \
  --concurrency "$CONCURRENCY" --mode "$MODE" --warmup "$WARMUP" --timeout "$TIMEOUT" \
  --keepalive-every "$KEEPALIVE_EVERY" --burst "$BURST" --rounds "$ROUNDS" --keepalives "$KEEPALIVES" --gateway-pid "$GW_PID" --user-prefix u || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
