#!/usr/bin/env bash
# Peer comparison: the one-to-one relay of bench/relay.sh (N pairs, M messages per pair, C in flight)
# through the gateway (TCP CIR) and through Debian's ejabberd (XMPP over plain TCP c2s, SASL PLAIN,
# no shapers), in one run: both servers run at once, pinned to CPU 0 (ejabberd's Erlang VM with one
# scheduler), the load tools (imps.bench.SessionLoad relay, imps.bench.XmppLoad) on CPU 1, and the
# rounds alternate: ejabberd, gateway, ejabberd, gateway … Each side warms up once before its first
# measured round (not recorded). Prints per round and as medians: delivered messages/s of each and
# gateway ÷ ejabberd, CPU per message of each (/proc/<pid>/stat around the round) and
# ejabberd ÷ gateway, relay p99 of each; and a JSON line.
# Usage: bench/peer-ejabberd.sh [pairs=100] [messages=100] [repeat=2]
#   Environment: CONCURRENCY (16), GW_JAR, GW_OPTS as in relay.sh.
#   Needs ejabberd (apt-get install -y ejabberd); it runs as the ejabberd user with a private config,
#   spool and log directory and free ports, and is stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PAIRS=${1:-100}
MESSAGES=${2:-100}
REPEAT=${3:-2}
CONCURRENCY=${CONCURRENCY:-16}
command -v ejabberdctl >/dev/null || { echo "ejabberd missing: apt-get install -y ejabberd"; exit 1; }
read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT XMPP_PORT DIST_PORT <<< "$(free_ports 6)"
bench_jars
WORK=$(mktemp -d)
chmod 755 "$WORK"
NODE="ejbench$$@localhost"
EJ=(ejabberdctl --config "$WORK/ej/ejabberd.yml" --ctl-config "$WORK/ej/ejabberdctl.cfg" --logs "$WORK/ej/logs"
    --spool "$WORK/ej/spool" --node "$NODE")
cleanup() {
  stop_gateway
  if [ -n "${EJ_PID:-}" ]; then
    "${EJ[@]}" stop >/dev/null 2>&1 || kill "$EJ_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$EJ_PID" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
copy_jar "$GW_JAR" "$WORK/gateway.jar"
copy_jar "$BENCH_JAR" "$WORK/bench.jar"

# ejabberd: one virtual host, a plain TCP c2s listener without a shaper, no TLS, accounts in Mnesia
# with plain passwords (SASL PLAIN), only the modules a chat between online users needs. The Erlang
# distribution listens on a port of its own (no epmd), so nothing is shared with another node.
mkdir -p "$WORK/ej/spool" "$WORK/ej/logs"
cat > "$WORK/ej/ejabberd.yml" <<YML
hosts:
  - bench.local
loglevel: warning
certfiles: []
listen:
  -
    port: $XMPP_PORT
    ip: "127.0.0.1"
    module: ejabberd_c2s
    shaper: none
    max_stanza_size: 262144
    starttls: false
    starttls_required: false
auth_method: internal
auth_password_format: plain
default_db: mnesia
shaper_rules:
  c2s_shaper: none
  max_user_sessions: 10
access_rules:
  c2s:
    allow: all
modules:
  mod_roster: {}
  mod_disco: {}
  mod_ping: {}
YML
cat > "$WORK/ej/ejabberdctl.cfg" <<CFG
ERLANG_NODE=$NODE
ERL_DIST_PORT=$DIST_PORT
ERL_OPTIONS="+S 1:1 -env ERL_CRASH_DUMP_BYTES 0"
CFG
{ echo "<?xml version='1.0' encoding='UTF-8'?>"; echo "<server-data xmlns='urn:xmpp:pie:0'><host jid='bench.local'>"
  for ((u = 0; u < 2 * PAIRS; u++)); do echo "<user name='u$u' password='secret'/>"; done
  echo "</host></server-data>"; } > "$WORK/ej/users.xml"
chown -R ejabberd:ejabberd "$WORK/ej"
taskset -c 0 "${EJ[@]}" start
for _ in $(seq 1 60); do "${EJ[@]}" status >/dev/null 2>&1 && break; sleep 1; done
"${EJ[@]}" status >/dev/null || { echo "ejabberd did not start:"; cat "$WORK"/ej/logs/*.log; exit 1; }
EJ_PID=$(pgrep -u ejabberd -f "beam.*$NODE" | head -1)
[ -n "$EJ_PID" ] || { echo "no beam process for $NODE"; exit 1; }
# The accounts, registered in one ejabberdctl call (an XEP-0227 file) rather than one VM per account.
"${EJ[@]}" import_piefxis "$WORK/ej/users.xml"
REGISTERED=$("${EJ[@]}" registered_users bench.local | wc -l)
[ "$REGISTERED" -ge $((2 * PAIRS)) ] || { echo "only $REGISTERED ejabberd accounts"; exit 1; }

# Gateway accounts r<i>u0 … r<i>u(2N-1) for repeat i: a repeat's sessions stay logged in afterwards, and a
# message to a user reaches every live session of theirs, so each repeat has accounts of its own.
{ echo "users:"; for i in $(seq 1 "$REPEAT"); do for ((u = 0; u < 2 * PAIRS; u++)); do echo "  - {userId: r${i}u$u, password: secret}"; done; done; } > "$WORK/users.yaml"
start_gateway peer 1g

jar_banner
echo "ejabberd $(dpkg-query -W -f '${Version}' ejabberd 2>/dev/null) (pid $EJ_PID, one scheduler) and the gateway (pid $GW_PID) on CPU 0, load tools on CPU 1"
echo "relay: $PAIRS pairs x $MESSAGES messages, $CONCURRENCY in flight, $REPEAT rounds per server alternating, each server warmed up first"
STATUS=0
for i in $(seq 1 "$REPEAT"); do
  # The first round of each server warms it up (a whole round, not recorded); later rounds need none.
  W=$([ "$i" = 1 ] && echo "$MESSAGES" || echo 0)
  taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.XmppLoad --host 127.0.0.1 --port "$XMPP_PORT" \
    --domain bench.local --pairs "$PAIRS" --messages "$MESSAGES" --concurrency "$CONCURRENCY" --warmup "$W" --rounds 1 \
    --server-pid "$EJ_PID" --user-prefix u > "$WORK/xmpp-$i.txt" 2>&1 || STATUS=$?
  sed "s/^/  ejabberd $i: /" "$WORK/xmpp-$i.txt" | grep -v ': JSON' || true
  taskset -c 1 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.SessionLoad relay \
    --host 127.0.0.1 --port "$GW_PORT" --cir-port "$CIR_PORT" --pairs "$PAIRS" --messages "$MESSAGES" \
    --concurrency "$CONCURRENCY" --mode cir --warmup "$W" --rounds 1 --gateway-pid "$GW_PID" \
    --user-prefix "r${i}u" > "$WORK/gw-$i.txt" 2>&1 || STATUS=$?
  grep -E '^(round|relay|gateway CPU|messages:|  failure)' "$WORK/gw-$i.txt" | sed "s/^/  gateway $i: /" || true
done

# Per repeat: both JSON lines, then the ratios.
field() { grep -o "\"$2\":[0-9.]*" "$1" | head -1 | cut -d: -f2; }
gw_field() { grep '^JSON' "$1" | grep -o "\"$2\":{[^}]*}" | grep -o "\"$3\":[0-9.]*" | cut -d: -f2; }
echo
printf '%-7s %14s %14s %8s %16s %16s %9s %12s %12s\n' repeat ejabberd_msg_s gateway_msg_s "gw÷ej" ejabberd_cpu_us gateway_cpu_us "ej÷gw cpu" ej_p99_ms gw_p99_ms
RATES=(); CPUS=(); JSON_ROUNDS=()
for i in $(seq 1 "$REPEAT"); do
  grep -q '^JSON' "$WORK/xmpp-$i.txt" && grep -q '^JSON' "$WORK/gw-$i.txt" || { echo "repeat $i: a side printed no figures"; STATUS=1; continue; }
  ER=$(field "$WORK/xmpp-$i.txt" delivered_per_s_median); EC=$(field "$WORK/xmpp-$i.txt" cpu_us_per_message_median)
  EP=$(grep '^JSON' "$WORK/xmpp-$i.txt" | grep -o '"p99_ms":[0-9.]*' | head -1 | cut -d: -f2)
  GR=$(field "$WORK/gw-$i.txt" delivered_per_s_median)
  GC=$(grep '^JSON' "$WORK/gw-$i.txt" | grep -o '"cpu_us_per_message":[0-9.]*' | head -1 | cut -d: -f2)
  GP=$(gw_field "$WORK/gw-$i.txt" relay p99_ms)
  RATE=$(awk -v g="$GR" -v e="$ER" 'BEGIN {printf "%.3f", g / e}')
  CPU=$(awk -v g="$GC" -v e="$EC" 'BEGIN {printf "%.3f", e / g}')
  RATES+=("$RATE"); CPUS+=("$CPU")
  printf '%-7s %14s %14s %8s %16s %16s %9s %12s %12s\n' "$i" "$ER" "$GR" "$RATE" "$EC" "$GC" "$CPU" "$EP" "$GP"
  JSON_ROUNDS+=("{\"ejabberd_per_s\":$ER,\"gateway_per_s\":$GR,\"ratio\":$RATE,\"ejabberd_cpu_us\":$EC,\"gateway_cpu_us\":$GC,\"cpu_ratio\":$CPU,\"ejabberd_p99_ms\":$EP,\"gateway_p99_ms\":$GP}")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
if [ ${#RATES[@]} -gt 0 ]; then
  echo "gateway messages/s ÷ ejabberd messages/s: median $(median "${RATES[@]}"); ejabberd CPU per message ÷ gateway's: median $(median "${CPUS[@]}")"
  echo "JSON {\"bench\":\"peer-ejabberd\",\"pairs\":$PAIRS,\"messages\":$MESSAGES,\"concurrency\":$CONCURRENCY,\"ratio_median\":$(median "${RATES[@]}"),\"cpu_ratio_median\":$(median "${CPUS[@]}"),\"rounds\":[$(IFS=,; echo "${JSON_ROUNDS[*]}")]}"
fi
report_log_errors "$WORK/gateway.log" gateway
exit $STATUS
