#!/usr/bin/env bash
# JMH micro-benchmarks of the hot paths (imps.bench.jmh.*, imps.cluster.SessionDirectoryBench): builds
# bench/target/benchmarks.jar (Maven profile jmh) and runs it from the repository root, where the
# benchmarks find testdata/. Each benchmark class carries its defaults (1 fork, 2 × 1 s warm-up,
# 3 × 1 s measurement, average time in ns/op, 1 GiB heap); any JMH option overrides them.
# Usage: bench/jmh.sh [regex] [JMH options]
#   bench/jmh.sh                          the whole suite (about 6 minutes on 2 cores)
#   bench/jmh.sh XmlDecode                one class
#   bench/jmh.sh XmlDecode -prof gc       with allocation per operation (gc.alloc.rate.norm)
#   bench/jmh.sh -prof imps.bench.jmh.CpuTimeProfiler
#                                         with the JVM's CPU time per operation (cpu.time.norm), which
#                                         holds up better than wall-clock time on a loaded machine
#   bench/jmh.sh -l                       list the benchmarks
#   bench/jmh.sh -h                       JMH's own options
set -euo pipefail
cd "$(dirname "$0")/.."
build() { mvn -B -q "$@" -Pjmh -pl bench -am -DskipTests package; }
# Offline first: the rest of the build never needs the network; only a first JMH resolution does.
build -o || { echo "offline build failed; retrying with the network (first resolution of JMH)"; build; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# A private copy: a rebuild during the run must not change the jar under the forked JVMs.
cp bench/target/benchmarks.jar "$WORK/benchmarks.jar"
echo "# $(nproc) CPUs, $(java -version 2>&1 | head -1)"
java -jar "$WORK/benchmarks.jar" "$@"
