package imps.fuzz;

import java.util.List;

/**
 * How long and how hard one target is fuzzed. {@code runs} caps the number of inputs (0: no cap);
 * {@code seed} makes a run repeatable (null: libFuzzer picks one and the log records it);
 * {@code inputTimeoutSeconds} is the longest one input may take before the run counts it as a
 * finding; {@code keepGoing} is how many distinct findings the run collects before it stops;
 * {@code instrumented} are the classes whose coverage guides the fuzzer (Jazzer's glob patterns);
 * {@code jvmOptions} go to the target's JVM.
 */
public record FuzzBudget(int seconds, long runs, Long seed, int inputTimeoutSeconds, int keepGoing,
                         String instrumented, List<String> jvmOptions) {
    /** The gateway's own code. */
    private static final String GATEWAY = "imps.**";
    /** The gateway's code and the parsers it hands outside bytes to. */
    private static final String GATEWAY_AND_PARSERS = String.join(":", GATEWAY, "com.fasterxml.aalto.**",
            "com.fasterxml.jackson.**", "org.yaml.snakeyaml.**", "org.jsmpp.**", "io.vertx.core.parsetools.**");

    public FuzzBudget {
        if (seconds < 1 || runs < 0 || inputTimeoutSeconds < 1 || keepGoing < 1) {
            throw new IllegalArgumentException("a fuzz budget needs positive time, timeout and findings");
        }
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The run inside the test suite: a fixed seed and a fixed number of inputs, so that it finds the
     * same things every time, cut short by time on a slow machine, stopping at the first finding. The
     * input time-out is generous because other tests may share the machine. Only the gateway's own
     * classes are instrumented and only the JIT's first tier compiles, which keeps a run of seconds
     * from spending them on starting the JVM and optimising instrumented code.
     */
    public static FuzzBudget shortRun(int seconds, long runs) {
        return new FuzzBudget(seconds, runs, 1L, 20, 1, GATEWAY, List.of("-XX:TieredStopAtLevel=1"));
    }

    /**
     * bench/fuzz.sh: a random seed, no input cap, a strict time-out, up to 20 distinct findings per
     * target, and coverage of the third-party parsers too, so the fuzzer also learns their grammar.
     */
    public static FuzzBudget longRun(int seconds) {
        return new FuzzBudget(seconds, 0, null, 5, 20, GATEWAY_AND_PARSERS, List.of());
    }
}
