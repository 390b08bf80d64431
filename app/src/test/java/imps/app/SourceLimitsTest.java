package imps.app;

import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-address limits and slow-sender time-outs over real sockets from several loopback addresses:
 * connections per address on the HTTP and TCP CIR ports, requests per second (429), a request head
 * that is trickled (closed) and a body that does not arrive (408), a TCP CIR connection that never
 * says HELO (closed). Each refusal leaves other addresses, and the refused address once it is back
 * within its limits, served as usual.
 */
class SourceLimitsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Element SP_INFO = Element.empty("GetSPInfo-Request");
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of(
                "IMPS_HTTP_MAX_CONNECTIONS_PER_SOURCE", "3",
                "IMPS_HTTP_MAX_REQUESTS_PER_SECOND_PER_SOURCE", "5",
                "IMPS_HTTP_IDLE_TIMEOUT_SECONDS", "2",
                "IMPS_HTTP_BODY_TIMEOUT_SECONDS", "1",
                "IMPS_TCP_CIR_MAX_CONNECTIONS_PER_SOURCE", "2",
                "IMPS_TCP_CIR_HELO_TIMEOUT_SECONDS", "4",
                "IMPS_SESSION_MAX_SESSIONS_PER_USER", "100"));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static SourceClient from(String address) {
        return new SourceClient(address, node.config().http().port());
    }

    private static Socket connect(String source, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(source, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout((int) PATIENCE.toMillis());
        return socket;
    }

    /** True when the peer closed the connection (end of stream or reset) before sending anything. */
    private static boolean closedByPeer(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void oneConnectionTooManyFromAnAddressIsClosedAtOnce() throws Exception {
        int port = node.config().http().port();
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(connect("127.0.0.8", port));
            }
            // Which one is too many depends on the event loops that accept them: the one closed at once.
            Socket extra = awaitClosedByPeer(held);
            assertTrue(extra != null, "one of four connections from one address is closed at once");
            held.remove(extra);
            extra.close();
            assertEquals(200, from("127.0.0.9").login("alice", "secret", "other-address").code(),
                    "another address is served");
            held.remove(0).close();
            assertEquals(200, awaitAnswer(() -> from("127.0.0.8").login("alice", "secret", "back-in-limits")),
                    "a connection closed makes room again");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void requestsBeyondTheRateOfAnAddressGet429() throws Exception {
        int refused = 0;
        for (int i = 0; i < 200 && refused == 0; i++) {
            int status = from("127.0.0.10").send(SP_INFO).status();
            assertTrue(status == 200 || status == 429, "status " + status);
            if (status == 429) {
                refused++;
            }
        }
        assertEquals(1, refused, "a burst from one address beyond 5 requests a second gets 429");
        assertEquals(200, from("127.0.0.11").send(SP_INFO).status(), "another address is served");
        assertEquals(200, awaitAnswer(() -> from("127.0.0.10").send(SP_INFO)),
                "the address is served again once it keeps the pace");
    }

    @Test
    void aTrickledRequestHeadIsCutOff() throws Exception {
        try (Socket slow = connect("127.0.0.12", node.config().http().port())) {
            OutputStream out = slow.getOutputStream();
            byte[] head = "POST /imps HTTP/1.1\r\nHost: x\r\nX-Padding: ".getBytes(StandardCharsets.US_ASCII);
            out.write(head);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            boolean cut = false;
            // One byte every 300 ms keeps the socket from ever being idle for the 2 s time-out.
            while (!cut && System.nanoTime() < deadline) {
                Thread.sleep(300);
                try {
                    out.write('a');
                    out.flush();
                    slow.setSoTimeout(1);
                    cut = closedByPeer(slow);
                } catch (IOException e) {
                    cut = true;
                }
            }
            assertTrue(cut, "a head never completed is closed after http.idleTimeoutSeconds however slowly it trickles");
        }
        assertEquals(200, from("127.0.0.12").login("carol", "secret", "after-trickle").code());
    }

    @Test
    void aBodyThatDoesNotArriveGets408() throws Exception {
        try (Socket slow = connect("127.0.0.13", node.config().http().port())) {
            slow.getOutputStream().write(("POST /imps HTTP/1.1\r\nHost: x\r\nContent-Type: application/vnd.wv.csp.xml\r\n"
                    + "Content-Length: 400\r\n\r\n<WV-CSP-Message").getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(slow.getInputStream(), StandardCharsets.ISO_8859_1));
            assertEquals("HTTP/1.1 408 Request Timeout", in.readLine());
        }
        assertEquals(200, from("127.0.0.13").login("carol", "secret", "after-slow-body").code());
    }

    @Test
    void tcpCirConnectionsPerAddressAndTheHeloDeadline() throws Exception {
        int port = node.config().tcpCir().port();
        String sid = from("127.0.0.14").login("dave", "secret", "cir-limits").primitive().childText("SessionID");
        try (Socket a = connect("127.0.0.14", port); Socket b = connect("127.0.0.14", port);
             Socket c = connect("127.0.0.14", port)) {
            // The listener accepts on several event loops, so which of three connections made together is
            // the one too many is not known in advance: it is the one closed at once.
            List<Socket> open = new ArrayList<>(List.of(a, b, c));
            Socket extra = awaitClosedByPeer(open);
            assertTrue(extra != null, "one of three connections from one address is closed at once");
            open.remove(extra);
            Socket bound = open.get(0);
            Socket silent = open.get(1);
            bound.getOutputStream().write(("HELO " + sid + "\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(bound.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("OK", in.readLine());
            assertTrue(closedByPeer(silent), "a connection that says no HELO is closed after tcpCir.heloTimeoutSeconds");
            Thread.sleep(node.config().tcpCir().heloTimeoutSeconds() * 1000L + 500);
            bound.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("OK", in.readLine(), "a connection whose HELO was accepted stays");
        }
    }

    /**
     * The first of {@code sockets} the peer closes within two seconds, looking at each in turn for a
     * moment, or null; the others are left as they were (nothing is read from a connection the gateway
     * only answers after a HELO).
     */
    private static Socket awaitClosedByPeer(List<Socket> sockets) throws IOException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Socket socket : sockets) {
                socket.setSoTimeout(50);
                try {
                    if (closedByPeer(socket)) {
                        return socket;
                    }
                } finally {
                    socket.setSoTimeout((int) PATIENCE.toMillis());
                }
            }
        }
        return null;
    }

    /** Retries {@code exchange} until it gets HTTP 200, for PATIENCE; the last status (-1: no answer). */
    private static int awaitAnswer(java.util.function.Supplier<SourceClient.Answer> exchange) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                status = exchange.get().status();
                if (status == 200) {
                    return status;
                }
            } catch (RuntimeException | AssertionError refusedOrClosed) {
                status = -1;
            }
            Thread.sleep(200);
        }
        return status;
    }
}
