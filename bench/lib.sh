# Shared set-up of the benchmark scripts; each script sources it after `cd` to the repository root.

# The gateways a benchmark starts keep subscriber data in memory only unless the caller sets the
# store up (IMPS_STORE_* variables; bench/store.sh does): the figures stay comparable with the ones
# measured before the store, and the multi-node scripts need a shared PostgreSQL for a store.
export IMPS_STORE_ENABLED=${IMPS_STORE_ENABLED:-false}

# The management token of the benchmark's nodes (the admin API refuses every request without one);
# the load tools read it from the same variable.
export IMPS_MGMT_TOKENS=${IMPS_MGMT_TOKENS:-bench-$$-$RANDOM$RANDOM}

# The load tools run every virtual client from one address, 127.0.0.1: the per-address limits, meant
# for single clients and NAT pools, would refuse them (429, closed connections) and the failed-login
# throttle would refuse a run that tests wrong passwords. Off unless the caller sets them.
export IMPS_HTTP_MAX_CONNECTIONS_PER_SOURCE=${IMPS_HTTP_MAX_CONNECTIONS_PER_SOURCE:-0}
export IMPS_HTTP_MAX_REQUESTS_PER_SECOND_PER_SOURCE=${IMPS_HTTP_MAX_REQUESTS_PER_SECOND_PER_SOURCE:-0}
export IMPS_TCP_CIR_MAX_CONNECTIONS_PER_SOURCE=${IMPS_TCP_CIR_MAX_CONNECTIONS_PER_SOURCE:-0}
export IMPS_LOGIN_THROTTLE_MAX_NONCES_PER_SOURCE=${IMPS_LOGIN_THROTTLE_MAX_NONCES_PER_SOURCE:-0}

# N distinct TCP ports that no socket on this machine uses, printed on one line:
#   read -r GW_PORT MGMT_PORT <<< "$(free_ports 2)"
# Taken below the kernel's ephemeral range (ip_local_port_range, where outgoing connections get
# theirs), so a port chosen here is not taken by a connection meanwhile. Ask for all the ports of a
# script at once: nothing listens on them yet, so two separate calls could hand out the same one.
free_ports() { # count
  local low used got=() p
  low=$(awk '{print $1}' /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
  used=" $(ss -Htan 2>/dev/null | awk '{n = split($4, a, ":"); print a[n]}' | sort -u | tr '\n' ' ') "
  while [ ${#got[@]} -lt "$1" ]; do
    p=$(( 10000 + (RANDOM * 32768 + RANDOM) % (low - 10000) ))
    case "$used ${got[*]} " in *" $p "*) continue ;; esac
    got+=("$p")
  done
  echo "${got[*]}"
}

free_port() { free_ports 1; }

# A Hazelcast cluster name of this run alone: two benchmarks (or a benchmark and a test) on one
# machine never join each other's members.
cluster_name() { # label
  echo "bench-$1-$$-$RANDOM"
}

# GW_JAR (the gateway's fat jar, unless the caller set one) and BENCH_JAR (the load tools), built
# when missing.
bench_jars() {
  GW_JAR=${GW_JAR:-$(ls app/target/imps-gateway-*.jar 2>/dev/null | grep -v original | head -1 || true)}
  BENCH_JAR=bench/target/imps-bench.jar
  if [ -z "$GW_JAR" ] || [ ! -f "$BENCH_JAR" ]; then
    mvn -B -q -DskipTests package
    GW_JAR=$(ls app/target/imps-gateway-*.jar | grep -v original | head -1)
  fi
}

# Private copies: a rebuild during the run must not change the jars under the running JVMs. A copy
# taken while another build was writing the jar is incomplete: check it and copy again.
copy_jar() { # source destination
  for _ in $(seq 1 30); do
    cp "$1" "$2" && unzip -tqq "$2" >/dev/null 2>&1 && return 0
    sleep 2
  done
  echo "$1 stays unreadable (a build keeps rewriting it?)"; exit 1
}

# A users file with the accounts load0 … load(count-1), password "secret".
write_users() { # count file
  { echo "users:"; for ((u = 0; u < $1; u++)); do echo "  - {userId: load$u, password: secret}"; done; } > "$2"
}

# Waits until a gateway answers 200 on /health/ready of its management port; on the deadline, or when
# its process ended first, prints the node's log and ends the script.
await_ready() { # mgmt-port pid log [seconds=120]
  for _ in $(seq 1 "${4:-120}"); do
    curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || break
    sleep 1
  done
  echo "gateway (pid $2) not ready on management port $1:"; cat "$3"; exit 1
}

# The set-up of a single-node benchmark: free ports (GW_PORT, MGMT_PORT, CIR_PORT, CLUSTER_PORT), the
# jars (built when missing), a work directory removed at exit with the gateway stopped, and private
# copies of the jars in it ($WORK/gateway.jar, $WORK/bench.jar).
single_node_setup() {
  read -r GW_PORT MGMT_PORT CIR_PORT CLUSTER_PORT <<< "$(free_ports 4)"
  bench_jars
  WORK=$(mktemp -d)
  trap 'stop_gateway; rm -rf "$WORK"' EXIT
  copy_jar "$GW_JAR" "$WORK/gateway.jar"
  copy_jar "$BENCH_JAR" "$WORK/bench.jar"
}

# One gateway node as the single-node benchmarks run it: $WORK/gateway.jar pinned to CPU 0, one HTTP
# instance, HTTP / management / TCP CIR / cluster on GW_PORT, MGMT_PORT, CIR_PORT and CLUSTER_PORT (all
# on 127.0.0.1), a cluster name of its own, the accounts of $WORK/users.yaml and the session limits
# raised for mass logins, G1 (or the collector option in GC, e.g. GC=-XX:+UseShenandoahGC), GW_OPTS;
# other IMPS_* settings come from the caller's environment. Logs to $WORK/gateway.log; sets GW_PID and
# returns once the node is ready. stop_gateway ends it.
start_gateway() { # label heap [JVM options…]
  local label=$1 heap=$2
  shift 2
  IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=$GW_PORT IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=$MGMT_PORT \
  IMPS_TCP_CIR_ENABLED=true IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=$CIR_PORT IMPS_HTTP_INSTANCES=1 \
  IMPS_CLUSTER_NAME=$(cluster_name "$label") IMPS_CLUSTER_PORT=$CLUSTER_PORT \
  IMPS_SESSION_MAX_SESSIONS=10000000 IMPS_SESSION_MAX_SESSIONS_PER_USER=1000000 IMPS_USERS_FILE="$WORK/users.yaml" \
    taskset -c 0 java "-Xms$heap" "-Xmx$heap" ${GC:--XX:+UseG1GC} "$@" ${GW_OPTS:-} -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
  GW_PID=$!
  await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 120
}

stop_gateway() {
  if [ -n "${GW_PID:-}" ]; then kill "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; fi
  GW_PID=
}

# Which gateway build a run measured: the jar's path, build time and the start of its sha256.
jar_banner() {
  echo "gateway jar: $GW_JAR, built $(date -r "$GW_JAR" '+%F %T'), sha256 $(sha256sum "$WORK/gateway.jar" | cut -c1-12)"
}

# Prints the first lines of a node's log with ERROR or Exception in them, if any.
report_log_errors() { # log label [lines=20]
  if grep -E -q 'ERROR|Exception' "$1"; then
    echo "$2 log: $(grep -E -c 'ERROR|Exception' "$1") lines with ERROR or Exception, the first:"
    grep -E -m "${3:-20}" 'ERROR|Exception' "$1" | cut -c1-240
  fi
}

# Three gateway nodes a, b and c as separate processes pinned to CPU 0, on the ports in the arrays
# HTTP, MGMT, CIR and CLUSTER, with $WORK/gateway.jar and $WORK/users.yaml, each logging to
# $WORK/<name>.log; their pids go to PIDS. The session limits are raised for mass logins. a starts
# first, so that b and c join a running member instead of forming clusters of their own.
start_three_nodes() { # cluster-name heap
  start_cluster_node 0 a "$1" "$2"; await_ready "${MGMT[0]}" "${PIDS[0]}" "$WORK/a.log" 180
  start_cluster_node 1 b "$1" "$2"; start_cluster_node 2 c "$1" "$2"
  await_ready "${MGMT[1]}" "${PIDS[1]}" "$WORK/b.log" 180; await_ready "${MGMT[2]}" "${PIDS[2]}" "$WORK/c.log" 180
}

start_cluster_node() { # index name cluster-name heap
  IMPS_NODE_ID=$2 IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT=${HTTP[$1]} IMPS_HTTP_INSTANCES=1 \
  IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT=${MGMT[$1]} IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT=${CIR[$1]} \
  IMPS_CLUSTER_NAME=$3 IMPS_CLUSTER_PORT=${CLUSTER[$1]} IMPS_CLUSTER_MEMBERS=127.0.0.1:${CLUSTER[0]} \
  IMPS_SESSION_MAX_SESSIONS=10000000 IMPS_SESSION_MAX_SESSIONS_PER_USER=1000000 IMPS_USERS_FILE="$WORK/users.yaml" \
    taskset -c 0 java "-Xms$4" "-Xmx$4" -XX:+UseG1GC -jar "$WORK/gateway.jar" > "$WORK/$2.log" 2>&1 &
  PIDS+=($!)
}

# The EXIT trap of the cluster scripts: stops every process in PIDS, keeps the nodes' logs in $LOGS
# when it is set, and removes $WORK.
stop_nodes() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${LOGS:-}" ]; then mkdir -p "$LOGS" && cp "$WORK"/*.log "$LOGS"/; fi
  rm -rf "$WORK"
}

# The set-up of the one-node runs measured against the echo server (login-storm.sh, steady.sh,
# session-limit.sh): a private $WORK with copies of the jars, and a cleanup that stops both servers.
# The caller then writes $WORK/users.yaml and calls start_gateway_with_echo.
echo_run_setup() {
  bench_jars
  WORK=$(mktemp -d)
  trap stop_gateway_with_echo EXIT
  copy_jar "$GW_JAR" "$WORK/gateway.jar"
  copy_jar "$BENCH_JAR" "$WORK/bench.jar"
}

# One gateway node (1 GB heap, one HTTP instance, $WORK/users.yaml, on GW_PORT, MGMT_PORT, CIR_PORT and
# CLUSTER_PORT; extra settings as VAR=value arguments) and the echo server on ECHO_PORT, both pinned to
# CPU 0; their pids GW_PID and ECHO_PID, their logs in $WORK. Returns once the gateway is ready.
start_gateway_with_echo() { # cluster-name [VAR=value ...]
  local name=$1; shift
  env IMPS_HTTP_HOST=127.0.0.1 IMPS_HTTP_PORT="$GW_PORT" IMPS_MGMT_HOST=127.0.0.1 IMPS_MGMT_PORT="$MGMT_PORT" \
    IMPS_TCP_CIR_HOST=127.0.0.1 IMPS_TCP_CIR_PORT="$CIR_PORT" IMPS_HTTP_INSTANCES=1 \
    IMPS_CLUSTER_NAME="$name" IMPS_CLUSTER_PORT="$CLUSTER_PORT" IMPS_USERS_FILE="$WORK/users.yaml" "$@" \
    taskset -c 0 java -Xms1g -Xmx1g -XX:+UseG1GC ${GW_OPTS:-} -jar "$WORK/gateway.jar" > "$WORK/gateway.log" 2>&1 &
  GW_PID=$!
  taskset -c 0 java -Xms512m -Xmx512m -cp "$WORK/bench.jar" imps.bench.EchoServer "$ECHO_PORT" 1 > "$WORK/echo.log" 2>&1 &
  ECHO_PID=$!
  await_ready "$MGMT_PORT" "$GW_PID" "$WORK/gateway.log" 60
}

stop_gateway_with_echo() {
  for pid in ${GW_PID:-} ${ECHO_PID:-}; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
