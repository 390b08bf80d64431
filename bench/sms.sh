#!/usr/bin/env bash
# SMS round trips through the SMSC simulator: N phones send PTS KeepAlive-Requests as deliver_sm to
# the gateway, which answers each with a submit_sm to the phone; the in-run baseline is a bare SMPP
# echo (imps.bench.SmsEcho: the gateway's own SMPP link submitting each message straight back, no
# PTS, no router, no session) with the same phones, requests and concurrency, in alternating rounds.
# The load tool (imps.bench.SmsLoad) runs both SMSC simulators and the phones, pinned to CPU 1; the
# gateway and the echo each bind to their own simulator and run pinned to CPU 0.
# Usage: bench/sms.sh [phones=200] [seconds=10] [concurrency=16]
#   Environment: ROUNDS (3), WARMUP (seconds per side before the rounds, not recorded, 30),
#   WINDOW (sms.smpp.window of gateway and echo, 64), RATE (sms.smpp.maxSubmitsPerSecond, 100000),
#   GW_JAR (a saved gateway jar instead of app/target's), GW_OPTS (extra JVM options for the gateway,
#   e.g. -XX:StartFlightRecording=filename=/tmp/sms.jfr,settings=profile,dumponexit=true), JSON_OUT (where the JSON
#   line is written, bench/target/sms.json).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PHONES=${1:-200}
SECONDS_PER_ROUND=${2:-10}
CONCURRENCY=${3:-16}
ROUNDS=${ROUNDS:-3}
# The gateway has far more code to compile than the echo, and its JIT shares CPU 0 with it: after
# 5 s of warm-up its first round ran at a third of its later speed, after 15 s at two thirds.
WARMUP=${WARMUP:-30}
# Far above what 16 phones in flight can use: the SMSC licence of the link must not be what is measured.
WINDOW=${WINDOW:-64}
RATE=${RATE:-100000}
JSON_OUT=${JSON_OUT:-bench/target/sms.json}
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT <<< "$(free_ports 4)"
read -r GW_SMSC_PORT ECHO_SMSC_PORT <<< "$(free_ports 2)"
GW_JAR=${GW_JAR:-$(ls app/target/imps-gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)}
BENCH_JAR=bench/target/imps-bench.jar
# A bench jar from before this benchmark existed lacks the load tool: build it too. (grep reads the
# whole listing: with -q, unzip's SIGPIPE would fail the pipeline and force a rebuild every time.)
if [ -z "$GW_JAR" ] || ! unzip -Z1 "$BENCH_JAR" 2>/dev/null | grep -x 'imps/bench/SmsLoad.class' >/dev/null; then
  mvn -B -q -DskipTests -pl app,bench -am package
  GW_JAR=${GW_JAR:-$(ls app/target/imps-gateway-*.jar | grep -v original | head -1)}
fi
WORK=$(mktemp -d)
stop() { # pid
  if [ -n "${1:-}" ]; then kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; fi
}
cleanup() { stop "${GW_PID:-}"; stop "${ECHO_PID:-}"; rm -rf "$WORK"; }
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"
# One account per phone: sms0 … sms(N-1), as the load tool logs them in.
{ echo "users:"; for ((u = 0; u < PHONES; u++)); do echo "  - {userId: sms$u, password: secret}"; done; } > "$WORK/users.yaml"

# Both links retry their bind every second until the load tool's simulators listen.
IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_HTTP_INSTANCES=1 \
IMPS_CLUSTER_NAME=$(cluster_name sms) IMPS_CLUSTER_PORT=$CLUSTER_PORT IMPS_USERS_FILE="$WORK/users.yaml" \
IMPS_SMS_ENABLED=true IMPS_SMS_SMPP_HOST=127.0.0.1 IMPS_SMS_SMPP_PORT=$GW_SMSC_PORT \
IMPS_SMS_SMPP_WINDOW=$WINDOW IMPS_SMS_SMPP_MAX_SUBMITS_PER_SECOND=$RATE \
IMPS_SMS_SMPP_RECONNECT_MIN_SECONDS=1 IMPS_SMS_SMPP_RECONNECT_MAX_SECONDS=1 \
  taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC ${GW_OPTS:-} -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!
taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$WORK/bench.jar" imps.bench.SmsEcho 127.0.0.1 $ECHO_SMSC_PORT "$WINDOW" "$RATE" > "$WORK/echo.log" 2>&1 &
ECHO_PID=$!
await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60

echo "machine: $(nproc) CPUs,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
jar_banner
echo "sms: $PHONES phones, $ROUNDS rounds of $SECONDS_PER_ROUND s, concurrency $CONCURRENCY, SMPP window $WINDOW, at most $RATE submits/s;" \
  "gateway and echo on CPU 0, load tool and simulators on CPU 1"
STATUS=0
taskset -c 1 java -Xms512m -Xmx512m -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$WORK/bench.jar" imps.bench.SmsLoad --gateway-smsc-port $GW_SMSC_PORT --echo-smsc-port $ECHO_SMSC_PORT \
  --phones "$PHONES" --concurrency "$CONCURRENCY" --seconds "$SECONDS_PER_ROUND" --rounds "$ROUNDS" \
  --warmup "$WARMUP" --gateway-pid "$GW_PID" --echo-pid "$ECHO_PID" | tee "$WORK/load.out" || STATUS=$?
mkdir -p "$(dirname "$JSON_OUT")"
sed -n 's/^JSON //p' "$WORK/load.out" > "$JSON_OUT"
[ -s "$JSON_OUT" ] && echo "JSON written to $JSON_OUT"
for log in gateway echo; do
  report_log_errors "$WORK/$log.log" "$log"
done
exit $STATUS
