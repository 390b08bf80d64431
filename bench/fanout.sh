#!/usr/bin/env bash
# Fan-out: the gateway's CPU per delivered copy of a group message (to a group of N joined members) or of
# a presence update (to N watchers), as a ratio to its CPU per one-to-one message measured in the same
# run, over the same sessions (all on TCP CIR, each collecting and answering what it is woken for).
# The gateway runs pinned to CPU 0, the load tool (imps.bench.SessionLoad fanout) to CPU 1; a warm-up
# round runs first and is not recorded. Prints the ratio per round and its median, and a JSON line.
# Usage: bench/fanout.sh [mode=group|presence] [members=50 (group) / 100 (presence)] [rounds=3]
#   Environment: MESSAGES (one-to-one messages per round, 2000), ITEMS (group messages or presence
#   updates per round, default about as many copies as MESSAGES), CONCURRENCY (requests in flight and
#   senders, 16), TIMEOUT (30), GW_JAR, GW_OPTS as in relay.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
MODE=${1:-group}
case "$MODE" in group) MEMBERS=${2:-50} ;; presence) MEMBERS=${2:-100} ;; *) echo "mode must be group or presence"; exit 2 ;; esac
ROUNDS=${3:-3}
MESSAGES=${MESSAGES:-2000}
CONCURRENCY=${CONCURRENCY:-16}
TIMEOUT=${TIMEOUT:-30}
single_node_setup
# Accounts f0 … : the members or watchers, then (presence) the publishers, one per sender.
{ echo "users:"; for ((u = 0; u < MEMBERS + CONCURRENCY; u++)); do echo "  - {userId: f$u, password: secret}"; done; } > "$WORK/users.yaml"

start_gateway fanout 1g

jar_banner
echo "fan-out ($MODE): $MEMBERS $([ "$MODE" = group ] && echo members || echo watchers), $ROUNDS rounds after warm-up rounds (until the CPU per message settles), $CONCURRENCY in flight, gateway on CPU 0, load on CPU 1"
STATUS=0
ITEM_OPT=()
[ -n "${ITEMS:-}" ] && ITEM_OPT=(--items "$ITEMS")
taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad fanout \
  --host 127.0.0.1 --port "$GW_PORT" --cir-port "$CIR_PORT" --mode "$MODE" --members "$MEMBERS" \
  --messages "$MESSAGES" ${ITEM_OPT[@]+"${ITEM_OPT[@]}"} --concurrency "$CONCURRENCY" --rounds "$ROUNDS" \
  --timeout "$TIMEOUT" --gateway-pid "$GW_PID" --user-prefix f || STATUS=$?
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
