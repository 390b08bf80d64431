package imps.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fuzzes one target with Jazzer's driver ({@code com.code_intelligence.jazzer.Jazzer}, libFuzzer
 * inside) in a child JVM on the current test class path. libFuzzer drives one target per process,
 * and Jazzer's agent instruments every class it loads, so each target gets a JVM of its own and the
 * test JVM stays uninstrumented.
 *
 * <p>Everything goes under {@code workDir/<target>}: the corpus the run grows ({@code corpus/},
 * started empty, so a run depends only on the seeds and the budget), the inputs of findings
 * ({@code findings/}), the driver's temporary files and its whole output ({@code fuzz.log}).
 */
public final class JazzerRun {
    /** The heap a target may use; an input that needs more is a finding (OutOfMemoryError). */
    private static final String HEAP = "-Xmx512m";
    /** The longest input libFuzzer builds; the largest seeds (a whole gateway.yaml, an overlong PTS message) fit. */
    private static final int MAX_INPUT_BYTES = 8192;

    private static final Pattern STATUS = Pattern.compile("^#(\\d+)\\s+\\w+\\s+cov: (\\d+) ft: (\\d+) corp: (\\d+)/");
    private static final Pattern STAT = Pattern.compile("^stat::(\\w+):\\s+(\\d+)");
    private static final Pattern SEED = Pattern.compile("^INFO: Seed: (\\d+)");
    private static final Pattern FINDING = Pattern.compile("^(== Java Exception: .*|==\\d+== ERROR: libFuzzer: .*)");

    private JazzerRun() {
    }

    /** Whether Jazzer ships its native driver for this machine (Linux x86-64, macOS, Windows x86-64). */
    public static boolean supported() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        return os.contains("mac") || (x64 && (os.contains("linux") || os.contains("windows")));
    }

    public static FuzzResult run(FuzzTarget target, FuzzBudget budget, Path workDir) {
        Path dir = workDir.resolve(target.name());
        Path corpus = dir.resolve("corpus");
        Path findings = dir.resolve("findings");
        Path tmp = dir.resolve("tmp");
        Path log = dir.resolve("fuzz.log");
        try {
            deleteRecursively(dir);
            Files.createDirectories(corpus);
            Files.createDirectories(findings);
            Files.createDirectories(tmp);
            long started = System.nanoTime();
            Process process = new ProcessBuilder(command(target, budget, corpus, findings, tmp))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            // libFuzzer stops itself after max_total_time; the margin covers JVM start and a last slow input.
            if (!process.waitFor(budget.seconds() + budget.inputTimeoutSeconds() + 120L, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(target.name() + " did not stop after " + budget.seconds() + " s; see " + log);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            return parse(target, budget, log, findings, process.exitValue(), seconds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fuzzing " + target.name(), e);
        } finally {
            deleteRecursively(tmp);
        }
    }

    private static List<String> command(FuzzTarget target, FuzzBudget budget, Path corpus, Path findings, Path tmp) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        cmd.addAll(budget.jvmOptions());
        String testdata = System.getProperty("imps.testdata");
        if (testdata != null) {
            cmd.add("-Dimps.testdata=" + testdata);
        }
        cmd.addAll(List.of(
                "-cp", classPath(),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + target.className(),
                "--target_method=" + target.method(),
                "--instrumentation_includes=" + budget.instrumented(),
                "--keep_going=" + budget.keepGoing(),
                "-artifact_prefix=" + findings + "/",
                "-print_final_stats=1",
                "-max_len=" + MAX_INPUT_BYTES,
                "-max_total_time=" + budget.seconds(),
                "-timeout=" + budget.inputTimeoutSeconds()));
        if (budget.seed() != null) {
            cmd.add("-seed=" + budget.seed());
        }
        if (budget.runs() > 0) {
            cmd.add("-runs=" + budget.runs());
        }
        cmd.add(corpus.toString());
        return cmd;
    }

    /** Surefire names the full test class path here; elsewhere (bench/fuzz.sh) it is the JVM's own. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static FuzzResult parse(FuzzTarget target, FuzzBudget budget, Path log, Path findingsDir, int exitCode,
                                    long seconds) throws IOException {
        long seed = budget.seed() == null ? -1 : budget.seed();
        long executions = 0;
        long perSecond = 0;
        long slowest = 0;
        long rss = 0;
        long edges = 0;
        long features = 0;
        long corpus = 0;
        List<String> findings = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            Matcher m;
            if ((m = STATUS.matcher(line)).find()) {
                executions = Math.max(executions, Long.parseLong(m.group(1)));
                edges = Long.parseLong(m.group(2));
                features = Long.parseLong(m.group(3));
                corpus = Long.parseLong(m.group(4));
            } else if ((m = STAT.matcher(line)).find()) {
                long value = Long.parseLong(m.group(2));
                switch (m.group(1)) {
                    case "number_of_executed_units" -> executions = value;
                    case "average_exec_per_sec" -> perSecond = value;
                    case "slowest_unit_time_sec" -> slowest = value;
                    case "peak_rss_mb" -> rss = value;
                    default -> {
                        // new_units_added: the corpus size says it
                    }
                }
            } else if ((m = SEED.matcher(line)).find()) {
                seed = Long.parseLong(m.group(1));
            } else if ((m = FINDING.matcher(line)).find()) {
                findings.add(m.group(1));
            }
        }
        List<Path> inputs;
        try (Stream<Path> files = Files.list(findingsDir)) {
            inputs = files.filter(p -> p.getFileName().toString().matches("(crash|timeout|oom|leak|slow-unit)-.*"))
                    .sorted().toList();
        }
        return new FuzzResult(target, seed, executions, perSecond, edges, features, corpus, slowest, rss, seconds,
                exitCode, inputs, findings, log);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
