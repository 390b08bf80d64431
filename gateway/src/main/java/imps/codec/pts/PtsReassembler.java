package imps.codec.pts;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Joins the segments of split PTS messages (docs/pts.md §8). Segments belong together when they come
 * from the same sender (a phone number, as the caller names it) and carry the same TransactionID;
 * unlike Android, which keys by TransactionID alone, two phones never mix. A message is rebuilt as
 * bytes once every index from {@code a} to the last has arrived. Whole messages, and anything that
 * is not a PTS segment, pass straight through.
 *
 * <p>Bounds: at most {@code maxPendingPerSender} incomplete messages per sender; a segment of a new
 * one beyond that drops the sender's oldest incomplete message (a phone that moved on to newer
 * transactions no longer waits for the old one's answer). An incomplete message is dropped
 * {@code timeoutMillis} after its first segment arrived: {@link #purgeExpired} drops all such, and
 * a segment arriving for an expired message starts afresh. A repeated segment is ignored. A
 * segment whose last index differs from the one its message started with, whose index lies past
 * its last, or whose preamble differs, drops the whole message.
 *
 * <p>Not thread-safe: one instance belongs to one event loop.
 */
public final class PtsReassembler {
    /** What one SMS did. */
    public enum Status {
        /** A whole message: passed through, or the last missing segment arrived. */
        COMPLETE,
        /** A segment was kept; its message is still incomplete. */
        PENDING,
        /** A segment that had already arrived; ignored. */
        DUPLICATE,
        /** A segment that contradicts its message; the message is dropped. */
        INCONSISTENT
    }

    /** {@code message} is set only when COMPLETE. */
    public record Outcome(Status status, byte[] message) {
    }

    private static final Outcome PENDING = new Outcome(Status.PENDING, null);
    private static final Outcome DUPLICATE = new Outcome(Status.DUPLICATE, null);
    private static final Outcome INCONSISTENT = new Outcome(Status.INCONSISTENT, null);

    private final int maxPendingPerSender;
    private final long timeoutMillis;
    /** Per sender, incomplete messages by TransactionID, oldest first. */
    private final Map<String, LinkedHashMap<String, Pending>> senders = new HashMap<>();

    /** One incomplete message. */
    private static final class Pending {
        final String base;
        final byte[][] chunks;
        final long startedMillis;
        int received;

        Pending(String base, int count, long startedMillis) {
            this.base = base;
            this.chunks = new byte[count][];
            this.startedMillis = startedMillis;
        }
    }

    public PtsReassembler(int maxPendingPerSender, long timeoutMillis) {
        if (maxPendingPerSender < 1 || timeoutMillis < 1) {
            throw new IllegalArgumentException("reassembly bounds must be positive");
        }
        this.maxPendingPerSender = maxPendingPerSender;
        this.timeoutMillis = timeoutMillis;
    }

    public Outcome accept(String sender, byte[] sms, long nowMillis) {
        PtsPreamble p = PtsPreamble.read(sms);
        if (p == null || !p.isSegment() || sms.length <= p.length()) {
            return new Outcome(Status.COMPLETE, sms);
        }
        int index = p.segment().charAt(0) - 'a';
        int last = p.segment().charAt(1) - 'a';
        LinkedHashMap<String, Pending> pending = senders.computeIfAbsent(sender, s -> new LinkedHashMap<>());
        pending.values().removeIf(m -> expired(m, nowMillis));
        Pending message = pending.get(p.transactionId());
        if (index > last || (message != null && (message.chunks.length != last + 1 || !message.base.equals(p.base())))) {
            pending.remove(p.transactionId());
            forgetIfEmpty(sender, pending);
            return INCONSISTENT;
        }
        if (message == null) {
            if (pending.size() >= maxPendingPerSender) {
                Iterator<String> oldest = pending.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            message = new Pending(p.base(), last + 1, nowMillis);
            pending.put(p.transactionId(), message);
        }
        if (message.chunks[index] != null) {
            return DUPLICATE;
        }
        byte[] chunk = new byte[sms.length - p.length() - 1];
        System.arraycopy(sms, p.length() + 1, chunk, 0, chunk.length);
        message.chunks[index] = chunk;
        if (++message.received < message.chunks.length) {
            return PENDING;
        }
        pending.remove(p.transactionId());
        forgetIfEmpty(sender, pending);
        return new Outcome(Status.COMPLETE, join(message));
    }

    /** Drops every incomplete message older than the timeout; returns how many were dropped. */
    public int purgeExpired(long nowMillis) {
        int dropped = 0;
        for (Iterator<LinkedHashMap<String, Pending>> it = senders.values().iterator(); it.hasNext(); ) {
            LinkedHashMap<String, Pending> pending = it.next();
            int before = pending.size();
            pending.values().removeIf(m -> expired(m, nowMillis));
            dropped += before - pending.size();
            if (pending.isEmpty()) {
                it.remove();
            }
        }
        return dropped;
    }

    /** The number of incomplete messages held. */
    public int pending() {
        return senders.values().stream().mapToInt(Map::size).sum();
    }

    private boolean expired(Pending m, long nowMillis) {
        return nowMillis - m.startedMillis >= timeoutMillis;
    }

    private void forgetIfEmpty(String sender, Map<String, Pending> pending) {
        if (pending.isEmpty()) {
            senders.remove(sender);
        }
    }

    private static byte[] join(Pending m) {
        byte[] base = m.base.getBytes(StandardCharsets.US_ASCII);
        int length = base.length + 1;
        for (byte[] c : m.chunks) {
            length += c.length;
        }
        byte[] out = new byte[length];
        System.arraycopy(base, 0, out, 0, base.length);
        out[base.length] = ' ';
        int at = base.length + 1;
        for (byte[] c : m.chunks) {
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        return out;
    }
}
