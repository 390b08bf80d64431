package imps.app;

import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests for what a hostile-input campaign found on the HTTP bearer, each from the bytes it
 * sent, over a raw socket: request markup must never reach an answer, a 505 or 400 repeats the
 * Session-ID and Transaction-ID in a version the gateway speaks, and HTTP edge cases get a clear HTTP
 * status instead of a closed connection. After each case the node is still ready and a session
 * logged in before it still answers.
 */
class HostileHttpInputTest {
    private static final String XML = "application/vnd.wv.csp.xml";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestNode node;
    private static CspClient client;
    private static String witness;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        client = node.client();
        witness = client.login(CspVersion.V1_2, "alice", "secret", "witness");
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @AfterEach
    void nodeIsStillReadyAndASessionStillAnswers() throws Exception {
        HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(URI.create(node.mgmtUrl() + "/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, ready.statusCode());
        assertEquals(200, client.request(CspVersion.V1_2, witness, Element.empty("KeepAlive-Request")).code());
    }

    /** What came back on a raw HTTP/1.1 connection: the status line's code, the head and the body. */
    private record Raw(int status, String head, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        CspMessage csp() throws DecodeException {
            return new XmlDecoder(XmlLimits.DEFAULT).decode(body);
        }
    }

    /** Writes {@code request} as it is and reads one response; -1 when the server closed without one. */
    private static Raw exchange(byte[] request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", node.config().http().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            return read(s.getInputStream());
        }
    }

    private static Raw read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int headEnd = -1;
        int length = -1;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                all.write(buf, 0, n);
                String sofar = all.toString(StandardCharsets.ISO_8859_1);
                if (headEnd < 0 && (headEnd = sofar.indexOf("\r\n\r\n")) >= 0) {
                    length = contentLength(sofar.substring(0, headEnd));
                }
                if (headEnd >= 0 && length >= 0 && all.size() >= headEnd + 4 + length) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // what arrived is judged below
        }
        String raw = all.toString(StandardCharsets.ISO_8859_1);
        if (headEnd < 0) {
            return new Raw(-1, raw, new byte[0]);
        }
        byte[] bytes = all.toByteArray();
        byte[] body = java.util.Arrays.copyOfRange(bytes, headEnd + 4, length < 0 ? bytes.length : headEnd + 4 + length);
        return new Raw(Integer.parseInt(raw.substring(9, 12)), raw.substring(0, headEnd), body);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    private static byte[] post(String contentType, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /imps HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + b.length + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), b);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String keepAlive(String namespace, String sessionId, String transactionId) {
        return "<WV-CSP-Message xmlns=\"" + namespace + "\"><Session><SessionDescriptor><SessionType>Inband</SessionType>"
                + "<SessionID>" + sessionId + "</SessionID></SessionDescriptor><Transaction><TransactionDescriptor>"
                + "<TransactionMode>Request</TransactionMode><TransactionID>" + transactionId + "</TransactionID>"
                + "</TransactionDescriptor><TransactionContent><KeepAlive-Request/></TransactionContent></Transaction>"
                + "</Session></WV-CSP-Message>";
    }

    private static int code(CspMessage m) {
        return Integer.parseInt(m.first().primitive().child("Result").childText("Code"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"urn:CSP&quot;&gt;&lt;Injected/&gt;&lt;x y=&quot;", "urn:a&lt;/WV-CSP-Message&gt;"})
    void aNamespaceIsNeverWrittenBackSoItCannotInjectMarkup(String namespace) throws Exception {
        Raw r = exchange(post(XML, keepAlive(namespace, "S-inj", "7")));
        assertEquals(200, r.status());
        assertFalse(r.text().contains("Injected") || r.text().contains("urn:"), r.text());
        CspMessage answer = r.csp();
        assertEquals(CspVersion.V1_2, answer.version(), "answered in a version the gateway speaks");
        assertEquals(505, code(answer));
        assertEquals("S-inj", answer.sessionId());
        assertEquals("7", answer.first().transactionId());
    }

    @Test
    void a505RepeatsTheSessionIdAndTransactionIdInTheVersionTheContentTypeImplies() throws Exception {
        String body = keepAlive("http://www.openmobilealliance.org/DTD/WV-CSP1.4", "S-14", "42");
        CspMessage as12 = exchange(post(XML, body)).csp();
        assertEquals(505, code(as12));
        assertEquals(SessionType.INBAND, as12.sessionType());
        assertEquals("S-14", as12.sessionId());
        assertEquals("42", as12.first().transactionId());
        assertEquals(CspVersion.V1_2, as12.version());
        assertEquals(CspVersion.V1_3, exchange(post("application/vnd.wv.csp+xml", body)).csp().version());
    }

    /** A WV-CSP-Message without a namespace is CSP that cannot be understood: Status 400, not HTTP 400. */
    @Test
    void cspWithoutANamespaceThatIsNotWellFormedGetsStatus400() throws Exception {
        Raw r = exchange(post(XML, "<WV-CSP-Message><Session><oops></Session>"));
        assertEquals(200, r.status(), r.head());
        CspMessage answer = r.csp();
        assertEquals(CspVersion.V1_2, answer.version());
        assertEquals(400, code(answer));
        assertEquals("Status", answer.first().primitiveName());
        assertEquals(CspVersion.V1_3, exchange(post("application/vnd.wv.csp+xml",
                "<WV-CSP-Message><Session><oops></Session>")).csp().version());
        CspMessage wellFormed = exchange(post(XML, keepAlive("", "S-none", "5").replace(" xmlns=\"\"", ""))).csp();
        assertEquals(400, code(wellFormed));
        assertEquals("S-none", wellFormed.sessionId());
        assertEquals("5", wellFormed.first().transactionId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/9.9", "HTTP/2.0"})
    void anotherHttpVersionIs505(String version) throws Exception {
        byte[] request = post(XML, keepAlive(CspVersion.V1_2.cspNamespace(), witness, "1"));
        String text = new String(request, StandardCharsets.ISO_8859_1).replaceFirst("HTTP/1.1", version);
        assertEquals(505, exchange(text.getBytes(StandardCharsets.ISO_8859_1)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz\r\nabc\r\n0\r\n\r\n", "-1\r\nabc\r\n0\r\n\r\n", "10000000000000000\r\nabc\r\n0\r\n\r\n",
            "3\r\nabcdef\r\n0\r\n\r\n"})
    void aBrokenChunkedBodyIs400(String chunks) throws Exception {
        String head = "POST /imps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + XML + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertEquals(400, exchange((head + chunks).getBytes(StandardCharsets.ISO_8859_1)).status());
    }

    @Test
    void aHugeChunkExtensionIs400() throws Exception {
        String head = "POST /imps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + XML + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        String chunk = "3;" + "x".repeat(20_000) + "\r\nabc\r\n0\r\n\r\n";
        assertEquals(400, exchange((head + chunk).getBytes(StandardCharsets.ISO_8859_1)).status());
    }

    @Test
    void framingHeadersHttpDoesNotAllowAreRefused() throws Exception {
        String body = keepAlive(CspVersion.V1_2.cspNamespace(), witness, "3");
        String head = "POST /imps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + XML + "\r\nContent-Length: "
                + body.length() + "\r\n";
        assertEquals(400, exchange((head + "Transfer-Encoding: xchunked\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1))
                .status(), "a Transfer-Encoding other than chunked");
        assertEquals(417, exchange((head + "Expect: foo\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1)).status());
        assertEquals(415, exchange((head + "Content-Encoding: gzip\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1))
                .status(), "the gateway does not decompress: not a well-formedness error");
    }

    @Test
    void expect100ContinueIsHonoured() throws Exception {
        String body = keepAlive(CspVersion.V1_2.cspNamespace(), witness, "4");
        String head = "POST /imps HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + XML + "\r\nContent-Length: "
                + body.length() + "\r\nExpect: 100-continue\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", node.config().http().port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] interim = new byte[25];
            int n = s.getInputStream().readNBytes(interim, 0, 25);
            assertTrue(new String(interim, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 100 Continue"));
            s.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            Raw r = read(s.getInputStream());
            assertEquals(200, r.status());
            assertEquals("KeepAlive-Response", r.csp().first().primitiveName());
        }
    }

    /** Documented leniency: a POST without a Content-Type is read as CSP XML (some proxies drop the header). */
    @Test
    void aMissingContentTypeIsReadAsXml() throws Exception {
        Raw r = exchange(post(null, keepAlive(CspVersion.V1_2.cspNamespace(), witness, "6")));
        assertEquals(200, r.status());
        assertEquals("KeepAlive-Response", r.csp().first().primitiveName());
    }
}
