package imps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Access to the repository's test vectors. The location comes from the system property
 * {@code imps.testdata} (set by surefire); without it, {@code ../testdata} relative to the module.
 */
public final class TestData {
    private TestData() {
    }

    public static Path root() {
        String configured = System.getProperty("imps.testdata");
        return configured == null || configured.isBlank() ? Path.of("../testdata") : Path.of(configured);
    }

    public static Path realClientRequests() {
        return root().resolve("real-client-requests");
    }

    /** Every {@code *.http} request under real-client-requests, in a stable order. */
    public static List<Path> allHttpRequests() {
        return files(realClientRequests(), ".http");
    }

    /** The worked examples (testdata/examples), client and server messages, in a stable order. */
    public static List<Path> examples() {
        return files(root().resolve("examples"), ".xml");
    }

    /** The PTS requests a real client wrote (testdata/real-client-requests/sms-pts), in a stable order. */
    public static List<Path> ptsRequests() {
        return files(realClientRequests().resolve("sms-pts"), ".txt");
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The XML body of a recorded HTTP request: everything after the first empty line. */
    public static byte[] body(Path httpFile) {
        byte[] raw = bytes(httpFile);
        int crlf = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (crlf >= 0) {
            return Arrays.copyOfRange(raw, crlf + 4, raw.length);
        }
        int lf = indexOf(raw, "\n\n".getBytes(StandardCharsets.US_ASCII));
        if (lf >= 0) {
            return Arrays.copyOfRange(raw, lf + 2, raw.length);
        }
        throw new IllegalArgumentException(httpFile + " has no blank line between headers and body");
    }

    public static String bodyText(Path httpFile) {
        return new String(body(httpFile), StandardCharsets.UTF_8);
    }

    public static String readString(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
