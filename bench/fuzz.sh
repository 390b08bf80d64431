#!/usr/bin/env bash
# The long fuzzing run (docs/security.md, Fuzzing): every fuzz target of the gateway (the @FuzzTest
# methods of gateway, transports/tcp-cir and transports/sms) for MINUTES each, one after the other,
# each in a JVM of its own under Jazzer with a random seed, the third-party parsers instrumented too,
# and up to 20 distinct findings per target. Prints the statistics table (inputs executed, coverage,
# findings per target); the corpora, finding inputs and logs stay in bench/target/fuzz/<date>/.
# Exits with 1 when anything was found. Maven options (e.g. -Dmaven.repo.local) go in MAVEN_OPTS.
# Usage: bench/fuzz.sh MINUTES [target regex]
#   bench/fuzz.sh 3                 every target, 3 minutes each (about 30 minutes)
#   bench/fuzz.sh 10 Pts            the PTS decoder and reassembler, 10 minutes each
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:?usage: bench/fuzz.sh MINUTES [target regex]}
FILTER=${2:-.}
MODULES=(gateway transports/tcp-cir transports/sms)
mvn -B -q -pl "$(IFS=,; echo "${MODULES[*]}")" test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
OUT=bench/target/fuzz/$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
  git diff --quiet HEAD || commit="$commit with local changes"
else
  commit=unknown
fi
echo "# $(date -u '+%F %T') UTC, $MINUTES min per target, $(nproc) CPUs, $(java -version 2>&1 | head -1), commit $commit" \
  | tee "$OUT/run.txt"
status=0
for m in "${MODULES[@]}"; do
  java -cp "$m/target/test-classes:$m/target/classes:$(cat "$m/target/test.classpath")" -Dimps.testdata="$PWD/testdata" \
    imps.fuzz.FuzzCampaign "$MINUTES" "$OUT" "$m/target/test-classes" "$FILTER" || status=$?
done
echo
cat "$OUT/statistics.md"
echo "corpora, findings and logs: $OUT"
exit "$status"
