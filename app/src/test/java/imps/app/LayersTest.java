package imps.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers of the code (README.md, "Layout"), checked on the imports of the main sources: bearers
 * know nothing of session rules, services or the cluster; the session core and the services know
 * nothing of sockets or of Hazelcast; the session rules know nothing of the owner side that hosts them.
 */
class LayersTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
    private static final Path ROOT = root();

    private static Path root() {
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("transports")) ? cwd : cwd.getParent();
    }

    /** Every import of a main source under {@code dir} that starts with one of {@code banned}, as "file: import". */
    private static List<String> importsOf(String dir, String... banned) {
        List<String> found = new ArrayList<>();
        Path base = ROOT.resolve(dir);
        assertTrue(Files.isDirectory(base), "no sources at " + base);
        try (Stream<Path> files = Files.walk(base)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    for (String b : banned) {
                        if (m.group(1).startsWith(b)) {
                            found.add(ROOT.relativize(f) + ": " + m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void bearersKnowNothingOfSessionsServicesOrTheCluster() {
        for (String bearer : List.of("transports/base", "transports/http", "transports/tcp-cir", "transports/udp-cir",
                "transports/sms")) {
            assertEquals(List.of(), importsOf(bearer + "/src/main/java", "imps.session", "imps.service",
                    "imps.cluster", "imps.store", "com.hazelcast"), bearer);
        }
    }

    @Test
    void theCoreKnowsNothingOfSocketsOrHazelcast() {
        assertEquals(List.of(), importsOf("gateway/src/main/java", "io.vertx.core.net", "io.vertx.core.http",
                "io.vertx.core.datagram", "com.hazelcast", "imps.cluster", "imps.store", "imps.transport", "imps.app"));
    }

    @Test
    void servicesKnowNothingOfOwnershipOrTheRouter() {
        assertEquals(List.of(), importsOf("gateway/src/main/java/imps/service", "imps.session.owner",
                "imps.session.registry", "imps.router", "imps.bus.EventBusAddresses"));
    }

    @Test
    void sessionRulesKnowNothingOfTheOwnerSideThatHostsThem() {
        List<String> found = new ArrayList<>();
        for (String dir : List.of("imps/session/transaction", "imps/session/cir", "imps/session/registry")) {
            found.addAll(importsOf("gateway/src/main/java/" + dir, "imps.session.owner"));
        }
        try (Stream<Path> top = Files.list(ROOT.resolve("gateway/src/main/java/imps/session"))) {
            for (Path f : top.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (Files.readString(f).contains("import imps.session.owner.")) {
                    found.add(ROOT.relativize(f).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(List.of(), found);
    }
}
