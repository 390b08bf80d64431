package imps.app;

import imps.app.CspBinding.Device;
import imps.protocol.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Standalone UDP CIR (OMA-TS-IMPS_CSP_Transport, SUDP): the device opens a UDP socket of its own,
 * offers its port as UDPPort, and the gateway sends the {@code WVCI} line as one datagram to the
 * address the device's requests come from.
 */
final class SudpChannel implements ClientCirChannel {
    private static final int WAKE_UP_MILLIS = 10_000;
    private static final int QUIET_MILLIS = 700;

    private final Map<String, DatagramSocket> sockets = new ConcurrentHashMap<>();

    @Override
    public String method() {
        return "SUDP";
    }

    @Override
    public List<Element> offer(Device device) {
        return List.of(Element.leaf("SupportedCIRMethod", method()),
                Element.leaf("UDPPort", String.valueOf(socketOf(device).getLocalPort())));
    }

    @Override
    public void assertAgreed(Element agreed) {
        String port = agreed.childText("UDPPort");
        if (port == null || !port.matches("\\d{1,5}")) {
            fail("SUDP is agreed with the port the device listens on: " + agreed);
        }
    }

    @Override
    public WakeUps open(Device device, String sessionId, Element agreed) {
        DatagramSocket socket = socketOf(device);
        assertEquals(String.valueOf(socket.getLocalPort()), agreed.childText("UDPPort"), "the port the device offered");
        return new WakeUps() {
            @Override
            public String awaitWakeUp() throws IOException {
                String line = receive(socket, WAKE_UP_MILLIS);
                if (line == null) {
                    fail("no WVCI datagram within " + WAKE_UP_MILLIS + " ms");
                }
                return line;
            }

            @Override
            public void assertQuiet() throws IOException {
                String line = receive(socket, QUIET_MILLIS);
                assertEquals(null, line, "nothing announced");
            }

            @Override
            public void close() {
                sockets.remove(device.name());
                socket.close();
            }
        };
    }

    private DatagramSocket socketOf(Device device) {
        return sockets.computeIfAbsent(device.name(), name -> {
            try {
                return new DatagramSocket(0, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The next datagram as text without its line end, or null if none comes within the time. */
    private static String receive(DatagramSocket socket, int millis) throws IOException {
        byte[] buffer = new byte[512];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(millis);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII).strip();
    }
}
