#!/usr/bin/env bash
# KeepAlive transactions/s through the gateway, as a ratio to a bare Vert.x echo server answering
# the same bytes. Both servers run pinned to CPU 0, wrk to CPU 1; runs alternate so that noise on
# the shared machine hits both sides alike, after one unrecorded run on each (JIT warm-up). Each round
# also gives the CPU time per request of each server (/proc/<pid>/stat). Prints a JSON line.
# Usage: bench/keepalive.sh [rounds] [seconds] [connections]; WARMUP_RUNS (the fewest warm-up runs, 2),
# GW_JAR, GW_OPTS as in relay.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-32}
read -r GW_PORT MGMT_PORT ECHO_PORT CIR_PORT CLUSTER_PORT <<< "$(free_ports 5)"
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
bench_jars
WORK=$(mktemp -d)
cleanup() {
  for pid in ${GW_PID:-} ${ECHO_PID:-}; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"

# Ports and a cluster name of its own: a gateway started with the defaults elsewhere on the host
# holds 7000 and 5701.
IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT IMPS_HTTP_INSTANCES=1 \
IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_CLUSTER_NAME=$(cluster_name keepalive) IMPS_CLUSTER_PORT=$CLUSTER_PORT \
  taskset -c 0 java -Xms512m -Xmx512m ${GW_OPTS:-} -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
taskset -c 0 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.EchoServer $ECHO_PORT 1 > "$WORK/echo.log" 2>&1 &
ECHO_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60
jar_banner

NS=http://www.openmobilealliance.org/DTD/WV-CSP1.2
TRC=http://www.openmobilealliance.org/DTD/WV-TRC1.2
LOGIN="<WV-CSP-Message xmlns=\"$NS\"><Session><SessionDescriptor><SessionType>Outband</SessionType></SessionDescriptor><Transaction><TransactionDescriptor><TransactionMode>Request</TransactionMode><TransactionID>1</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"$TRC\"><Login-Request><UserID>alice</UserID><ClientID><URL>bench</URL></ClientID><Password>secret</Password><TimeToLive>3600</TimeToLive><SessionCookie>bench</SessionCookie></Login-Request></TransactionContent></Transaction></Session></WV-CSP-Message>"
SID=$(curl -s -H 'Content-Type: application/vnd.wv.csp.xml' --data-binary "$LOGIN" "http://127.0.0.1:$GW_PORT/imps" | sed -n 's:.*<SessionID>\([^<]*\)</SessionID>.*:\1:p')
[ -n "$SID" ] || { echo "login failed"; exit 1; }
BODY="<WV-CSP-Message xmlns=\"$NS\"><Session><SessionDescriptor><SessionType>Inband</SessionType><SessionID>$SID</SessionID></SessionDescriptor><Transaction><TransactionDescriptor><TransactionMode>Request</TransactionMode><TransactionID>6</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"$TRC\"><KeepAlive-Request/></TransactionContent></Transaction></Session></WV-CSP-Message>"
REPLY=$(curl -s -H 'Content-Type: application/vnd.wv.csp.xml' --data-binary "$BODY" "http://127.0.0.1:$GW_PORT/imps")
echo "$REPLY" | grep -q '<Code>200</Code>' || { echo "keep-alive failed: $REPLY"; exit 1; }
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/vnd.wv.csp.xml"
wrk.body = [[$BODY]]
LUA

TICK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU of a process, in clock ticks
run() { # url -> requests/s
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$WORK/post.lua" "$1" | awk '/Requests\/sec/ {print $2}'
}
measure() { # url pid -> "requests/s CPU-µs-per-request" of the server with that pid
  local t0 t1 r
  t0=$(ticks "$2"); r=$(run "$1"); t1=$(ticks "$2")
  awk -v r="$r" -v t=$((t1 - t0)) -v hz="$TICK" -v d="$SECONDS_PER_RUN" 'BEGIN {printf "%s %.2f", r, t * 1e6 / hz / (r * d)}'
}
# The JIT compiles the hot paths during the first seconds of load, and its compiler threads count in
# the process's CPU time; on a busy machine fewer requests fit in those seconds. Warm-up runs on each
# server (at least WARMUP_RUNS, at most 6) repeat until the gateway's CPU per request settles (the
# last two within 15 %).
WARMUP_RUNS=${WARMUP_RUNS:-2}
WARM=()
while :; do
  run "http://127.0.0.1:$ECHO_PORT/imps" >/dev/null
  read -r _ GC <<< "$(measure "http://127.0.0.1:$GW_PORT/imps" "$GW_PID")"
  WARM+=("$GC")
  n=${#WARM[@]}
  [ "$n" -ge 6 ] && break
  [ "$n" -ge "$WARMUP_RUNS" ] && awk -v a="${WARM[n-2]}" -v b="${WARM[n-1]}" 'BEGIN {exit !(b <= 1.15 * a && b >= 0.85 * a)}' && break
done
echo "warm-up: ${#WARM[@]} runs of ${SECONDS_PER_RUN} s on each server (not recorded), gateway CPU us per request: ${WARM[*]}"
# The throughput ratio holds only while each server gets the whole of CPU 0 during its run; on a shared
# machine the ratio of CPU time per request (echo ÷ gateway) does not depend on that and is printed too.
printf '%-6s %14s %14s %8s %16s %16s %10s\n' round echo_req_s gateway_req_s ratio echo_cpu_us_req gw_cpu_us_req cpu_ratio
RATIOS=(); GW_CPU=(); ECHO_CPU=(); CPU_RATIOS=()
for r in $(seq 1 "$ROUNDS"); do
  read -r E EC <<< "$(measure "http://127.0.0.1:$ECHO_PORT/imps" "$ECHO_PID")"
  read -r G GC <<< "$(measure "http://127.0.0.1:$GW_PORT/imps" "$GW_PID")"
  RATIO=$(awk -v g="$G" -v e="$E" 'BEGIN {printf "%.3f", g / e}')
  CPU_RATIO=$(awk -v g="$GC" -v e="$EC" 'BEGIN {printf "%.3f", e / g}')
  RATIOS+=("$RATIO"); GW_CPU+=("$GC"); ECHO_CPU+=("$EC"); CPU_RATIOS+=("$CPU_RATIO")
  printf '%-6s %14s %14s %8s %16s %16s %10s\n' "$r" "$E" "$G" "$RATIO" "$EC" "$GC" "$CPU_RATIO"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { printf '%s-%s' "$(printf '%s\n' "$@" | sort -n | head -1)" "$(printf '%s\n' "$@" | sort -n | tail -1)"; }
MEDIAN=$(median "${RATIOS[@]}")
CPU_MEDIAN=$(median "${CPU_RATIOS[@]}")
echo "median ratio gateway/echo: requests/s $MEDIAN (rounds $(spread "${RATIOS[@]}")), by CPU per request $CPU_MEDIAN (rounds $(spread "${CPU_RATIOS[@]}")); gateway CPU $(median "${GW_CPU[@]}") us per KeepAlive  (KeepAlive over HTTP keep-alive, $CONNECTIONS connections, servers on CPU 0, wrk on CPU 1, after warm-up)"
echo "JSON {\"bench\":\"keepalive\",\"rounds\":$ROUNDS,\"seconds\":$SECONDS_PER_RUN,\"connections\":$CONNECTIONS,\"warmup_s\":$((${#WARM[@]} * SECONDS_PER_RUN)),\"ratios\":[$(IFS=,; echo "${RATIOS[*]}")],\"ratio_median\":$MEDIAN,\"cpu_ratios\":[$(IFS=,; echo "${CPU_RATIOS[*]}")],\"cpu_ratio_median\":$CPU_MEDIAN,\"gateway_cpu_us\":[$(IFS=,; echo "${GW_CPU[*]}")],\"echo_cpu_us\":[$(IFS=,; echo "${ECHO_CPU[*]}")]}"
