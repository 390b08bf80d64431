package imps.transport.sms;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * The GSM 7-bit default alphabet with its extension table (3GPP TS 23.038 §6.2.1 and §6.2.1.1).
 * Text is represented unpacked, one septet value per byte, which is how SMPP's short_message carries
 * data_coding 0x00 (the SMSC packs the septets for the air interface).
 */
public final class GsmAlphabet {

    /** Escape to the extension table; the following septet selects the character (23.038 §6.2.1.1). */
    public static final int ESCAPE = 0x1B;

    /** The default alphabet in septet order, 0x00 to 0x7F; position 0x1B is the escape and maps no character. */
    private static final String DEFAULT_TABLE =
            "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞ\u0000ÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    /** Characters reached through the escape, keyed by the septet after it (23.038 §6.2.1.1). */
    private static final Map<Integer, Character> EXTENSION_TABLE = Map.of(
            0x0A, '\f', 0x14, '^', 0x28, '{', 0x29, '}', 0x2F, '\\',
            0x3C, '[', 0x3D, '~', 0x3E, ']', 0x40, '|', 0x65, '€');

    private static final Map<Character, Integer> DEFAULT_CODES = new HashMap<>();
    private static final Map<Character, Integer> EXTENSION_CODES = new HashMap<>();

    static {
        for (int septet = 0; septet < DEFAULT_TABLE.length(); septet++) {
            if (septet != ESCAPE) {
                DEFAULT_CODES.put(DEFAULT_TABLE.charAt(septet), septet);
            }
        }
        EXTENSION_TABLE.forEach((septet, c) -> EXTENSION_CODES.put(c, septet));
    }

    private GsmAlphabet() {
    }

    /** Whether every character of {@code text} has a code in the default alphabet or its extension table. */
    public static boolean canEncode(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!DEFAULT_CODES.containsKey(c) && !EXTENSION_CODES.containsKey(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The septets of {@code text}, one per byte; an extension character takes two (escape, code).
     *
     * @throws IllegalArgumentException when a character has no GSM code (see {@link #canEncode})
     */
    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Integer septet = DEFAULT_CODES.get(c);
            if (septet != null) {
                out.write(septet);
                continue;
            }
            Integer extension = EXTENSION_CODES.get(c);
            if (extension == null) {
                throw new IllegalArgumentException("U+" + Integer.toHexString(c).toUpperCase()
                        + " is not in the GSM 7-bit default alphabet");
            }
            out.write(ESCAPE);
            out.write(extension);
        }
        return out.toByteArray();
    }

    /**
     * The text of unpacked septets (the top bit of each byte is ignored). An escape before a code the
     * extension table does not define shows the default-table character of that code, as 23.038
     * §6.2.1.1 asks of a receiver; an escape with nothing valid after it shows as a space.
     */
    public static String decode(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int septet = septets[i] & 0x7F;
            if (septet != ESCAPE) {
                text.append(DEFAULT_TABLE.charAt(septet));
                continue;
            }
            int next = i + 1 < septets.length ? septets[i + 1] & 0x7F : ESCAPE;
            if (next == ESCAPE) {
                text.append(' ');
            } else {
                text.append(EXTENSION_TABLE.getOrDefault(next, DEFAULT_TABLE.charAt(next)));
            }
            i++;
        }
        return text.toString();
    }
}
