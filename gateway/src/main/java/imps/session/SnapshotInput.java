package imps.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

/** Reads what {@link SnapshotOutput} writes; a truncated or inconsistent form is an IOException. */
final class SnapshotInput {
    private final byte[] bytes;
    private int pos;

    SnapshotInput(byte[] bytes) {
        this.bytes = bytes;
    }

    byte readByte() throws IOException {
        if (pos >= bytes.length) {
            throw new IOException("truncated");
        }
        return bytes[pos++];
    }

    long readFixedLong() throws IOException {
        long v = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            v = (v << 8) | (readByte() & 0xFF);
        }
        return v;
    }

    boolean bool() throws IOException {
        return readByte() != 0;
    }

    long number() throws IOException {
        long v = unsigned();
        return (v >>> 1) ^ -(v & 1);
    }

    int intNumber() throws IOException {
        long v = number();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IOException("number out of range");
        }
        return (int) v;
    }

    Integer optionalNumber() throws IOException {
        return bool() ? intNumber() : null;
    }

    String string() throws IOException {
        long n = unsigned();
        if (n == 0) {
            return null;
        }
        int length = count(n - 1);
        String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    /** What {@link SnapshotOutput#bytes} wrote. */
    byte[] bytes() throws IOException {
        long n = unsigned();
        if (n == 0) {
            throw new IOException("missing byte string");
        }
        int length = count(n - 1);
        byte[] b = Arrays.copyOfRange(bytes, pos, pos + length);
        pos += length;
        return b;
    }

    List<String> stringList() throws IOException {
        long n = unsigned();
        if (n == 0) {
            return null;
        }
        int count = count(n - 1);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(string());
        }
        return values;
    }

    HashSet<String> stringSet() throws IOException {
        List<String> values = stringList();
        return values == null ? null : new HashSet<>(values);
    }

    /** A length or count: it cannot exceed the bytes left, which bounds what a broken form allocates. */
    private int count(long n) throws IOException {
        if (n > bytes.length - pos) {
            throw new IOException("truncated");
        }
        return (int) n;
    }

    private long unsigned() throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = readByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("number too long");
    }
}
