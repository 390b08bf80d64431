package imps.codec.xml;

import imps.codec.wbxml.CspElementNames;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * The CSP element names, looked up by their bytes: a name the protocol defines is read as the one shared
 * String instance, so decoding allocates no String for it and the envelope's look-ups by name compare by
 * identity first. The table is built once and never changes; names outside it (a client's extension, a
 * typo) get a String of their own.
 */
final class ElementNames {
    private static final String[] NAMES;
    private static final byte[][] BYTES;
    private static final int MASK;

    static {
        Set<String> all = CspElementNames.all();
        int size = Integer.highestOneBit(all.size() * 4);
        NAMES = new String[size];
        BYTES = new byte[size][];
        MASK = size - 1;
        for (String name : all) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            int slot = hash(bytes, 0, bytes.length) & MASK;
            while (NAMES[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            NAMES[slot] = name;
            BYTES[slot] = bytes;
        }
    }

    private ElementNames() {
    }

    /** The name in {@code b[start, end)}, which the caller has checked to be ASCII. */
    static String of(byte[] b, int start, int end) {
        int slot = hash(b, start, end) & MASK;
        for (byte[] candidate = BYTES[slot]; candidate != null; candidate = BYTES[slot]) {
            if (Arrays.equals(candidate, 0, candidate.length, b, start, end)) {
                return NAMES[slot];
            }
            slot = (slot + 1) & MASK;
        }
        return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static int hash(byte[] b, int start, int end) {
        int h = end - start;
        for (int i = start; i < end; i++) {
            h = 31 * h + b[i];
        }
        return h ^ (h >>> 16);
    }
}
