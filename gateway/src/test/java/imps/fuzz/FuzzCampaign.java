package imps.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The long fuzzing run of bench/fuzz.sh, for the fuzz targets of one module: each target in turn for
 * the given minutes ({@link FuzzBudget#longRun}), its statistics appended as a table row to
 * {@code statistics.md} in the output directory, which also keeps each target's corpus, findings and
 * log. Exits with 1 when any target had a finding.
 *
 * <p>Arguments: minutes per target, output directory, the module's test-classes directory, and a
 * regular expression the target names must contain a match of.
 */
public final class FuzzCampaign {
    private FuzzCampaign() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: FuzzCampaign <minutes per target> <output dir> <test-classes dir> <target regex>");
            System.exit(2);
        }
        int seconds = Math.multiplyExact(Integer.parseInt(args[0]), 60);
        Path out = Path.of(args[1]);
        Pattern filter = Pattern.compile(args[3]);
        List<FuzzTarget> targets = FuzzTarget.in(Path.of(args[2])).stream()
                .filter(t -> filter.matcher(t.name()).find()).toList();
        Files.createDirectories(out);
        Path statistics = out.resolve("statistics.md");
        if (!Files.exists(statistics)) {
            Files.writeString(statistics, FuzzResult.header() + "\n");
        }
        boolean clean = true;
        for (FuzzTarget target : targets) {
            System.out.println("fuzzing " + target.name() + " for " + seconds + " s");
            FuzzResult result = JazzerRun.run(target, FuzzBudget.longRun(seconds), out);
            System.out.println(result);
            result.findings().forEach(f -> System.out.println("  finding: " + f));
            Files.writeString(statistics, result.row() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            clean &= result.clean();
        }
        System.exit(clean ? 0 : 1);
    }
}
