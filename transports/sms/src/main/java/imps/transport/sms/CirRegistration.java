package imps.transport.sms;

import java.nio.charset.StandardCharsets;

/**
 * {@code HELO <Session-ID>} sent by a phone to the SMS CIR port, tying its number to a session
 * (docs/sms.md). Android packs the text into GSM 7-bit septets inside a data SMS; a text SMS
 * arrives already decoded. Both are read here.
 */
final class CirRegistration {
    private static final byte[] HELO = "HELO".getBytes(StandardCharsets.US_ASCII);

    private CirRegistration() {
    }

    /** True when the payload is a plain-text HELO line. */
    static boolean isHelo(byte[] payload) {
        if (payload.length < HELO.length) {
            return false;
        }
        for (int i = 0; i < HELO.length; i++) {
            if ((payload[i] & 0xDF) != HELO[i]) {
                return false;
            }
        }
        return true;
    }

    /** The Session-ID of a HELO line, plain or packed; null when the payload is not one. */
    static String sessionId(byte[] payload) {
        String line = isHelo(payload) ? new String(payload, StandardCharsets.UTF_8)
                : GsmAlphabet.decode(unpackSeptets(payload));
        String[] fields = line.strip().split("\\s+");
        if (fields.length != 2 || !fields[0].equalsIgnoreCase("HELO") || fields[1].isEmpty()) {
            return null;
        }
        return fields[1];
    }

    /**
     * GSM 7-bit packing (3GPP TS 23.038 §6.1.2.1.1): septets are laid end to end, least significant
     * bit first. Eight bytes hold eight septets exactly, so a final zero septet there is padding.
     */
    static byte[] unpackSeptets(byte[] packed) {
        int count = packed.length * 8 / 7;
        byte[] septets = new byte[count];
        for (int i = 0; i < count; i++) {
            int bit = i * 7;
            int at = bit / 8;
            int shift = bit % 8;
            int value = (packed[at] & 0xFF) >> shift;
            if (shift > 1 && at + 1 < packed.length) {
                value |= (packed[at + 1] & 0xFF) << (8 - shift);
            }
            septets[i] = (byte) (value & 0x7F);
        }
        if (count > 0 && packed.length % 7 == 0 && septets[count - 1] == 0) {
            return java.util.Arrays.copyOf(septets, count - 1);
        }
        return septets;
    }
}
