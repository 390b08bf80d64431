package imps.fuzz;

import java.nio.file.Path;
import java.util.List;

/**
 * What one run of one target did, from the fuzzer's own report: inputs executed and per second,
 * coverage as libFuzzer counts it (edges of the instrumented code, {@code cov}, and features,
 * {@code ft}: edges with hit counts and compared values), the corpus it ended with, the slowest input
 * (whole seconds) and the process's peak resident memory, and every finding — the inputs libFuzzer
 * wrote (crash-, timeout-, oom-, leak- files) and the first line of each error it printed.
 * {@code seconds} is the whole run, the JVM's start included.
 */
public record FuzzResult(FuzzTarget target, long seed, long executions, long executionsPerSecond, long edges,
                         long features, long corpusEntries, long slowestInputSeconds, long peakRssMb, long seconds,
                         int exitCode, List<Path> findingInputs, List<String> findings, Path log) {

    public boolean clean() {
        return exitCode == 0 && findingInputs.isEmpty() && findings.isEmpty();
    }

    /** One row of the statistics table in docs/security.md. */
    public String row() {
        return String.format("| %s | %d | %,d | %,d | %d | %d | %d | %d | %d | %d |", target.name(), seconds, executions,
                executionsPerSecond, edges, features, corpusEntries, slowestInputSeconds, peakRssMb,
                Math.max(findingInputs.size(), findings.size()));
    }

    public static String header() {
        return "| Target | Seconds | Inputs executed | Inputs/s | Coverage (edges) | Features | Corpus "
                + "| Slowest input (s) | Peak RSS (MB) | Findings |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
    }

    @Override
    public String toString() {
        return target.name() + ": " + executions + " inputs in " + seconds + " s"
                + (executionsPerSecond > 0 ? " (" + executionsPerSecond + "/s)" : "") + ", cov " + edges + ", ft " + features + ", corpus " + corpusEntries + ", slowest input " + slowestInputSeconds
                + " s, peak RSS " + peakRssMb + " MB, seed " + seed + ", exit " + exitCode
                + (clean() ? "" : ", findings " + findings + " " + findingInputs) + " (log " + log + ")";
    }
}
