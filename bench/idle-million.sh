#!/usr/bin/env bash
# Idle sessions held by one node in a 2 GiB heap: logs N sessions in (default 1 000 000) as fast as the
# gateway takes them, and measures at checkpoints (default 10 000, 100 000, 500 000 and N) the login
# rate, the KeepAlive latency of R KeepAlives/s sent to random sessions (the same rate at every
# checkpoint, so the p99 at N ÷ the p99 at 10 000 shows what the population alone costs), and the heap
# after a full GC per session. The gateway (-Xms2g -Xmx2g, G1, pre-touched) runs pinned to CPU 0, the
# load tool (imps.bench.SessionLoad scale) to CPU 1. A warm-up of logins, KeepAlives and logouts runs
# first (not counted). When the logins stop early (the node is full), the script says how many were
# held and prints the classes that hold the heap (jcmd GC.class_histogram).
# Usage: bench/idle-million.sh [sessions=1000000] [rate=2000] [seconds=20]
#   Environment: CHECKPOINTS (comma-separated, default 10000,100000,500000,N), CONCURRENCY (logins in
#   flight, 64), USERS (accounts, N/5: five sessions per user as the default limit has it), HEAP (2g),
#   GC (the collector option, -XX:+UseG1GC; e.g. GC=-XX:+UseShenandoahGC), GW_JAR, GW_OPTS as in relay.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SESSIONS=${1:-1000000}
RATE=${2:-2000}
SECONDS_PER_CHECK=${3:-20}
CHECKPOINTS=${CHECKPOINTS:-10000,100000,500000,$SESSIONS}
CONCURRENCY=${CONCURRENCY:-64}
USERS=${USERS:-$(( (SESSIONS + 4) / 5 ))}
HEAP=${HEAP:-2g}
command -v jcmd >/dev/null || { echo "jcmd missing (a JDK, not a JRE, is needed)"; exit 1; }
single_node_setup
write_users "$USERS" "$WORK/users.yaml"

# TimeToLive and the longest keep-alive a day, so that no idle session expires during the run.
IMPS_SESSION_KEEP_ALIVE_MAX_SECONDS=86400 start_gateway idle "$HEAP" -XX:+AlwaysPreTouch

jar_banner
echo "idle sessions: $SESSIONS over $USERS accounts, heap $HEAP (${GC:-G1}, pre-touched), checkpoints $CHECKPOINTS, $RATE KeepAlives/s for ${SECONDS_PER_CHECK} s at each, gateway on CPU 0, load on CPU 1"
echo "warm-up: 20 000 logins, KeepAlives and logouts (not counted)"
taskset -c 1 java -Xmx256m -cp "$WORK/bench.jar" imps.bench.SessionLoad warmup --host 127.0.0.1 --port "$GW_PORT" \
  --cir-port "$CIR_PORT" --sessions 20000 --cir false --client-prefix warm- --users "$USERS" > "$WORK/warmup.log" 2>&1 \
  || { cat "$WORK/warmup.log"; exit 1; }
STATUS=0
taskset -c 1 java -Xms1g -Xmx1g -cp "$WORK/bench.jar" imps.bench.SessionLoad scale --host 127.0.0.1 --port "$GW_PORT" \
  --sessions "$SESSIONS" --checkpoints "$CHECKPOINTS" --concurrency "$CONCURRENCY" --rate "$RATE" \
  --seconds "$SECONDS_PER_CHECK" --gateway-pid "$GW_PID" --ttl 86400 --users "$USERS" | tee "$WORK/scale.log" || STATUS=$?
if ! grep -q "^held $SESSIONS of" "$WORK/scale.log" && kill -0 "$GW_PID" 2>/dev/null; then
  echo "not all sessions held: the classes that hold the gateway's heap (jcmd GC.class_histogram, top 25):"
  jcmd "$GW_PID" GC.class_histogram | head -28
fi
grep -E 'OutOfMemory|GC overhead' "$WORK/gateway.log" | head -3 || true
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
