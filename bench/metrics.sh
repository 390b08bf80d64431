#!/usr/bin/env bash
# What metrics cost: KeepAlive transactions/s through a gateway with metrics on (metrics.enabled,
# the default: Micrometer, Vert.x and JVM metrics, the telemetry seam) as a ratio to the same gateway
# with metrics off, in the same run. Both nodes run at once, pinned to CPU 0, wrk on CPU 1; runs
# alternate between them so that noise on the shared machine hits both alike. A scrape of /metrics
# every second runs against the node with metrics on while it is measured, as Prometheus would, from
# the load tool's core (a Prometheus server runs on another machine). At the end, the CPU one scrape
# costs the node, measured over SCRAPES scrapes while no load runs.
# Rounds alternate which node runs first.
# Usage: bench/metrics.sh [rounds] [seconds] [connections] [warm-up runs]
#   Environment: SCRAPE=0 measures without the scrapes during the rounds (what the meters on the
#   request path cost alone); SCRAPES (200) scrapes for the per-scrape figure.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ROUNDS=${1:-5}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-32}
WARMUP=${4:-4}
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
bench_jars
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
start_node() { # name metrics-enabled -> sets PORT_<name> MGMT_<name>
  local http mgmt cir cluster
  read -r http mgmt cir cluster <<< "$(free_ports 4)"
  IMPS_NODE_ID=$1 IMPS_METRICS_ENABLED=$2 IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$http IMPS_HTTP_INSTANCES=1 \
  IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$mgmt IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$cir \
  IMPS_CLUSTER_NAME=$(cluster_name metrics-$1) IMPS_CLUSTER_PORT=$cluster \
    taskset -c 0 java -Xms512m -Xmx512m -jar "$WORK/gateway.jar" > "$WORK/$1.log" 2>&1 &
  PIDS+=($!)
  await_ready "$mgmt" "$!" "$WORK/$1.log" 120
  eval "PORT_$1=$http; MGMT_$1=$mgmt; PID_$1=$!"
}
start_node on true
start_node off false
jar_banner

NS=http://www.openmobilealliance.org/DTD/WV-CSP1.2
TRC=http://www.openmobilealliance.org/DTD/WV-TRC1.2
script() { # name http-port -> $WORK/<name>.lua posting KeepAlive for a fresh session
  local login sid body
  login="<WV-CSP-Message xmlns=\"$NS\"><Session><SessionDescriptor><SessionType>Outband</SessionType></SessionDescriptor><Transaction><TransactionDescriptor><TransactionMode>Request</TransactionMode><TransactionID>1</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"$TRC\"><Login-Request><UserID>alice</UserID><ClientID><URL>bench-$1</URL></ClientID><Password>secret</Password><TimeToLive>3600</TimeToLive><SessionCookie>bench</SessionCookie></Login-Request></TransactionContent></Transaction></Session></WV-CSP-Message>"
  sid=$(curl -s -H 'Content-Type: application/vnd.wv.csp.xml' --data-binary "$login" "http://127.0.0.1:$2/imps" | sed -n 's:.*<SessionID>\([^<]*\)</SessionID>.*:\1:p')
  [ -n "$sid" ] || { echo "login on $1 failed"; exit 1; }
  body="<WV-CSP-Message xmlns=\"$NS\"><Session><SessionDescriptor><SessionType>Inband</SessionType><SessionID>$sid</SessionID></SessionDescriptor><Transaction><TransactionDescriptor><TransactionMode>Request</TransactionMode><TransactionID>6</TransactionID></TransactionDescriptor><TransactionContent xmlns=\"$TRC\"><KeepAlive-Request/></TransactionContent></Transaction></Session></WV-CSP-Message>"
  curl -s -H 'Content-Type: application/vnd.wv.csp.xml' --data-binary "$body" "http://127.0.0.1:$2/imps" | grep -q '<Code>200</Code>' \
    || { echo "keep-alive on $1 failed"; exit 1; }
  printf 'wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/vnd.wv.csp.xml"\nwrk.body = [[%s]]\n' "$body" > "$WORK/$1.lua"
}
script on "$PORT_on"
script off "$PORT_off"

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU of a process, in ticks
run() { # name port -> "requests/s CPU-microseconds-per-request" of that node
  local pid before requests after
  pid=$(eval echo "\$PID_$1")
  before=$(cpu_ticks "$pid")
  requests=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" -s "$WORK/$1.lua" "http://127.0.0.1:$2/imps" \
    | awk '/requests in/ {print $1}')
  after=$(cpu_ticks "$pid")
  awk -v n="$requests" -v t="$((after - before))" -v hz="$TICK" -v s="$SECONDS_PER_RUN" \
    'BEGIN {printf "%.0f %.1f", n / s, t / hz * 1e6 / n}'
}
scraping() { # while the node with metrics on is measured, Prometheus-like scrapes once a second
  while sleep 1; do taskset -c 1 curl -s -o /dev/null "http://127.0.0.1:$MGMT_on/metrics"; done
}
echo "warm-up ($WARMUP runs on each node)..."
for _ in $(seq 1 "$WARMUP"); do run on "$PORT_on" >/dev/null; run off "$PORT_off" >/dev/null; done
printf '%-6s %12s %12s %8s %14s %14s %8s\n' round off_req_s on_req_s on/off off_cpu_us_req on_cpu_us_req on/off
RATIOS=(); CPU_RATIOS=()
measure_on() {
  if [ "${SCRAPE:-1}" = 1 ]; then scraping & SCRAPER=$!; else SCRAPER=; fi
  read -r ON ON_CPU <<< "$(run on "$PORT_on")"
  if [ -n "$SCRAPER" ]; then kill "$SCRAPER" 2>/dev/null || true; wait "$SCRAPER" 2>/dev/null || true; fi
}
for r in $(seq 1 "$ROUNDS"); do
  # Which node goes first alternates: whatever the second run of a round inherits (a warmer cache, a
  # neighbour's leftover work) falls on each node in every other round.
  if [ $((r % 2)) = 1 ]; then
    read -r OFF OFF_CPU <<< "$(run off "$PORT_off")"; measure_on
  else
    measure_on; read -r OFF OFF_CPU <<< "$(run off "$PORT_off")"
  fi
  RATIO=$(awk -v a="$ON" -v b="$OFF" 'BEGIN {printf "%.3f", a / b}')
  CPU_RATIO=$(awk -v a="$ON_CPU" -v b="$OFF_CPU" 'BEGIN {printf "%.3f", a / b}')
  RATIOS+=("$RATIO"); CPU_RATIOS+=("$CPU_RATIO")
  printf '%-6s %12s %12s %8s %14s %14s %8s\n' "$r" "$OFF" "$ON" "$RATIO" "$OFF_CPU" "$ON_CPU" "$CPU_RATIO"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
SERIES=$(curl -s "http://127.0.0.1:$MGMT_on/metrics" | grep -vc '^#')
echo "median throughput ratio metrics on/off: $(median "${RATIOS[@]}"); median CPU per KeepAlive on/off: $(median "${CPU_RATIOS[@]}")"
if [ "${SCRAPE:-1}" = 1 ]; then SCRAPED="$SERIES series scraped every second from CPU 1"; else SCRAPED="no scrapes during the rounds ($SERIES series)"; fi
echo "(KeepAlive over HTTP keep-alive, $CONNECTIONS connections, nodes on CPU 0, wrk on CPU 1; $SCRAPED)"
SCRAPES=${SCRAPES:-200}
for _ in $(seq 1 "$SCRAPES"); do taskset -c 1 curl -s -o /dev/null "http://127.0.0.1:$MGMT_on/metrics"; done
BEFORE=$(cpu_ticks "$PID_on")
for _ in $(seq 1 "$SCRAPES"); do taskset -c 1 curl -s -o /dev/null "http://127.0.0.1:$MGMT_on/metrics"; done
AFTER=$(cpu_ticks "$PID_on")
echo "one scrape ($SERIES series) costs the node $(awk -v t="$((AFTER - BEFORE))" -v hz="$TICK" -v n="$SCRAPES" \
  'BEGIN {printf "%.1f", t / hz * 1e3 / n}') ms of CPU (over $SCRAPES scrapes after $SCRAPES to warm up, no load)"
report_log_errors "$WORK/on.log" "metrics on"
report_log_errors "$WORK/off.log" "metrics off"
