package imps.transport.sms.kannel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Percent-encoding of URL query parameters as bytes. Kannel passes 8-bit message data through
 * {@code %b} and {@code %u} and reads {@code text} and {@code udh} of sendsms byte for byte, so the
 * values cannot go through a decoder that assumes UTF-8 text: every octet is kept as it is.
 */
final class QueryCodec {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private QueryCodec() {
    }

    /** Encodes every octet except the RFC 3986 unreserved characters as {@code %XX}. */
    static String encode(byte[] value) {
        StringBuilder out = new StringBuilder(value.length * 3);
        for (byte b : value) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    static String encode(String value) {
        return encode(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The parameters of a raw query string ({@code a=1&b=%FF}) as bytes; {@code +} is a space, as
     * in HTML forms and in what Kannel writes. A repeated name keeps its first value.
     *
     * @throws IllegalArgumentException on a malformed percent escape
     */
    static Map<String, byte[]> decode(String rawQuery) {
        Map<String, byte[]> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.putIfAbsent(new String(decodeComponent(name), StandardCharsets.UTF_8), decodeComponent(value));
        }
        return params;
    }

    /** One percent-encoded name or value as octets; {@code +} is a space. */
    static byte[] decodeComponent(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IllegalArgumentException("truncated percent escape in query");
                }
                out.write(hex(encoded.charAt(i + 1)) << 4 | hex(encoded.charAt(i + 2)));
                i += 2;
            } else if (c > 0x7F) {
                throw new IllegalArgumentException("unescaped non-ASCII character in query");
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        int v = Character.digit(c, 16);
        if (v < 0) {
            throw new IllegalArgumentException("bad percent escape in query");
        }
        return v;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
