# Shared set-up of the benchmark scripts; each script sources it after `cd` to the repository root.

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
