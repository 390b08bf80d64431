package imps.session;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Writes the compact form of the replicas ({@link SessionSnapshotCodec}, {@link QueueReplica}): numbers as unsigned LEB128 (zig-zag for longs), text and lists with
 * counts + 1, 0 for null. Into a plain growable array, not a ByteArrayOutputStream: its writes are
 * synchronized, a monitor taken per byte, which made writing numbers a visible share of a relayed
 * message's CPU.
 */
final class SnapshotOutput {
    private byte[] buf = new byte[256];
    private int count;

    void writeByte(int b) {
        if (count == buf.length) {
            grow(1);
        }
        buf[count++] = (byte) b;
    }

    private void write(byte[] b, int off, int len) {
        if (count + len > buf.length) {
            grow(len);
        }
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void grow(int more) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, count);
    }

    void writeFixedLong(long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            writeByte((int) (v >>> shift));
        }
    }

    void bool(boolean b) {
        writeByte(b ? 1 : 0);
    }

    void number(long v) {
        unsigned((v << 1) ^ (v >> 63));
    }

    void optionalNumber(Integer v) {
        if (v == null) {
            writeByte(0);
        } else {
            writeByte(1);
            number(v);
        }
    }

    void string(String s) {
        if (s == null) {
            unsigned(0);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        unsigned(b.length + 1L);
        write(b, 0, b.length);
    }

    /** A byte string, as its length + 1 and its bytes. */
    void bytes(byte[] b) {
        unsigned(b.length + 1L);
        write(b, 0, b.length);
    }

    void strings(Collection<String> values) {
        if (values == null) {
            unsigned(0);
            return;
        }
        unsigned(values.size() + 1L);
        for (String v : values) {
            string(v);
        }
    }

    private void unsigned(long v) {
        while ((v & ~0x7FL) != 0) {
            writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        writeByte((int) v);
    }
}
