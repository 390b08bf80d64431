package imps.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one bench/store.sh run, as ratios of each store mode to the memory-only mode ("off")
 * measured in the same repetition, with the absolute figures beside them and the spread over the
 * repetitions; then one JSON line.
 *
 * <p>Input: one line per measurement, {@code KIND MODE REPETITION JSON-of-SessionLoad}, KIND being
 * {@code login} (SessionLoad login), {@code relay} (SessionLoad relay), {@code accounts} (SessionLoad
 * login with --spread, MODE naming the account population, {@code few} being the baseline) or
 * {@code import} (import-users, figures without a baseline).
 * Usage: {@code StoreSummary RESULTS-FILE [BASELINE-MODE=off]}.
 */
public final class StoreSummary {
    /** One figure taken from a measurement's JSON, and whether more is better. */
    private record Metric(String name, String unit, boolean higherIsBetter, ToDoubleFunction<JsonObject> read) {
    }

    private static final Map<String, List<Metric>> METRICS = Map.of(
            "login", List.of(
                    new Metric("logins_per_s", "/s", true, j -> mean(j.getJsonArray("rounds_detail"), "logins_per_s")),
                    new Metric("logins_per_echo_seq", "", true, j -> j.getDouble("median_ratio_seq")),
                    new Metric("gateway_cpu_ms_per_login", "ms", false,
                            j -> mean(j.getJsonArray("rounds_detail"), "gateway_cpu_ms_per_login")),
                    new Metric("login_p99_ms", "ms", false, j -> j.getJsonObject("full").getDouble("p99_ms"))),
            "relay", List.of(
                    new Metric("messages_per_s", "/s", true, j -> j.getDouble("delivered_per_s")),
                    new Metric("relay_p50_ms", "ms", false, j -> j.getJsonObject("relay").getDouble("p50_ms")),
                    new Metric("relay_p99_ms", "ms", false, j -> j.getJsonObject("relay").getDouble("p99_ms")),
                    new Metric("gateway_cpu_ms_per_message", "ms", false, j -> number(j, "gateway_cpu_ms_per_message"))),
            "accounts", List.of(
                    new Metric("logins_per_s", "/s", true, j -> mean(j.getJsonArray("rounds_detail"), "logins_per_s")),
                    new Metric("login_p50_ms", "ms", false, j -> j.getJsonObject("steps").getJsonObject("login").getDouble("p50_ms")),
                    new Metric("login_p99_ms", "ms", false, j -> j.getJsonObject("steps").getJsonObject("login").getDouble("p99_ms")),
                    new Metric("full_login_p99_ms", "ms", false, j -> j.getJsonObject("full").getDouble("p99_ms"))),
            "import", List.of(
                    new Metric("accounts_per_s", "/s", true, j -> j.getDouble("accounts_per_s")),
                    new Metric("added", "", true, j -> number(j, "added"))));

    private StoreSummary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: StoreSummary RESULTS-FILE [BASELINE-MODE=off]");
            System.exit(2);
        }
        // kind -> mode -> repetition -> measurement
        Map<String, Map<String, TreeMap<Integer, JsonObject>>> runs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.split(" ", 5);
            if (f.length < 5 || !f[3].equals("JSON")) {
                continue;
            }
            runs.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).computeIfAbsent(f[1], k -> new TreeMap<>())
                    .put(Integer.parseInt(f[2]), new JsonObject(f[4]));
        }
        JsonObject out = new JsonObject().put("bench", "store");
        for (var kind : runs.entrySet()) {
            List<Metric> metrics = METRICS.get(kind.getKey());
            if (metrics == null) {
                continue;
            }
            String baseline = switch (kind.getKey()) {
                case "accounts" -> "few";
                case "import" -> "";
                default -> args.length > 1 ? args[1] : "off";
            };
            Map<String, TreeMap<Integer, JsonObject>> modes = kind.getValue();
            TreeMap<Integer, JsonObject> base = modes.get(baseline);
            System.out.println();
            if (base == null) {
                System.out.printf(Locale.ROOT, "%s (figures per repetition in brackets)%n", kind.getKey());
            } else {
                System.out.printf(Locale.ROOT, "%s: each mode ÷ %s of the same repetition (min … max over %d repetitions; "
                        + "absolute figures per repetition in brackets)%n", kind.getKey(), baseline, base.size());
            }
            JsonObject kindJson = new JsonObject();
            for (var mode : modes.entrySet()) {
                JsonObject modeJson = new JsonObject();
                for (Metric m : metrics) {
                    List<Double> values = new ArrayList<>();
                    List<Double> ratios = new ArrayList<>();
                    for (var rep : mode.getValue().entrySet()) {
                        double v = m.read().applyAsDouble(rep.getValue());
                        values.add(v);
                        JsonObject b = base == null ? null : base.get(rep.getKey());
                        if (b != null) {
                            ratios.add(v / m.read().applyAsDouble(b));
                        }
                    }
                    System.out.printf(Locale.ROOT, "  %-9s %-27s ratio %-15s [%s]%n", mode.getKey(), m.name(),
                            range(ratios), String.join(", ", values.stream().map(v -> fmt(v) + m.unit()).toList()));
                    modeJson.put(m.name(), new JsonObject().put("values", numbers(values)).put("ratios", numbers(ratios)));
                }
                kindJson.put(mode.getKey(), modeJson);
            }
            out.put(kind.getKey(), kindJson);
        }
        System.out.println();
        System.out.println("JSON " + out.encode());
    }

    /** A field that may be missing or null (NaN then). */
    private static double number(JsonObject j, String field) {
        Double v = j.getDouble(field);
        return v == null ? Double.NaN : v;
    }

    private static double mean(JsonArray rounds, String field) {
        double sum = 0;
        for (int i = 0; i < rounds.size(); i++) {
            sum += rounds.getJsonObject(i).getDouble(field);
        }
        return rounds.isEmpty() ? Double.NaN : sum / rounds.size();
    }

    private static String range(List<Double> ratios) {
        if (ratios.isEmpty()) {
            return "-";
        }
        double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return min == max ? String.format(Locale.ROOT, "%.3f", min) : String.format(Locale.ROOT, "%.3f … %.3f", min, max);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static JsonArray numbers(List<Double> values) {
        JsonArray a = new JsonArray();
        values.forEach(v -> a.add(Double.isNaN(v) || Double.isInfinite(v) ? null : Math.round(v * 10000) / 10000.0));
        return a;
    }
}
