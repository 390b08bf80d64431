package imps.app;

import imps.app.CspBinding.Device;
import imps.protocol.Element;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Standalone TCP CIR (OMA-TS-IMPS_CSP_Transport, STCP): a real socket to the address the negotiation
 * agreed, {@code HELO <Session-ID>} answered {@code OK}, then {@code WVCI} lines; {@code PING} is
 * answered {@code OK}.
 */
final class StcpChannel implements ClientCirChannel {
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final TestNode landing;

    /** The client connects to the address the negotiation agreed. */
    StcpChannel() {
        this(null);
    }

    /**
     * The client's connection lands on {@code landing}, whatever node the agreed address named, as
     * behind a load balancer in front of nodes that all listen on the same port.
     */
    StcpChannel(TestNode landing) {
        this.landing = landing;
    }

    @Override
    public String method() {
        return "STCP";
    }

    @Override
    public void assertAgreed(Element agreed) {
        assertNotNull(agreed.childText("TCPAddress"), "STCP is agreed with the address to connect to");
        String port = agreed.childText("TCPPort");
        assertTrue(port != null && port.matches("\\d{1,5}"), "and its port: " + port);
    }

    @Override
    public WakeUps open(Device device, String sessionId, Element agreed) throws IOException {
        Socket socket = landing == null
                ? new Socket(agreed.childText("TCPAddress"), Integer.parseInt(agreed.childText("TCPPort")))
                : new Socket(landing.config().tcpCir().host(), landing.config().tcpCir().port());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        OutputStream out = socket.getOutputStream();
        out.write(("HELO " + sessionId + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertEquals("OK", in.readLine(), "HELO for a session that agreed STCP");
        return new WakeUps() {
            @Override
            public String awaitWakeUp() throws IOException {
                return in.readLine();
            }

            @Override
            public void assertQuiet() throws IOException {
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals("OK", in.readLine(), "a PING answered before any WVCI: nothing announced");
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }
}
