package imps.fuzz;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The short fuzzing run of the test suite (docs/security.md, Fuzzing): every fuzz target of the
 * module, each in a JVM of its own (two at a time), first on all its seeds, then on
 * {@code imps.fuzz.runs} inputs derived from them with a fixed random seed (cut short after
 * {@code imps.fuzz.seconds} on a slow machine). A finding fails the test with the fuzzer's message
 * and the path of the input; that input then belongs in the target's {@code Inputs} directory and a
 * regression test of its own. Each module with fuzz targets has one subclass.
 */
public abstract class ShortFuzzRun {
    private static final int SECONDS = Integer.getInteger("imps.fuzz.seconds", 4);
    private static final long RUNS = Long.getLong("imps.fuzz.runs", 10_000);

    @TestFactory
    Stream<DynamicTest> everyTargetKeepsItsInvariants() throws URISyntaxException {
        Assumptions.assumeTrue(JazzerRun.supported(), "Jazzer has no native driver for this machine");
        Path testClasses = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
        Path workDir = testClasses.resolveSibling("fuzz");
        List<FuzzTarget> targets = FuzzTarget.in(testClasses);
        assertFalse(targets.isEmpty(), "no @FuzzTest in " + testClasses);
        // Two targets at a time: most of a short run is a JVM starting, which leaves a second core idle.
        ExecutorService runner = Executors.newFixedThreadPool(Math.min(2, Runtime.getRuntime().availableProcessors()));
        List<Future<FuzzResult>> runs = targets.stream()
                .map(target -> runner.submit(() -> JazzerRun.run(target, FuzzBudget.shortRun(SECONDS, RUNS), workDir)))
                .toList();
        runner.shutdown();
        return IntStream.range(0, targets.size()).mapToObj(i -> DynamicTest.dynamicTest(targets.get(i).name(), () -> {
            FuzzResult result = runs.get(i).get();
            System.out.println(result);
            assertTrue(result.clean(), () -> "fuzzing found " + result.findings() + "; inputs " + result.findingInputs()
                    + "; log " + result.log());
            assertTrue(result.executions() > 0 && result.edges() > 0, () -> "the fuzzer did not run: " + result);
        }));
    }
}
