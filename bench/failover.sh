#!/usr/bin/env bash
# Failover after a node is killed with SIGKILL: three gateway nodes as separate processes (A, B and
# the victim C), N sessions logged in through C (so C owns them), each with a few messages queued and
# not yet delivered, all sending KeepAlives at a steady rate through A and B. The load tool
# (imps.bench.SessionLoad failover) kills C with SIGKILL and measures the time from the kill until
# the first victim-owned session succeeds on a survivor and until 50 / 90 / 99 / 100 % of them have
# (also from each session's first request after the kill), the failed transactions, and afterwards
# every queued message (plus one sent after the kill) lost or duplicated. Baseline in the same run:
# the same KeepAlive's latency before the kill.
# The three nodes run pinned to CPU 0, the load tool to CPU 1.
# Usage: bench/failover.sh [sessions=1000] [queued=3] [interval-ms=2000]
#   Environment: WARMUP (s of steady traffic before the baseline is recorded, 5), BEFORE (s of
#   baseline before the kill, 10), AFTER (s of traffic once every session recovered, 10), TIMEOUT (s to
#   wait for every session to recover, 60), GW_JAR (a saved gateway jar instead of app/target's), LOGS
#   (a directory to keep the nodes' logs in).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SESSIONS=${1:-1000}
QUEUED=${2:-3}
INTERVAL=${3:-2000}
WARMUP=${WARMUP:-5}
BEFORE=${BEFORE:-10}
AFTER=${AFTER:-10}
TIMEOUT=${TIMEOUT:-60}
HTTP=(18680 18681 18682); MGMT=(19690 19691 19692); CIR=(17680 17681 17682); CLUSTER=(15680 15681 15682)
bench_jars
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${LOGS:-}" ]; then mkdir -p "$LOGS" && cp "$WORK"/*.log "$LOGS"/; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"
# One account per session (load<i>) and one for the sender (load<N>): a message to a user reaches
# every live session of that user.
write_users $((SESSIONS + 1)) "$WORK/users.yaml"

start_node() { # index name
  IMPS_NODE_ID=$2 IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=${HTTP[$1]} IMPS_HTTP_INSTANCES=1 \
  IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=${MGMT[$1]} IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=${CIR[$1]} \
  IMPS_CLUSTER_NAME=bench-failover-$$ IMPS_CLUSTER_PORT=${CLUSTER[$1]} IMPS_CLUSTER_MEMBERS=127.0.0.1:${CLUSTER[0]} \
  IMPS_SESSION_MAX_SESSIONS=10000000 IMPS_SESSION_MAX_SESSIONS_PER_USER=1000000 IMPS_USERS_FILE="$WORK/users.yaml" \
    taskset -c 0 java -Xms512m -Xmx512m -XX:+UseG1GC -jar "$WORK/gateway.jar" > "$WORK/$2.log" 2>&1 &
  PIDS+=($!)
}
node_ready() { await_ready "${MGMT[$1]}" "${PIDS[$1]}" "$WORK/$2.log" 180; } # index name
# A first, so that B and C join a running member instead of forming clusters of their own.
start_node 0 a; node_ready 0 a
start_node 1 b; start_node 2 c
VICTIM_PID=${PIDS[2]}
node_ready 1 b; node_ready 2 c

jar_banner
echo "failover: $SESSIONS sessions owned by node c (pid $VICTIM_PID), $QUEUED queued messages each, a KeepAlive every $INTERVAL ms"
echo "per session through a and b; nodes on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms1g -Xmx1g -cp "$WORK/bench.jar" imps.bench.SessionLoad failover \
  --host 127.0.0.1 --port "${HTTP[2]}" --survivor-ports "${HTTP[0]},${HTTP[1]}" --victim-pid "$VICTIM_PID" \
  --sessions "$SESSIONS" --users $((SESSIONS + 1)) --queued "$QUEUED" --interval-ms "$INTERVAL" \
  --warmup "$WARMUP" --before "$BEFORE" --after "$AFTER" --timeout "$TIMEOUT" || STATUS=$?
# Killed, the victim is gone or a zombie (state Z) until reaped; still running, the load tool failed before the kill.
if [[ ! "$(ps -o stat= -p "$VICTIM_PID" || true)" =~ ^[^Z] ]]; then
  VICTIM_STATUS=0
  wait "$VICTIM_PID" || VICTIM_STATUS=$?
  echo "victim exit status: $VICTIM_STATUS (137 = SIGKILL)"
else
  echo "the victim was not killed"; STATUS=1
fi
for n in a b; do
  report_log_errors "$WORK/$n.log" "node $n" 5
done
exit $STATUS
