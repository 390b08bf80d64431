package imps.codec.pts;

import com.code_intelligence.jazzer.junit.FuzzTest;
import imps.codec.pts.PtsReassembler.Outcome;
import imps.codec.pts.PtsReassembler.Status;
import imps.fuzz.AllocationBudget;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzz target (docs/security.md, Fuzzing): the reassembly of split PTS messages (docs/pts.md §8), on any
 * sequence of SMS payloads from a few phones over time. The input is a list of SMS separated by a
 * zero byte; the first byte of each names the phone (bits 0–1) and how many seconds passed since the
 * previous SMS (bits 2–7), the rest is the payload.
 *
 * <p>Invariants: {@code accept} never throws; no phone holds more than {@link #PER_SENDER} incomplete
 * messages; what passes through is the SMS itself, what is joined is a whole message under the
 * segment's own preamble; the allocation stays within {@link #BUDGET}. And for every SMS that is a
 * whole message: split into segments of a size the input chooses and fed back in reverse order, it
 * comes back byte for byte.
 */
class PtsReassemblerFuzzTest {
    private static final int PER_SENDER = 4;
    private static final long TIMEOUT_MILLIS = 60_000;
    private static final String[] PHONES = {"+358401111111", "+358402222222", "+447700900123", "3590"};
    private static final AllocationBudget BUDGET = new AllocationBudget(16 << 20, 512);

    /** The PTS seeds split into segments, two phones' segments interleaved, then the whole messages. */
    static Stream<byte[]> seeds() {
        List<byte[]> messages = PtsDecoderFuzzTest.seeds().filter(m -> m.length > 40).toList();
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i + 1 < messages.size(); i += 2) {
            List<byte[]> first = segments(messages.get(i));
            List<byte[]> second = segments(messages.get(i + 1));
            List<byte[]> frames = new ArrayList<>();
            for (int s = 0; s < Math.max(first.size(), second.size()); s++) {
                if (s < first.size()) {
                    frames.add(frame(0, 1, first.get(s)));
                }
                if (s < second.size()) {
                    frames.add(frame(1, 0, second.get(s)));
                }
            }
            frames.add(frame(2, 61, messages.get(i)));
            seeds.add(join(frames));
        }
        return seeds.stream();
    }

    private static List<byte[]> segments(byte[] message) {
        try {
            return PtsSegments.split(message, 40);
        } catch (IllegalArgumentException tooLong) {
            return List.of(message);
        }
    }

    private static byte[] frame(int phone, int seconds, byte[] sms) {
        byte[] frame = new byte[sms.length + 1];
        frame[0] = (byte) (phone | Math.min(seconds, 63) << 2);
        System.arraycopy(sms, 0, frame, 1, sms.length);
        return frame;
    }

    private static byte[] join(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] f : frames) {
            if (out.size() > 0) {
                out.write(0);
            }
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    @MethodSource("seeds")
    @FuzzTest
    void accept(byte[] input) {
        BUDGET.check(input, () -> replay(input));
    }

    private static void replay(byte[] input) {
        PtsReassembler reassembler = new PtsReassembler(PER_SENDER, TIMEOUT_MILLIS);
        long now = 0;
        int from = 0;
        while (from < input.length) {
            int end = indexOfZero(input, from);
            if (end > from) {
                int control = input[from] & 0xFF;
                byte[] sms = Arrays.copyOfRange(input, from + 1, end);
                now += (control >> 2) * 1000L;
                check(sms, reassembler.accept(PHONES[control & 3], sms, now));
                if (reassembler.pending() > PER_SENDER * PHONES.length) {
                    throw new AssertionError(reassembler.pending() + " incomplete messages held");
                }
                splitAndJoin(sms, 20 + (control >> 2));
            }
            from = end + 1;
        }
        reassembler.purgeExpired(now + TIMEOUT_MILLIS);
        if (reassembler.pending() != 0) {
            throw new AssertionError(reassembler.pending() + " incomplete messages outlived their time-out");
        }
    }

    private static void check(byte[] sms, Outcome outcome) {
        PtsPreamble p = PtsPreamble.read(sms);
        boolean segment = p != null && p.isSegment() && sms.length > p.length();
        if (!segment) {
            if (outcome.status() != Status.COMPLETE || outcome.message() != sms) {
                throw new AssertionError("an SMS that is no segment did not pass through: " + outcome.status());
            }
            return;
        }
        if (outcome.status() == Status.COMPLETE) {
            PtsPreamble joined = PtsPreamble.read(outcome.message());
            if (joined == null || joined.isSegment() || !joined.base().equals(p.base())) {
                throw new AssertionError("segments of " + p.base() + " joined into " + new String(outcome.message(),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } else if (outcome.message() != null) {
            throw new AssertionError(outcome.status() + " with a message");
        }
    }

    /** A whole message with digits for its version, split and fed back last segment first, comes back as it was. */
    private static void splitAndJoin(byte[] sms, int maxBytes) {
        PtsPreamble p = PtsPreamble.read(sms);
        if (p == null || p.isSegment() || !Character.isDigit(p.version().charAt(0)) || sms.length < maxBytes) {
            return;
        }
        List<byte[]> segments;
        try {
            segments = PtsSegments.split(sms, maxBytes);
        } catch (IllegalArgumentException tooManyOrTooSmall) {
            return;
        }
        PtsReassembler fresh = new PtsReassembler(1, TIMEOUT_MILLIS);
        for (int i = segments.size() - 1; i > 0; i--) {
            Status s = fresh.accept(PHONES[0], segments.get(i), 0).status();
            if (s != Status.PENDING) {
                throw new AssertionError("segment " + i + " of " + segments.size() + ": " + s);
            }
        }
        Outcome last = fresh.accept(PHONES[0], segments.get(0), 0);
        if (last.status() != Status.COMPLETE || !Arrays.equals(last.message(), sms)) {
            throw new AssertionError("split into " + segments.size() + " segments of " + maxBytes
                    + " bytes and joined, the message changed: " + last.status());
        }
    }

    private static int indexOfZero(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }
}
