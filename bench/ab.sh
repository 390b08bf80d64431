#!/usr/bin/env bash
# Before / after: runs one benchmark script against two gateway jars in turn (A B A B …), so that both
# builds meet the same load on the shared machine, and prints each run's JSON line labelled with its
# jar. Each run still has its own in-run baseline (the script's ratio); compare the ratios.
# Usage: A=old.jar B=new.jar bench/ab.sh [repeat=2] script [script arguments…]
#   e.g. A=/tmp/before.jar B=app/target/imps-gateway-0.1.0-SNAPSHOT.jar bench/ab.sh 2 bench/relay.sh 100 100 cir
#   Environment: A, B (gateway jars, required), OUT (a file the labelled JSON lines are appended to),
#   PARALLEL=1 (run A and B at the same time instead of one after the other: on a machine shared with
#   other work, both then meet the same disturbance; the script must take free ports, as this repo's do).
set -euo pipefail
cd "$(dirname "$0")/.."
REPEAT=${1:?repeat}
shift
SCRIPT=${1:?script}
shift
: "${A:?the jar of the build before (A=path)}" "${B:?the jar of the build after (B=path)}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Private copies: a rebuild meanwhile must not change what is measured.
cp "$A" "$WORK/a.jar"
cp "$B" "$WORK/b.jar"
echo "A = $A (sha256 $(sha256sum "$WORK/a.jar" | cut -c1-12)), B = $B (sha256 $(sha256sum "$WORK/b.jar" | cut -c1-12))"
STATUS=0
for i in $(seq 1 "$REPEAT"); do
  if [ "${PARALLEL:-0}" = 1 ]; then
    # Both at once: each gateway meets the same load from the rest of the machine at the same time,
    # and the other side's run as a neighbour on the same cores.
    GW_JAR="$WORK/a.jar" "$SCRIPT" "$@" > "$WORK/out-a" 2>&1 &
    PID_A=$!
    GW_JAR="$WORK/b.jar" "$SCRIPT" "$@" > "$WORK/out-b" 2>&1 &
    PID_B=$!
    wait "$PID_A" || STATUS=$?
    wait "$PID_B" || STATUS=$?
  else
    GW_JAR="$WORK/a.jar" "$SCRIPT" "$@" > "$WORK/out-a" 2>&1 || STATUS=$?
    GW_JAR="$WORK/b.jar" "$SCRIPT" "$@" > "$WORK/out-b" 2>&1 || STATUS=$?
  fi
  for side in a b; do
    label=$(echo "$side" | tr ab AB)
    echo "=== run $i, $label: $SCRIPT $*"
    cat "$WORK/out-$side"
    grep '^JSON ' "$WORK/out-$side" | sed "s/^JSON /$label$i /" >> "$WORK/json" || true
  done
done
echo "=== JSON lines by run"
touch "$WORK/json"
cat "$WORK/json"
if [ -n "${OUT:-}" ]; then cat "$WORK/json" >> "$OUT"; fi
exit $STATUS
