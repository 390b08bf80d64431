#!/usr/bin/env bash
# Java heap per idle session, without and with a standalone TCP CIR socket per session.
# For each case: start the gateway (2 GiB fixed heap, G1, pinned to CPU 0), warm it up with a few
# logins and logouts, measure the heap used after a full GC (jcmd GC.run, then GC.heap_info), hold
# N idle sessions with imps.bench.SessionLoad (pinned to CPU 1), measure again:
# bytes per idle session = (used_after - used_before) / N. The gateway is restarted between cases.
# The heap is pre-touched, so the RSS delta printed alongside is memory outside the Java heap
# (socket buffers in the kernel are not in it).
# Usage: bench/session-memory.sh [sessions=10000]
#   HISTO=1 also prints the growth of the live objects by the class histograms' totals (jcmd
#   GC.class_histogram, before vs after; steadier than the used heap, which moves with G1's region
#   accounting by +-60 bytes a session between runs of one build) and the classes that grew most.
#   USERS=K spreads the sessions over K generated accounts (load0 … load(K-1)) instead of alice / bob,
#   e.g. USERS=$((N / 5)) for 5 sessions per user as the default limit has it. With 2 users every
#   login rewrites the user's whole session list in Hazelcast, so logins slow down as N grows
#   (about 50 minutes for 100000 sessions on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SESSIONS=${1:-10000}
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT <<< "$(free_ports 4)"
READY_TIMEOUT=${READY_TIMEOUT:-1800}
TARGET_PLAIN=4096; TARGET_CIR=16384

# Each CIR session costs one descriptor in the gateway and one in the load tool.
ulimit -n 200000 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
NOFILE=$(ulimit -n)
command -v jcmd >/dev/null || { echo "jcmd missing (a JDK, not a JRE, is needed)"; exit 1; }

# GW_JAR=path measures that gateway jar instead of app/target's (e.g. a saved build).
bench_jars
WORK=$(mktemp -d)
stop() { # pid
  if [ -n "${1:-}" ]; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi
}
cleanup() { stop "${LOAD_PID:-}"; stop "${GW_PID:-}"; rm -rf "$WORK"; }
trap cleanup EXIT
# Private copies: a rebuild during the run must not change the jars under the running JVMs.
cp "$GW_JAR" "$WORK/gateway.jar"
cp "$BENCH_JAR" "$WORK/bench.jar"
USERS=${USERS:-0}
USERS_FILE=conf/users.yaml; USERS_OPT=()
if [ "$USERS" -gt 0 ]; then
  { echo "users:"; echo "  - {userId: alice, password: secret}"; echo "  - {userId: bob, password: secret}"
    for ((u = 0; u < USERS; u++)); do echo "  - {userId: load$u, password: secret}"; done; } > "$WORK/users.yaml"
  USERS_FILE=$WORK/users.yaml; USERS_OPT=(--users "$USERS")
fi

start_gateway() {
  IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
  IMPS_TCP_CIR_ENABLED=true IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_TCP_CIR_IDLE_TIMEOUT_SECONDS=86400 \
  IMPS_HTTP_INSTANCES=1 IMPS_CLUSTER_NAME=$(cluster_name memory) IMPS_CLUSTER_PORT=$CLUSTER_PORT \
  IMPS_SESSION_MAX_SESSIONS=10000000 IMPS_SESSION_MAX_SESSIONS_PER_USER=1000000 \
  IMPS_SESSION_KEEP_ALIVE_MAX_SECONDS=86400 IMPS_USERS_FILE="$USERS_FILE" \
    taskset -c 0 java -Xms2g -Xmx2g -XX:+UseG1GC -XX:+AlwaysPreTouch -jar "$WORK/gateway.jar" > "$WORK/gateway-$1.log" 2>&1 &
  GW_PID=$!
  await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway-$1.log" 90
}

heap_used_kb() { # heap used after a full GC, in KiB
  jcmd "$GW_PID" GC.run >/dev/null; sleep 1; jcmd "$GW_PID" GC.run >/dev/null
  jcmd "$GW_PID" GC.heap_info | sed -n 's/.*heap .*used \([0-9][0-9]*\)K.*/\1/p' | head -1
}

rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$GW_PID/status"; }

histogram() { # file
  jcmd "$GW_PID" GC.class_histogram | awk '$1 ~ /^[0-9]+:$/ {print $4, $2, $3}' > "$1"
}

# measure <label> <cir true|false>: sets BYTES_PER_SESSION and RSS_PER_SESSION
measure() {
  local label=$1 cir=$2
  start_gateway "$label"
  taskset -c 1 java -Xmx256m -cp "$WORK/bench.jar" imps.bench.SessionLoad warmup --host 127.0.0.1 \
    --port "$GW_PORT" --cir-port "$CIR_PORT" --sessions 200 --cir true --client-prefix warm- --ttl 86400 > "$WORK/warmup-$label.log"
  sleep 2
  local before rss_before
  before=$(heap_used_kb); rss_before=$(rss_kb)
  [ "${HISTO:-0}" = 1 ] && histogram "$WORK/histo-before-$label"
  taskset -c 1 java -Xms1g -Xmx1g -cp "$WORK/bench.jar" imps.bench.SessionLoad idle --host 127.0.0.1 \
    --port "$GW_PORT" --cir-port "$CIR_PORT" --sessions "$SESSIONS" --cir "$cir" --concurrency 32 --ttl 86400 ${USERS_OPT[@]+"${USERS_OPT[@]}"} \
    > "$WORK/idle-$label.log" 2>&1 &
  LOAD_PID=$!
  local t0=$SECONDS
  until grep -q '^READY' "$WORK/idle-$label.log" 2>/dev/null; do
    if ! kill -0 "$LOAD_PID" 2>/dev/null || [ $((SECONDS - t0)) -gt "$READY_TIMEOUT" ]; then
      cat "$WORK/idle-$label.log"; echo "load tool did not get ready"; exit 1
    fi
    sleep 1
  done
  sed 's/^/  load: /' "$WORK/idle-$label.log"
  local sessions sockets
  sessions=$(sed -n 's/^READY \([0-9]*\) sessions, \([0-9]*\) cir sockets.*/\1/p' "$WORK/idle-$label.log")
  sockets=$(sed -n 's/^READY \([0-9]*\) sessions, \([0-9]*\) cir sockets.*/\2/p' "$WORK/idle-$label.log")
  sleep 5
  local after rss_after
  after=$(heap_used_kb); rss_after=$(rss_kb)
  grep -q 'closed by the server' "$WORK/idle-$label.log" && { echo "  the server closed CIR sockets:"; grep 'closed by the server' "$WORK/idle-$label.log" | tail -1; }
  BYTES_PER_SESSION=$(awk -v a="$after" -v b="$before" -v n="$sessions" 'BEGIN {printf "%.0f", (a - b) * 1024 / n}')
  RSS_PER_SESSION=$(awk -v a="$rss_after" -v b="$rss_before" -v n="$sessions" 'BEGIN {printf "%.0f", (a - b) * 1024 / n}')
  printf '  %s: heap used %d KiB -> %d KiB for %d sessions, %d CIR sockets: %s bytes/session (RSS %d -> %d KiB: %s bytes/session)\n' \
    "$label" "$before" "$after" "$sessions" "$sockets" "$BYTES_PER_SESSION" "$rss_before" "$rss_after" "$RSS_PER_SESSION"
  if [ "$sessions" != "$SESSIONS" ] || { [ "$cir" = true ] && [ "$sockets" != "$SESSIONS" ]; }; then
    echo "  WARNING: asked for $SESSIONS sessions; see the load tool's failures above"
  fi
  if [ "${HISTO:-0}" = 1 ]; then
    histogram "$WORK/histo-after-$label"
    awk -v n="$sessions" 'NR == FNR {b += $3; next} {a += $3} END {printf "  live objects (class histogram totals, each after a full GC): %.0f bytes/session\n", (a - b) / n}' \
      "$WORK/histo-before-$label" "$WORK/histo-after-$label"
    echo "  classes that grew most (bytes per session, instances per session):"
    awk -v n="$sessions" 'NR == FNR {b[$1] = $3; i[$1] = $2; next}
      {d = $3 - b[$1]; if (d > 0) printf "%12.1f %8.2f  %s\n", d / n, ($2 - i[$1]) / n, $1}' \
      "$WORK/histo-before-$label" "$WORK/histo-after-$label" | sort -rn | head -15 | sed 's/^/  /' || true
  fi
  report_log_errors "$WORK/gateway-$label.log" gateway 10 | sed 's/^/  /'
  stop "$LOAD_PID"; LOAD_PID=
  stop "$GW_PID"; GW_PID=
}

jar_banner
echo "idle session memory: $SESSIONS sessions ($([ "$USERS" -gt 0 ] && echo "$USERS users" || echo "users alice and bob")), gateway -Xms2g -Xmx2g G1 (pre-touched) on CPU 0, load on CPU 1, ulimit -n $NOFILE"
measure no-cir false
PLAIN=$BYTES_PER_SESSION; PLAIN_RSS=$RSS_PER_SESSION
if [ $((SESSIONS + 1000)) -gt "$NOFILE" ]; then
  echo "  with-cir: skipped, $SESSIONS CIR sockets need more than ulimit -n = $NOFILE descriptors per process"
  CIR=skipped; CIR_RSS=skipped
else
  measure with-cir true
  CIR=$BYTES_PER_SESSION; CIR_RSS=$RSS_PER_SESSION
fi
echo
printf '%-34s %12s %12s %12s\n' "idle session ($SESSIONS)" "heap B/sess" "target" "RSS B/sess"
printf '%-34s %12s %12s %12s\n' "without TCP CIR socket" "$PLAIN" "<= $TARGET_PLAIN" "$PLAIN_RSS"
printf '%-34s %12s %12s %12s\n' "with a standalone TCP CIR socket" "$CIR" "<= $TARGET_CIR" "$CIR_RSS"
[ "$CIR" = skipped ] && CIR_JSON=null || CIR_JSON=$CIR
[ "$CIR_RSS" = skipped ] && CIR_RSS_JSON=null || CIR_RSS_JSON=$CIR_RSS
echo "JSON {\"bench\":\"session-memory\",\"sessions\":$SESSIONS,\"users\":$([ "$USERS" -gt 0 ] && echo "$USERS" || echo 2),\"heap_bytes_per_session\":$PLAIN,\"heap_bytes_per_session_cir\":$CIR_JSON,\"rss_bytes_per_session\":$PLAIN_RSS,\"rss_bytes_per_session_cir\":$CIR_RSS_JSON}"
