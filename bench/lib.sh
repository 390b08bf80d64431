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
