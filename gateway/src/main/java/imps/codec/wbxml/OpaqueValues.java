package imps.codec.wbxml;

/**
 * The two typed OPAQUE forms of CSP WBXML (OMA-TS-IMPS_CSP_WBXML-V1_3): integers as 1–4 bytes
 * big-endian, and date-times as 6 bytes, 38 bits of year (12), month (4), day (5), hour (5), minute
 * (6) and second (6) after two zero bits, then the time-zone letter ('Z' for UTC). The textual forms
 * are the XML ones: decimal digits, and {@code yyyyMMddTHHmmss} followed by the zone letter.
 */
final class OpaqueValues {
    static final int DATE_TIME_LENGTH = 6;
    private static final int TEXT_DATE_LENGTH = 16;
    private static final long MAX_INTEGER = 0xFFFF_FFFFL;

    private OpaqueValues() {
    }

    /** The OPAQUE bytes of an integer text, or null when the text is not a canonical decimal of at most 32 bits. */
    static byte[] integer(String text) {
        int n = text.length();
        if (n == 0 || n > 10 || (n > 1 && text.charAt(0) == '0')) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        if (value > MAX_INTEGER) {
            return null;
        }
        // The shortest big-endian form; zero as one byte, which every decoder reads.
        int bytes = value > 0xFF_FFFFL ? 4 : value > 0xFFFFL ? 3 : value > 0xFFL ? 2 : 1;
        byte[] out = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    /** The decimal text of an OPAQUE integer of 0–4 bytes; null when longer. */
    static String integer(byte[] data, int offset, int length) {
        if (length > 4) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value << 8 | (data[offset + i] & 0xFF);
        }
        return Long.toString(value);
    }

    /** The six OPAQUE bytes of a date-time text, or null when the text is not {@code yyyyMMddTHHmmss} and a zone letter. */
    static byte[] dateTime(String text) {
        if (text.length() != TEXT_DATE_LENGTH || text.charAt(8) != 'T' || !isZone(text.charAt(15))) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 4, 2);
        int day = digits(text, 6, 2);
        int hour = digits(text, 9, 2);
        int minute = digits(text, 11, 2);
        int second = digits(text, 13, 2);
        if (year < 0 || year > 0xFFF || !valid(month, day, hour, minute, second)) {
            return null;
        }
        long packed = (long) year << 26 | (long) month << 22 | (long) day << 17 | (long) hour << 12
                | (long) minute << 6 | second;
        byte[] out = new byte[DATE_TIME_LENGTH];
        for (int i = 4; i >= 0; i--) {
            out[i] = (byte) packed;
            packed >>>= 8;
        }
        out[5] = (byte) text.charAt(15);
        return out;
    }

    /** The text of a six-byte OPAQUE date-time, or null when a field is out of range. */
    static String dateTime(byte[] data, int offset, int length) {
        if (length != DATE_TIME_LENGTH) {
            return null;
        }
        long packed = 0;
        for (int i = 0; i < 5; i++) {
            packed = packed << 8 | (data[offset + i] & 0xFF);
        }
        char zone = (char) (data[offset + 5] & 0xFF);
        int year = (int) (packed >>> 26);
        int month = (int) (packed >>> 22) & 0xF;
        int day = (int) (packed >>> 17) & 0x1F;
        int hour = (int) (packed >>> 12) & 0x1F;
        int minute = (int) (packed >>> 6) & 0x3F;
        int second = (int) packed & 0x3F;
        if (year > 0xFFF || !isZone(zone) || !valid(month, day, hour, minute, second)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(TEXT_DATE_LENGTH);
        pad(sb, year, 4);
        pad(sb, month, 2);
        pad(sb, day, 2);
        sb.append('T');
        pad(sb, hour, 2);
        pad(sb, minute, 2);
        pad(sb, second, 2);
        return sb.append(zone).toString();
    }

    private static boolean valid(int month, int day, int hour, int minute, int second) {
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour >= 0 && hour <= 23
                && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
    }

    /** Military time-zone letters; CSP uses 'Z'. */
    private static boolean isZone(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
