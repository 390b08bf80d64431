#!/usr/bin/env bash
# KeepAlive transactions/s through the gateway, as a ratio to a bare Vert.x echo server answering
# the same bytes. Both servers run pinned to CPU 0, wrk to CPU 1; runs alternate so that noise on
# the shared machine hits both sides alike. Usage: bench/keepalive.sh [rounds] [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-32}
GW_PORT=18080; MGMT_PORT=19090; ECHO_PORT=18081; CIR_PORT=17080; CLUSTER_PORT=15080
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
bench_jars
WORK=$(mktemp -d)
cleanup() { kill "${GW_PID:-}" "${ECHO_PID:-}" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

# Ports and a cluster name of its own: a gateway started with the defaults elsewhere on the host
# holds 7000 and 5701.
IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT IMPS_HTTP_INSTANCES=1 \
IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_CLUSTER_NAME=bench-keepalive-$$ IMPS_CLUSTER_PORT=$CLUSTER_PORT \
  taskset -c 0 java -Xms512m -Xmx512m -jar "$GW_JAR" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
taskset -c 0 java -Xms512m -Xmx512m -cp "$BENCH_JAR" imps.bench.EchoServer $ECHO_PORT 1 > "$WORK/echo.log" 2>&1 &
ECHO_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60

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

run() { # url -> requests/s
  taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$WORK/post.lua" "$1" | awk '/Requests\/sec/ {print $2}'
}
echo "warm-up..."
run "http://127.0.0.1:$ECHO_PORT/imps" >/dev/null
run "http://127.0.0.1:$GW_PORT/imps" >/dev/null
printf '%-6s %14s %14s %8s\n' round echo_req_s gateway_req_s ratio
RATIOS=()
for r in $(seq 1 "$ROUNDS"); do
  E=$(run "http://127.0.0.1:$ECHO_PORT/imps")
  G=$(run "http://127.0.0.1:$GW_PORT/imps")
  RATIO=$(awk -v g="$G" -v e="$E" 'BEGIN {printf "%.3f", g / e}')
  RATIOS+=("$RATIO")
  printf '%-6s %14s %14s %8s\n' "$r" "$E" "$G" "$RATIO"
done
MEDIAN=$(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median ratio gateway/echo: $MEDIAN  (KeepAlive over HTTP keep-alive, $CONNECTIONS connections, servers on CPU 0, wrk on CPU 1)"
