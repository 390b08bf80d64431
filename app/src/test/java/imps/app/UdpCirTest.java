package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Standalone UDP CIR with a real UDP socket: a client that offers SUDP with its UDPPort gets it agreed
 * and is woken by a {@code WVCI} datagram when something is queued; wake-ups within the pacing
 * interval are folded into one at its end; a client that misses a datagram still collects by polling.
 */
class UdpCirTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_UDP_CIR_HOST", "127.0.0.1", "IMPS_UDP_CIR_MIN_INTERVAL_SECONDS", "3"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    /** A session whose client listens on {@code socket} and agreed SUDP; returns its Session-ID. */
    private static String sessionWithSudp(DatagramSocket socket, String clientUrl) {
        String sid = client.login(V, "alice", "secret", clientUrl);
        Reply caps = client.request(V, sid, Element.of("ClientCapability-Request", Element.builder("CapabilityList")
                .leaf("SupportedBearer", "HTTP").leaf("SupportedCIRMethod", "SUDP")
                .leaf("UDPPort", socket.getLocalPort()).build()));
        Element agreed = caps.primitive().child("AgreedCapabilityList");
        assertEquals("SUDP", agreed.childText("SupportedCIRMethod"));
        assertEquals(String.valueOf(socket.getLocalPort()), agreed.childText("UDPPort"));
        return sid;
    }

    private static String receive(DatagramSocket socket, int timeoutMillis) throws Exception {
        socket.setSoTimeout(timeoutMillis);
        byte[] buf = new byte[512];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    private static Element notice(String text) {
        return Element.of("NewMessage", Element.leaf("ContentData", text));
    }

    @Test
    void aQueuedMessageWakesTheClientWithAWvciDatagramAndWakeUpsArePaced() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String sid = sessionWithSudp(socket, "udp-wake");
            SessionAccess.deliver(node, sid, notice("one"));
            assertEquals("WVCI 1.2 cookie-udp-wake", receive(socket, 5000));

            Reply first = client.poll(V, sid);
            assertEquals("one", first.primitive().childText("ContentData"));
            assertEquals(0, client.respond(V, sid, first.transaction().transactionId(),
                    Element.of("Status", Element.of("Result", Element.leaf("Code", "200")))).body().length);

            // The client polled, so the next message may wake it again, but not within the 3 s interval:
            // that wake-up is folded into one datagram at the interval's end.
            SessionAccess.deliver(node, sid, notice("two"));
            assertNull(receive(socket, 1500), "paced: not within the interval");
            assertEquals("WVCI 1.2 cookie-udp-wake", receive(socket, 6000), "once the interval is over");
            assertEquals("two", client.poll(V, sid).primitive().childText("ContentData"));
            client.request(V, sid, Element.empty("Logout-Request"));
        }
    }

    @Test
    void aClientThatMissesTheDatagramStillCollectsByPolling() throws Exception {
        String sid;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            sid = sessionWithSudp(socket, "udp-lost");
        }
        SessionAccess.deliver(node, sid, notice("while away"));
        Reply poll = client.poll(V, sid);
        assertEquals("while away", poll.primitive().childText("ContentData"), "the datagram went nowhere; the poll gets it");
        client.request(V, sid, Element.empty("Logout-Request"));
    }
}
