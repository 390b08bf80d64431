package imps.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.TestData;
import imps.fuzz.AllocationBudget;
import imps.fuzz.ScratchFile;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fuzz target (docs/security.md, Fuzzing): the configuration loader, on any file given with
 * {@code --config} and any {@code IMPS_*} variables. The input is the file's bytes, then optionally a
 * zero byte and {@code NAME=value} lines for the environment.
 *
 * <p>Invariants: loading ends in a {@link GatewayConfig} or an IllegalArgumentException naming what is
 * wrong; a configuration that loads is complete (no section, value or list member is null, since
 * the node reads them all at start); the allocation stays within {@link #BUDGET}.
 */
class ConfigLoaderFuzzTest {
    private static final AllocationBudget BUDGET = new AllocationBudget(64 << 20, 4096);
    private static final Path FILE = ScratchFile.create("gateway");

    /** The embedded defaults and the shipped examples, without and with environment overrides. */
    static Stream<byte[]> seeds() {
        Path examples = TestData.root().resolve("../conf/examples");
        return Stream.of(
                defaults(),
                TestData.bytes(examples.resolve("sms-smpp.yaml")),
                TestData.bytes(examples.resolve("sms-kannel.yaml")),
                withEnvironment(TestData.bytes(examples.resolve("sms-kannel.yaml")), "IMPS_SMS_KANNEL_MO_PORT=9000"),
                withEnvironment(new byte[0], "IMPS_CLUSTER_MEMBERS=10.0.0.1:5701,10.0.0.2:5701\nIMPS_CSP_VERSIONS=[\"1.2\"]"
                        + "\nIMPS_HTTP_PORT=18080\nIMPS_LOGIN_SYSTEM_MESSAGE_OPTIONS=[{id: \"1\", text: Yes}]"));
    }

    private static byte[] defaults() {
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(ConfigLoader.DEFAULTS_RESOURCE)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] withEnvironment(byte[] yaml, String env) {
        byte[] e = env.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(yaml, yaml.length + 1 + e.length);
        System.arraycopy(e, 0, out, yaml.length + 1, e.length);
        return out;
    }

    @MethodSource("seeds")
    @FuzzTest
    void load(byte[] input) {
        BUDGET.check(input, () -> loadChecked(input));
    }

    private static void loadChecked(byte[] input) {
        int zero = 0;
        while (zero < input.length && input[zero] != 0) {
            zero++;
        }
        Map<String, String> env = new HashMap<>();
        if (zero < input.length) {
            for (String line : new String(input, zero + 1, input.length - zero - 1, StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    env.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        GatewayConfig config;
        try {
            Files.write(FILE, Arrays.copyOf(input, zero));
            config = ConfigLoader.load(FILE, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException refused) {
            return;
        }
        noNulls("config", config);
    }

    private static void noNulls(String path, Object value) {
        if (value == null) {
            throw new AssertionError(path + " is null in a configuration that loaded");
        }
        if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    noNulls(path + "." + c.getName(), c.getAccessor().invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                noNulls(path + "[" + i + "]", list.get(i));
            }
        }
    }
}
