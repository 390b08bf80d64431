#!/usr/bin/env bash
# The whole test suite on a busy machine: RUNS times in a row, `mvn -B verify` while a CPU-bound
# process spins on every core and a gateway with the default settings runs on the same host (HTTP
# 8080, management 9090, TCP CIR 7000, Hazelcast 5701, its embedded store in a temporary directory).
# The tests must pass anyway: every test node takes a cluster name and free ports of its own, and
# every wait allows for a slow machine (docs/security.md, "Tests that pass under load").
# Usage: bench/suite-under-load.sh [runs=3]
#   Environment: MVN_ARGS (extra Maven arguments, e.g. -Dmaven.repo.local=/path), LOGS (keep each
#   run's Maven output there; default a temporary directory, printed at the end).
# Run .ci/run once first on a fresh machine: it installs the Debian packages the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${1:-3}
LOGS=${LOGS:-$(mktemp -d)}
mkdir -p "$LOGS"
WORK=$(mktemp -d)
HOGS=()
cleanup() {
  for pid in "${HOGS[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_gateway
  rm -rf "$WORK"
}
trap cleanup EXIT

mvn -B -q -DskipTests ${MVN_ARGS:-} package
GW_JAR=$(ls app/target/imps-gateway-*.jar | grep -v original | head -1)
copy_jar "$GW_JAR" "$WORK/gateway.jar"
# The neighbour: a node with nothing configured, as a newcomer starts it (store in its working directory).
(cd "$WORK" && exec java -Xmx512m -jar gateway.jar > gateway.log 2>&1) &
GW_PID=$!
await_ready 9090 "$GW_PID" "$WORK/gateway.log" 180
for ((cpu = 0; cpu < $(nproc); cpu++)); do
  taskset -c "$cpu" sh -c 'while :; do :; done' &
  HOGS+=($!)
done
echo "suite under load: $RUNS runs; $(nproc) CPU hogs; a default gateway (pid $GW_PID) on 8080/9090/7000/5701"

passed=0
for ((run = 1; run <= RUNS; run++)); do
  start=$(date +%s)
  if mvn -B ${MVN_ARGS:-} verify > "$LOGS/run-$run.log" 2>&1; then
    result=passed; passed=$((passed + 1))
  else
    result=FAILED
  fi
  tests=$(grep -E 'Tests run: [0-9]+, Failures' "$LOGS/run-$run.log" | grep -v ' -- in ' \
    | awk -F'[:,]' '{t += $2; f += $4; e += $6} END {print t " tests, " f " failures, " e " errors"}')
  echo "run $run: $result in $(( $(date +%s) - start )) s ($tests; load average $(cut -d' ' -f1-3 /proc/loadavg))"
  if [ "$result" = FAILED ]; then grep -E '<<< (FAILURE|ERROR)!' "$LOGS/run-$run.log" | head -10; fi
done
kill -0 "$GW_PID" 2>/dev/null && echo "the default gateway ran throughout" || echo "the default gateway stopped during the runs"
echo "$passed of $RUNS runs passed; logs in $LOGS"
echo "JSON {\"bench\":\"suite-under-load\",\"runs\":$RUNS,\"passed\":$passed,\"cpu_hogs\":$(nproc)}"
[ "$passed" = "$RUNS" ]
