package imps.bench.jmh;

import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlEncoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmarks' inputs: primitives exactly as a real client sent them (testdata/real-client-requests)
 * and the worked CSP exchanges (testdata/examples), so the figures are for the
 * bytes the gateway really sees. The directory is {@code -Dimps.testdata}, else {@code testdata} in
 * the working directory (bench/jmh.sh runs from the repository root).
 */
public final class Inputs {
    private static final XmlDecoder DECODER = new XmlDecoder(XmlLimits.DEFAULT);

    private Inputs() {
    }

    /** The body of a recorded client request, without its HTTP request line and headers. */
    static byte[] request(String relativePath) {
        byte[] raw = read(root().resolve("real-client-requests").resolve(relativePath));
        for (int i = 0; i + 3 < raw.length; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n' && raw[i + 2] == '\r' && raw[i + 3] == '\n') {
                return Arrays.copyOfRange(raw, i + 4, raw.length);
            }
        }
        throw new IllegalArgumentException(relativePath + " has no blank line after its headers");
    }

    static byte[] example(String name) {
        return read(root().resolve("examples").resolve(name));
    }

    static CspMessage decode(byte[] xml) {
        try {
            return DECODER.decode(xml);
        } catch (DecodeException e) {
            throw new IllegalStateException("test vector does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * A PresenceNotification-Request as the presence service queues it (one Presence: the watched
     * user and the merged PresenceSubList), carrying the attributes of a real client's
     * UpdatePresence-Request. testdata has no server-sent presence, so this is the closest real content.
     */
    static CspMessage presenceNotification() {
        Element update = decode(request("scenarios-csp1.2_presence/0059-A-C2S-UpdatePresence-Request.http"))
                .first().primitive();
        Element notification = Element.of("PresenceNotification-Request",
                Element.of("Presence", Element.leaf("UserID", "wv:alice"), update.child("PresenceSubList")));
        return new CspMessage(CspVersion.V1_2, SessionType.INBAND, "S13c21097",
                List.of(Transaction.request("12", notification)), Boolean.FALSE, null);
    }

    /**
     * The codec benchmarks' six primitives, three a phone sends and three the gateway sends: the
     * recorded Android requests, the worked examples' answers and {@link #presenceNotification()}.
     */
    static CspMessage primitive(String name) {
        CspMessage message = switch (name) {
            case "Login-Request" -> decode(request("csp1.2-2way/0001-A-C2S-Login-Request.http"));
            case "KeepAlive-Request" -> decode(request("csp1.2-2way/0011-A-C2S-KeepAlive-Request.http"));
            case "SendMessage-Request" -> decode(request("scenarios-csp1.2_message-stcp/0029-A-C2S-SendMessage-Request.http"));
            case "KeepAlive-Response" -> decode(example("A5-02-s2c.xml"));
            case "NewMessage" -> decode(example("A6-02-s2c.xml"));
            case "PresenceNotification-Request" -> presenceNotification();
            default -> throw new IllegalArgumentException(name);
        };
        if (!message.first().primitiveName().equals(name)) {
            throw new IllegalStateException("input is not a " + name);
        }
        return message;
    }

    /**
     * The XML decode benchmarks' five inputs: four primitives as the Android client sent them, and the
     * presence notification as the gateway writes it.
     */
    public static byte[] decodeInput(String primitive) {
        byte[] xml = switch (primitive) {
            case "Login-Request" -> request("csp1.2-2way/0001-A-C2S-Login-Request.http");
            case "KeepAlive-Request" -> request("csp1.2-2way/0011-A-C2S-KeepAlive-Request.http");
            case "Polling-Request" -> request("scenarios-csp1.2_message-stcp/0031-B-C2S-Polling-Request.http");
            case "SendMessage-Request" -> request("scenarios-csp1.2_message-stcp/0029-A-C2S-SendMessage-Request.http");
            case "PresenceNotification-Request" -> presenceNotificationXml();
            default -> throw new IllegalArgumentException(primitive);
        };
        if (!decode(xml).first().primitiveName().equals(primitive)) {
            throw new IllegalStateException("input is not a " + primitive);
        }
        return xml;
    }

    public static byte[] presenceNotificationXml() {
        return new XmlEncoder().encode(presenceNotification());
    }

    private static Path root() {
        Path root = Path.of(System.getProperty("imps.testdata", "testdata"));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("test vectors not found at " + root.toAbsolutePath()
                    + ": run from the repository root or set -Dimps.testdata");
        }
        return root;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
