package imps.codec.pts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The preamble of a PTS message (docs/pts.md §1): {@code WV}, two version characters, a two-letter
 * primitive code, a TransactionID of one to three digits and, only in a segment of a split
 * message, two lower-case letters (docs/pts.md §8); then a space or the end of the message.
 *
 * @param version       {@code 11}, {@code 12}, {@code 13}, {@code XX} or any other two digits
 * @param primitiveCode as written (codes are case-insensitive)
 * @param segment       the segment letters, or null for a whole message
 * @param length        the preamble's length in bytes (it is ASCII)
 */
public record PtsPreamble(String version, String primitiveCode, String transactionId, String segment, int length) {

    /** Reads the preamble at the start of {@code bytes}; null when they do not start with one. */
    public static PtsPreamble read(byte[] bytes) {
        int n = bytes.length;
        if (n < 7 || bytes[0] != 'W' || bytes[1] != 'V' || !versionChars(bytes[2], bytes[3])
                || !letter(bytes[4]) || !letter(bytes[5])) {
            return null;
        }
        int p = 6;
        while (p < n && p < 9 && digit(bytes[p])) {
            p++;
        }
        if (p == 6) {
            return null;
        }
        int idEnd = p;
        String segment = null;
        if (p + 1 < n && lower(bytes[p]) && lower(bytes[p + 1])) {
            segment = ascii(bytes, p, p + 2);
            p += 2;
        }
        if (p < n && bytes[p] != ' ') {
            return null;
        }
        return new PtsPreamble(ascii(bytes, 2, 4).toUpperCase(Locale.ROOT), ascii(bytes, 4, 6), ascii(bytes, 6, idEnd),
                segment, p);
    }

    public boolean isSegment() {
        return segment != null;
    }

    /** The preamble without segment letters: what every segment of one message starts with. */
    public String base() {
        return "WV" + version + primitiveCode + transactionId;
    }

    private static boolean versionChars(byte a, byte b) {
        return (digit(a) && digit(b)) || ((a == 'X' || a == 'x') && (b == 'X' || b == 'x'));
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean letter(byte b) {
        return (b >= 'A' && b <= 'Z') || lower(b);
    }

    private static boolean lower(byte b) {
        return b >= 'a' && b <= 'z';
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }
}
