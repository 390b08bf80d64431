#!/usr/bin/env bash
# KeepAlive transactions/s through one gateway in WBXML, as a ratio to the same KeepAlive in XML,
# measured in the same run: rounds alternate XML and WBXML against the same node and session, so
# noise on the shared machine hits both alike. The gateway runs pinned to CPU 0, wrk to CPU 1; a
# warm-up round of each syntax runs first and is not recorded (the JIT compiles both codecs).
# Usage: bench/wbxml-keepalive.sh [rounds=5] [seconds=10] [connections=32]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${1:-5}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-32}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
bench_jars
WORK=$(mktemp -d)
cleanup() { kill "${GW_PID:-}" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
read -r GW_PORT MGMT_PORT CLUSTER_PORT <<< "$(free_ports 3)"

IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
IMPS_HTTP_INSTANCES=1 IMPS_TCP_CIR_ENABLED=false IMPS_UDP_CIR_ENABLED=false \
IMPS_CLUSTER_NAME=$(cluster_name wbxml) IMPS_CLUSTER_PORT=$CLUSTER_PORT \
  taskset -c 0 java -Xms512m -Xmx512m -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 90
jar_banner

NS=http://www.openmobilealliance.org/DTD/WV-CSP1.2
TRC=http://www.openmobilealliance.org/DTD/WV-TRC1.2
LOGIN="<WV-CSP-Message xmlns=\"$NS\"><Session><SessionDescriptor><SessionType>Outband</SessionType></SessionDescriptor><Transaction><TransactionDescriptor><TransactionMode>Request</TransactionMode><TransactionID>1</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"$TRC\"><Login-Request><UserID>alice</UserID><ClientID><URL>bench-wbxml</URL></ClientID><Password>secret</Password><TimeToLive>3600</TimeToLive><SessionCookie>bench</SessionCookie></Login-Request></TransactionContent></Transaction></Session></WV-CSP-Message>"
SID=$(curl -s -H 'Content-Type: application/vnd.wv.csp.xml' --data-binary "$LOGIN" "http://127.0.0.1:$GW_PORT/imps" | sed -n 's:.*<SessionID>\([^<]*\)</SessionID>.*:\1:p')
[ -n "$SID" ] || { echo "login failed"; exit 1; }

for syntax in XML WBXML; do
  # The gateway's own encoders write the bodies: the load-tool jar leaves the gateway out.
  java -cp "$WORK/gateway.jar:$BENCH_JAR" imps.bench.KeepAliveBody "$syntax" "$SID" > "$WORK/$syntax.body"
done
check() { # syntax content-type: the gateway answers the body in the same syntax, KeepAlive-Response 200
  curl -s -o "$WORK/$1.reply" -w '%{content_type}' -H "Content-Type: $2" --data-binary "@$WORK/$1.body" \
    "http://127.0.0.1:$GW_PORT/imps"
}
[ "$(check XML application/vnd.wv.csp.xml)" = application/vnd.wv.csp.xml ] && grep -q '<Code>200</Code>' "$WORK/XML.reply" \
  || { echo "XML keep-alive failed: $(cat "$WORK/XML.reply")"; exit 1; }
[ "$(check WBXML application/vnd.wv.csp.wbxml)" = application/vnd.wv.csp.wbxml ] \
  || { echo "WBXML keep-alive not answered in WBXML"; exit 1; }
echo "bodies: XML $(stat -c %s "$WORK/XML.body") bytes, WBXML $(stat -c %s "$WORK/WBXML.body") bytes;" \
  "answers: XML $(stat -c %s "$WORK/XML.reply") bytes, WBXML $(stat -c %s "$WORK/WBXML.reply") bytes"

for syntax in XML WBXML; do
  type=application/vnd.wv.csp.xml; [ "$syntax" = WBXML ] && type=application/vnd.wv.csp.wbxml
  cat > "$WORK/$syntax.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "$type"
local f = io.open("$WORK/$syntax.body", "rb")
wrk.body = f:read("*all")
f:close()
LUA
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$GW_PID/stat"; }
run() { # syntax -> "requests/s cpu-µs-per-request"
  local before after rps
  before=$(cpu_ticks)
  rps=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$WORK/$1.lua" "http://127.0.0.1:$GW_PORT/imps" \
        | awk '/Requests\/sec/ {print $2}')
  after=$(cpu_ticks)
  awk -v r="$rps" -v t=$((after - before)) -v s="$SECONDS_PER_RUN" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%s %.1f", r, t / hz * 1e6 / (r * s)}'
}
echo "warm-up (not recorded)..."
run XML >/dev/null; run WBXML >/dev/null
printf '%-6s %12s %10s %12s %10s %10s %10s\n' round xml_req_s xml_cpu_us wbxml_req_s wbxml_cpu_us req_ratio cpu_ratio
RATES=(); CPUS=()
for r in $(seq 1 "$ROUNDS"); do
  read -r XR XC <<<"$(run XML)"
  read -r WR WC <<<"$(run WBXML)"
  RATE=$(awk -v w="$WR" -v x="$XR" 'BEGIN {printf "%.3f", w / x}')
  CPU=$(awk -v w="$WC" -v x="$XC" 'BEGIN {printf "%.3f", w / x}')
  RATES+=("$RATE"); CPUS+=("$CPU")
  printf '%-6s %12s %10s %12s %10s %10s %10s\n' "$r" "$XR" "$XC" "$WR" "$WC" "$RATE" "$CPU"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
RATE_MEDIAN=$(median "${RATES[@]}"); CPU_MEDIAN=$(median "${CPUS[@]}")
echo "median WBXML/XML: requests/s $RATE_MEDIAN, gateway CPU per KeepAlive $CPU_MEDIAN" \
  "($CONNECTIONS connections, gateway on CPU 0, wrk on CPU 1, after a warm-up round of each)"
printf '{"bench":"wbxml-keepalive","rounds":%d,"seconds":%d,"connections":%d,"requestsRatio":%s,"cpuRatio":%s}\n' \
  "$ROUNDS" "$SECONDS_PER_RUN" "$CONNECTIONS" "$RATE_MEDIAN" "$CPU_MEDIAN"
report_log_errors "$WORK/gateway.log" gateway
