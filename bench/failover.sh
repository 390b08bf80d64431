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
read -r -a P <<< "$(free_ports 12)"
HTTP=("${P[@]:0:3}"); MGMT=("${P[@]:3:3}"); CIR=("${P[@]:6:3}"); CLUSTER=("${P[@]:9:3}")
bench_jars
WORK=$(mktemp -d)
PIDS=()
trap stop_nodes EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"
# One account per session (load<i>) and one for the sender (load<N>): a message to a user reaches
# every live session of that user.
write_users $((SESSIONS + 1)) "$WORK/users.yaml"

start_three_nodes "$(cluster_name failover)" 512m
VICTIM_PID=${PIDS[2]}

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
