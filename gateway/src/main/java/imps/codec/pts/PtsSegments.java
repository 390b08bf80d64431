package imps.codec.pts;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PTS message that does not fit one SMS (docs/pts.md §8). Every segment is the preamble, two
 * letters (this segment's index and the last one's, {@code a} first) and a space, followed by the
 * next byte range of the parameter part; all but the last are exactly {@code maxBytes} long. Byte
 * ranges may cut a multi-byte character, which is why reassembly joins bytes, not text.
 */
public final class PtsSegments {
    /** Segment indexes are the letters a–z. */
    public static final int MAX_SEGMENTS = 26;

    private PtsSegments() {
    }

    /**
     * The message itself when it is shorter than {@code maxBytes}, else its segments. Android splits
     * from {@code maxBytes} on, so a message of exactly that length is split too.
     *
     * @throws IllegalArgumentException when the message is no whole PTS message, when {@code maxBytes}
     *                                  leaves no room for a parameter chunk, or when it would take
     *                                  more than 26 segments (Android refuses those as well)
     */
    public static List<byte[]> split(byte[] message, int maxBytes) {
        if (message.length < maxBytes) {
            return List.of(message);
        }
        PtsPreamble preamble = PtsPreamble.read(message);
        if (preamble == null || preamble.isSegment()) {
            throw new IllegalArgumentException("not a whole PTS message");
        }
        int chunk = maxBytes - preamble.length() - 3;
        if (chunk < 1) {
            throw new IllegalArgumentException(maxBytes + " bytes leave no room for a segment's content");
        }
        int start = preamble.length() + 1;
        int count = (message.length - start + chunk - 1) / chunk;
        if (count > MAX_SEGMENTS) {
            throw new IllegalArgumentException("a message of " + message.length + " bytes needs " + count
                    + " segments of " + maxBytes + " bytes; PTS allows " + MAX_SEGMENTS);
        }
        List<byte[]> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = start + i * chunk;
            int to = Math.min(message.length, from + chunk);
            byte[] segment = new byte[preamble.length() + 3 + to - from];
            System.arraycopy(message, 0, segment, 0, preamble.length());
            segment[preamble.length()] = (byte) ('a' + i);
            segment[preamble.length() + 1] = (byte) ('a' + count - 1);
            segment[preamble.length() + 2] = ' ';
            System.arraycopy(message, from, segment, preamble.length() + 3, to - from);
            segments.add(segment);
        }
        return segments;
    }
}
