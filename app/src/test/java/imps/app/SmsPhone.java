package imps.app;

import imps.codec.DecodeException;
import imps.codec.pts.PtsDecoder;
import imps.codec.pts.PtsEncoder;
import imps.codec.pts.PtsLimits;
import imps.codec.pts.PtsReassembler;
import imps.codec.pts.PtsSegments;
import imps.protocol.CspMessage;
import imps.transport.sms.smpp.SmscSimulator;
import imps.transport.sms.smpp.SmscSimulator.Submitted;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A phone using the SMS bearer through the test SMSC: it sends PTS as port-addressed data SMS
 * (split as docs/pts.md §8 says), and reads what the gateway submits to its number — PTS data SMS
 * reassembled and decoded, CIR SMS as text.
 */
final class SmsPhone {
    static final int DATA_PORT = 3590;
    static final int CIR_PORT = 3716;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final SmscSimulator smsc;
    private final String number;
    private final String gateway;
    private final PtsEncoder encoder = new PtsEncoder();
    private final PtsDecoder decoder = new PtsDecoder(PtsLimits.DEFAULT);
    private final PtsReassembler reassembler = new PtsReassembler(8, 60_000);
    private final Set<String> consumed = new HashSet<>();

    SmsPhone(SmscSimulator smsc, String number, String gateway) {
        this.smsc = smsc;
        this.number = number;
        this.gateway = gateway;
    }

    String number() {
        return number;
    }

    void send(String pts) {
        send(pts.getBytes(StandardCharsets.UTF_8));
    }

    void send(CspMessage message) {
        send(encoder.encode(message));
    }

    /** Sends one PTS message, split into SMS-sized segments when it is long; returns how many SMS it took. */
    int send(byte[] pts) {
        List<byte[]> segments = PtsSegments.split(pts, 133);
        for (byte[] segment : segments) {
            int status = smsc.deliverData(number, gateway, DATA_PORT, segment);
            if (status != 0) {
                throw new AssertionError("the gateway refused an MO SMS with command_status " + status);
            }
        }
        return segments.size();
    }

    /** Sends a text line to the SMS CIR port (e.g. {@code HELO <Session-ID>}). */
    void sendToCirPort(String line) {
        int status = smsc.deliverData(number, gateway, CIR_PORT, line.getBytes(StandardCharsets.US_ASCII));
        if (status != 0) {
            throw new AssertionError("the gateway refused an MO SMS with command_status " + status);
        }
    }

    /** The next PTS message the gateway sent to this phone, reassembled from its segments. */
    CspMessage receive() {
        return receiveWithin(WAIT).orElseThrow(() -> new AssertionError("no PTS message for " + number + " within " + WAIT));
    }

    /** The next PTS message the gateway sends to this phone within {@code wait}, or nothing. */
    Optional<CspMessage> receiveWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (Submitted s : fresh(DATA_PORT)) {
                PtsReassembler.Outcome outcome = reassembler.accept(number, s.userData(), System.currentTimeMillis());
                if (outcome.status() == PtsReassembler.Status.COMPLETE) {
                    try {
                        return Optional.of(decoder.decode(outcome.message()));
                    } catch (DecodeException e) {
                        throw new AssertionError("the gateway sent PTS its own decoder refuses: "
                                + new String(outcome.message(), StandardCharsets.UTF_8), e);
                    }
                }
            }
            pause();
        }
        return Optional.empty();
    }

    /** The next CIR SMS the gateway sent to this phone's CIR port. */
    String receiveCir() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Submitted> cir = fresh(CIR_PORT);
            if (!cir.isEmpty()) {
                return cir.get(0).text();
            }
            pause();
        }
        throw new AssertionError("no CIR SMS for " + number + " within " + WAIT);
    }

    /** Asserts that the gateway sends this phone nothing on {@code port} for {@code quiet}. */
    void expectNothing(int port, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            List<Submitted> got = fresh(port);
            if (!got.isEmpty()) {
                throw new AssertionError("unexpected SMS to " + number + ": " + new String(got.get(0).userData(),
                        StandardCharsets.UTF_8));
            }
            pause();
        }
    }

    /** SMS to this phone's {@code port} not looked at yet, oldest first; each is returned once. */
    private synchronized List<Submitted> fresh(int port) {
        List<Submitted> out = smsc.submits().stream()
                .filter(s -> digits(s.destination()).equals(digits(number)))
                .filter(s -> s.destinationPort() != null && s.destinationPort() == port)
                .filter(s -> !consumed.contains(s.messageId()))
                .limit(1)
                .toList();
        out.forEach(s -> consumed.add(s.messageId()));
        return out;
    }

    private static String digits(String address) {
        return address.startsWith("+") ? address.substring(1) : address;
    }

    static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
