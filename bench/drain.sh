#!/usr/bin/env bash
# Graceful drain time: three gateway nodes as separate processes (A, B and C), N sessions logged in
# through C (so C owns them), then POST /admin/drain on C's management port; the load tool
# (imps.bench.SessionLoad drain) measures the time until the call answers (the drain is complete:
# every session moved or failed), sessions moved per second, the KeepAlives of a few clients going
# on through A and B meanwhile, and afterwards a KeepAlive per session through A and B: 200 and the
# KeepAliveTime the session asked for (same Session-ID, context intact). Baseline in the same run:
# the time to log the N sessions in. Then C gets SIGTERM and must exit.
# The three nodes run pinned to CPU 0, the load tool to CPU 1.
# Usage: bench/drain.sh [sessions=10000]
#   Environment: CONCURRENCY (requests in flight while logging in and checking, 32), DURING (clients
#   sending KeepAlives during the drain, 4), GW_JAR (a saved gateway jar instead of app/target's), LOGS
#   (a directory to keep the nodes' logs in).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SESSIONS=${1:-10000}
CONCURRENCY=${CONCURRENCY:-32}
DURING=${DURING:-4}
read -r -a P <<< "$(free_ports 12)"
HTTP=("${P[@]:0:3}"); MGMT=("${P[@]:3:3}"); CIR=("${P[@]:6:3}"); CLUSTER=("${P[@]:9:3}")
bench_jars
WORK=$(mktemp -d)
PIDS=()
trap stop_nodes EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"
# One account per session: with a few accounts, every login rewrites a long per-user session list.
write_users "$SESSIONS" "$WORK/users.yaml"

start_three_nodes "$(cluster_name drain)" 1g
DRAINED_PID=${PIDS[2]}

jar_banner
echo "drain: $SESSIONS sessions owned by node c (pid $DRAINED_PID), moved to a and b; nodes on CPU 0, load on CPU 1"
STATUS=0
taskset -c 1 java -Xms1g -Xmx1g -cp "$WORK/bench.jar" imps.bench.SessionLoad drain \
  --host 127.0.0.1 --port "${HTTP[2]}" --mgmt-port "${MGMT[2]}" --survivor-ports "${HTTP[0]},${HTTP[1]}" \
  --sessions "$SESSIONS" --users "$SESSIONS" --concurrency "$CONCURRENCY" --during-concurrency "$DURING" || STATUS=$?
if kill -0 "$DRAINED_PID" 2>/dev/null; then
  T0=$(date +%s.%N)
  kill -TERM "$DRAINED_PID"
  C_STATUS=0
  wait "$DRAINED_PID" || C_STATUS=$?
  echo "node c after SIGTERM: exited with status $C_STATUS (143 = SIGTERM) after $(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s"
else
  echo "node c is gone before SIGTERM: a drained node should stay up (not ready) until it is stopped"; STATUS=1
fi
for n in a b c; do
  report_log_errors "$WORK/$n.log" "node $n" 5
done
exit $STATUS
