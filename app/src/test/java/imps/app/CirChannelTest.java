package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CIR channels (OMA-TS-IMPS_CSP_Transport; README.md, "Bearers") with raw sockets: the standalone TCP dialogue
 * HELO / OK / PING / WVCI, refusals and garbage, a replaced socket, the CIR flag F after a loss, and
 * the standalone HTTP CIR URL.
 */
class CirChannelTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "100", "IMPS_TCP_CIR_IDLE_TIMEOUT_SECONDS", "2"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** A logged-in session that agreed STCP; returns its Session-ID. */
    private static String sessionWithStcp(CspVersion v, String clientUrl) {
        String sid = client.login(v, "alice", "secret", clientUrl);
        Reply caps = client.request(v, sid, Element.of("ClientCapability-Request", Element.of("CapabilityList",
                Element.leaf("SupportedBearer", "HTTP"), Element.leaf("SupportedCIRMethod", "STCP"),
                Element.leaf("SupportedCIRMethod", "SHTTP"))));
        Element agreed = v == CspVersion.V1_1 ? caps.primitive().child("CapabilityList") : caps.primitive().child("AgreedCapabilityList");
        assertEquals("STCP", agreed.childText("SupportedCIRMethod"));
        assertEquals("127.0.0.1", agreed.childText("TCPAddress"), "the host the client used");
        assertEquals(String.valueOf(node.config().tcpCir().port()), agreed.childText("TCPPort"));
        return sid;
    }

    /** A raw CIR connection. */
    private static final class Cir implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Cir() throws IOException {
            socket = new Socket("127.0.0.1", node.config().tcpCir().port());
            socket.setSoTimeout(3000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void send(String line) throws IOException {
            out.write(line.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        String read() throws IOException {
            return in.readLine();
        }

        /** True when the server closed the connection. */
        boolean closedByServer() throws IOException {
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** TCP may merge a client's writes: lines that arrive together are answered in order. */
    @Test
    void heloAndPingWrittenTogetherAreBothAnsweredInOrder() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-pipelined");
        try (Cir cir = new Cir()) {
            cir.send("HELO " + sid + "\r\nPING\r\n");
            assertEquals("OK", cir.read());
            assertEquals("OK", cir.read());
            cir.send("PING\r\n");
            assertEquals("OK", cir.read(), "the connection stays up");
        }
        assertEquals(200, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code());
    }

    @Test
    void heloIsAnsweredOkAndPingsWithAndWithoutTrailingSpaceToo() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-ok");
        try (Cir cir = new Cir()) {
            cir.send("HELO " + sid + "\r\n");
            assertEquals("OK", cir.read());
            cir.send("PING\r\n");
            assertEquals("OK", cir.read());
            cir.send("PING \r\n");
            assertEquals("OK", cir.read(), "Android sends PING with a trailing space");
        }
    }

    @Test
    void queuedPrimitiveTriggersWvciWithVersionAndCookie() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_3, "tcp-wvci");
        try (Cir cir = new Cir()) {
            cir.send("HELO " + sid + "\r\n");
            assertEquals("OK", cir.read());
            SessionAccess.deliver(node, sid, Element.of("NewMessage", Element.leaf("ContentData", "hi")));
            assertEquals("WVCI 1.3 cookie-tcp-wvci", cir.read());
            SessionAccess.deliver(node, sid, Element.of("NewMessage", Element.leaf("ContentData", "again")));
            cir.send("PING\r\n");
            assertEquals("OK", cir.read(), "one CIR per empty-to-waiting change, not one per primitive");
        }
    }

    @Test
    void unknownSessionGetsNoOkAndTheConnectionIsClosed() throws Exception {
        try (Cir cir = new Cir()) {
            cir.send("HELO no-such-session\r\n");
            assertNull(cir.read());
        }
    }

    @Test
    void garbageBeforeHeloAndOverlongLinesCloseTheConnection() throws Exception {
        try (Cir cir = new Cir()) {
            cir.send("GET / HTTP/1.1\r\n");
            assertTrue(cir.closedByServer());
        }
        try (Cir cir = new Cir()) {
            cir.send("HELO " + "x".repeat(5000) + "\r\n");
            assertTrue(cir.closedByServer());
        }
        try (Cir cir = new Cir()) {
            cir.send("PING\r\n");
            assertTrue(cir.closedByServer(), "PING before HELO is not answered");
        }
    }

    @Test
    void garbageAfterHeloIsIgnored() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-garbage");
        try (Cir cir = new Cir()) {
            cir.send("HELO " + sid + "\r\n");
            assertEquals("OK", cir.read());
            cir.send("\u0000\u0001 nonsense\r\n");
            cir.send("PING\r\n");
            assertEquals("OK", cir.read(), "the server never answers anything but OK and WVCI");
        }
    }

    @Test
    void aNewHeloForTheSameSessionReplacesTheOldSocket() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-replace");
        try (Cir first = new Cir(); Cir second = new Cir()) {
            first.send("HELO " + sid + "\r\n");
            assertEquals("OK", first.read());
            second.send("HELO " + sid + "\r\n");
            assertEquals("OK", second.read());
            assertTrue(first.closedByServer(), "the client that switched networks wins");
            SessionAccess.deliver(node, sid, Element.of("NewMessage", Element.leaf("ContentData", "x")));
            assertEquals("WVCI 1.2 cookie-tcp-replace", second.read());
        }
    }

    @Test
    void heloAfterAReconnectAnnouncesWhatWaits() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-pending");
        SessionAccess.deliver(node, sid, Element.of("NewMessage", Element.leaf("ContentData", "while away")));
        try (Cir cir = new Cir()) {
            cir.send("HELO " + sid + "\r\n");
            assertEquals("OK", cir.read());
            assertEquals("WVCI 1.2 cookie-tcp-pending", cir.read(), "a reconnecting client may have missed CIRs");
        }
    }

    @Test
    void lostTcpConnectionSetsTheCirFlagFOnTheNextReplyOnly() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-lost");
        try (Cir cir = new Cir()) {
            cir.send("HELO " + sid + "\r\n");
            assertEquals("OK", cir.read());
            assertNull(client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).message().cirFlag(),
                    "no CIR flag while the connection is up");
        }
        Reply after = null;
        for (int i = 0; i < 50; i++) {
            Thread.sleep(20);
            after = client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request"));
            if (after.message().cirFlag() != null) {
                break;
            }
        }
        assertNotNull(after);
        assertEquals(Boolean.FALSE, after.message().cirFlag(),
                "OMA-TS-IMPS_CSP_Transport §6: CIR F tells the client to reconnect");
        assertTrue(after.text().contains("<Poll>F</Poll><CIR>F</CIR></Session>"), after.text());
        assertNull(client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).message().cirFlag(),
                "told once");
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-idle");
        try (Cir cir = new Cir()) {
            cir.socket.setSoTimeout(6000);
            cir.send("HELO " + sid + "\r\n");
            assertEquals("OK", cir.read());
            long start = System.nanoTime();
            assertTrue(cir.closedByServer());
            assertTrue(System.nanoTime() - start > 1_000_000_000L, "closed by the idle timeout, not at once");
        }
    }

    @Test
    void logoutClosesTheCirConnection() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-logout");
        try (Cir cir = new Cir()) {
            cir.send("HELO " + sid + "\r\n");
            assertEquals("OK", cir.read());
            client.request(CspVersion.V1_2, sid, Element.empty("Logout-Request"));
            assertTrue(cir.closedByServer());
        }
    }

    @Test
    void recoveringALiveSessionReplacesItsCirConnection() throws Exception {
        String sid = sessionWithStcp(CspVersion.V1_2, "tcp-recover");
        try (Cir cir = new Cir()) {
            cir.send("HELO " + sid + "\r\n");
            assertEquals("OK", cir.read());
            Reply r = client.send(new imps.protocol.CspMessage(CspVersion.V1_2, imps.protocol.SessionType.INBAND, sid,
                    java.util.List.of(imps.protocol.Transaction.request("1",
                            CspClient.login2way("alice", "secret", "tcp-recover", null))), null, null));
            assertEquals(200, r.code());
            assertTrue(cir.closedByServer(), "the new bearer replaces the old binding; the client says HELO again");
        }
    }

    @Test
    void standaloneHttpCirAnswers204Then200WithTheWvciLine() throws Exception {
        String sid = client.login(CspVersion.V1_3, "bob", "secret", "shttp");
        Reply caps = client.request(CspVersion.V1_3, sid, Element.of("ClientCapability-Request", Element.of("CapabilityList",
                Element.leaf("SupportedCIRMethod", "SHTTP"))));
        Element agreed = caps.primitive().child("AgreedCapabilityList");
        assertEquals("SHTTP", agreed.childText("SupportedCIRMethod"));
        String url = agreed.child("CIRHTTPAddress").childText("URL");
        assertEquals(node.cspUrl() + "/cir/" + sid, url);
        HttpResponse<String> idle = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, idle.statusCode());
        SessionAccess.deliver(node, sid, Element.of("NewMessage", Element.leaf("ContentData", "x")));
        HttpResponse<String> wake = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wake.statusCode());
        assertEquals("WVCI 1.3 cookie-shttp", wake.body());
        HttpResponse<String> gone = HTTP.send(HttpRequest.newBuilder(URI.create(node.cspUrl() + "/cir/nope")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, gone.statusCode());
    }

    @Test
    void cirUrlIsCirurlIn12() {
        String sid = client.login(CspVersion.V1_2, "bob", "secret", "shttp12");
        Reply caps = client.request(CspVersion.V1_2, sid, Element.of("ClientCapability-Request", Element.of("CapabilityList",
                Element.leaf("SupportedCIRMethod", "SHTTP"))));
        assertEquals(node.cspUrl() + "/cir/" + sid,
                caps.primitive().child("AgreedCapabilityList").child("CIRURL").childText("URL"));
    }
}
