#!/usr/bin/env bash
# Transactions arriving at a node that does not own the session, as a ratio to transactions at the
# owner: two gateway nodes in one cluster, one session owned by node A, the same KeepAlive-Request
# POSTed by wrk to A (owner-local) and to B (forwarded over the clustered event bus, in batches per
# owner and event-loop turn), alternating.
# Both nodes are pinned to CPU 0, wrk to CPU 1. Usage: bench/cluster-forwarding.sh [rounds] [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-32}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
bench_jars
WORK=$(mktemp -d)
cleanup() { kill "${A_PID:-}" "${B_PID:-}" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

node() { # id http mgmt cir cluster
  IMPS_NODE_ID=$1 IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$2 IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$3 \
  IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$4 IMPS_CLUSTER_PORT=$5 IMPS_CLUSTER_MEMBERS=127.0.0.1:${CLUSTER_A} \
  IMPS_CLUSTER_NAME=$CLUSTER_NAME \
  IMPS_HTTP_INSTANCES=1 taskset -c 0 java -Xms512m -Xmx512m -jar "$GW_JAR" > "$WORK/$1.log" 2>&1 &
}
read -r HTTP_A HTTP_B MGMT_A MGMT_B CIR_A CIR_B CLUSTER_A CLUSTER_B <<< "$(free_ports 8)"
CLUSTER_NAME=$(cluster_name forwarding)
node a "$HTTP_A" "$MGMT_A" "$CIR_A" "$CLUSTER_A"; A_PID=$!
node b "$HTTP_B" "$MGMT_B" "$CIR_B" "$CLUSTER_B"; B_PID=$!
await_ready "$MGMT_A" "$A_PID" "$WORK/a.log" 90
await_ready "$MGMT_B" "$B_PID" "$WORK/b.log" 90

NS=http://www.openmobilealliance.org/DTD/WV-CSP1.2
TRC=http://www.openmobilealliance.org/DTD/WV-TRC1.2
LOGIN="<WV-CSP-Message xmlns=\"$NS\"><Session><SessionDescriptor><SessionType>Outband</SessionType></SessionDescriptor><Transaction><TransactionDescriptor><TransactionMode>Request</TransactionMode><TransactionID>1</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"$TRC\"><Login-Request><UserID>alice</UserID><ClientID><URL>bench-cluster</URL></ClientID><Password>secret</Password><TimeToLive>3600</TimeToLive><SessionCookie>bench</SessionCookie></Login-Request></TransactionContent></Transaction></Session></WV-CSP-Message>"
SID=$(curl -s -H 'Content-Type: application/vnd.wv.csp.xml' --data-binary "$LOGIN" http://127.0.0.1:$HTTP_A/imps | sed -n 's:.*<SessionID>\([^<]*\)</SessionID>.*:\1:p')
[ -n "$SID" ] || { echo "login failed"; exit 1; }
BODY="<WV-CSP-Message xmlns=\"$NS\"><Session><SessionDescriptor><SessionType>Inband</SessionType><SessionID>$SID</SessionID></SessionDescriptor><Transaction><TransactionDescriptor><TransactionMode>Request</TransactionMode><TransactionID>6</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"$TRC\"><KeepAlive-Request/></TransactionContent></Transaction></Session></WV-CSP-Message>"
for port in "$HTTP_A" "$HTTP_B"; do
  curl -s -H 'Content-Type: application/vnd.wv.csp.xml' --data-binary "$BODY" "http://127.0.0.1:$port/imps" | grep -q '<Code>200</Code>' \
    || { echo "keep-alive through $port failed"; exit 1; }
done
cat > "$WORK/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/vnd.wv.csp.xml"
wrk.body = [[$BODY]]
LUA
run() { taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$WORK/post.lua" "$1" | awk '/Requests\/sec/ {print $2}'; }
# CPU time (user + system, in clock ticks) both gateway processes used so far.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
# Runs wrk against $1; prints requests/s, then the CPU microseconds per request of node A and of node B.
measure() {
  local a0 b0 t0 r a1 b1 t1
  a0=$(ticks "$A_PID"); b0=$(ticks "$B_PID"); t0=$(date +%s.%N)
  r=$(run "$1")
  a1=$(ticks "$A_PID"); b1=$(ticks "$B_PID"); t1=$(date +%s.%N)
  awk -v r="$r" -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v t0="$t0" -v t1="$t1" -v hz="$HZ" \
    'BEGIN {n = r * (t1 - t0); printf "%s %.1f %.1f", r, a * 1e6 / hz / n, b * 1e6 / hz / n}'
}
echo "warm-up..."
run http://127.0.0.1:$HTTP_A/imps >/dev/null
run http://127.0.0.1:$HTTP_B/imps >/dev/null
printf '%-6s %12s %16s %7s   %-22s %-22s\n' round owner_req_s non_owner_req_s ratio "owner-local cpu us/req" "forwarded cpu us/req"
RATIOS=()
for r in $(seq 1 "$ROUNDS"); do
  read -r O OA OB <<<"$(measure http://127.0.0.1:$HTTP_A/imps)"
  read -r N NA NB <<<"$(measure http://127.0.0.1:$HTTP_B/imps)"
  RATIO=$(awk -v n="$N" -v o="$O" 'BEGIN {printf "%.3f", n / o}')
  RATIOS+=("$RATIO")
  printf '%-6s %12s %16s %7s   A %5s + B %5s      A %5s + B %5s\n' "$r" "$O" "$N" "$RATIO" "$OA" "$OB" "$NA" "$NB"
done
MEDIAN=$(printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "median ratio non-owner/owner: $MEDIAN  (KeepAlive, $CONNECTIONS connections, both nodes on CPU 0, wrk on CPU 1)"
