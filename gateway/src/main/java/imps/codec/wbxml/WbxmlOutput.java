package imps.codec.wbxml;

import java.util.Arrays;

/** A growing byte buffer with the WBXML primitives: multi-byte integers and NUL-terminated UTF-8 (WAP-192-WBXML). */
final class WbxmlOutput {
    private byte[] buf;
    private int size;

    WbxmlOutput(int capacity) {
        buf = new byte[capacity];
    }

    int size() {
        return size;
    }

    void write(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    void writeTo(byte[] target, int offset) {
        System.arraycopy(buf, 0, target, offset, size);
    }

    /** Seven bits a byte, most significant first, the continuation bit on every byte but the last. */
    void writeMbUInt32(long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        ensure(groups);
        for (int g = groups - 1; g >= 0; g--) {
            int bits = (int) (value >>> (7 * g)) & 0x7F;
            buf[size++] = (byte) (g == 0 ? bits : bits | 0x80);
        }
    }

    /**
     * The text as UTF-8 followed by NUL. NUL itself cannot be carried (it ends the string) and an
     * unpaired surrogate is not a character; both are left out.
     */
    void writeTerminatedUtf8(String s) {
        int n = s.length();
        ensure(n + 1);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c != 0) {
                    buf[size++] = (byte) c;
                }
            } else if (c < 0x800) {
                ensure(2 + (n - i));
                buf[size++] = (byte) (0xC0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4 + (n - i));
                buf[size++] = (byte) (0xF0 | cp >> 18);
                buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
                buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | cp & 0x3F);
            } else if (!Character.isSurrogate(c)) {
                ensure(3 + (n - i));
                buf[size++] = (byte) (0xE0 | c >> 12);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
        buf[size++] = 0;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
