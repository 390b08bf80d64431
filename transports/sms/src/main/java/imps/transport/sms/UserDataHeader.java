package imps.transport.sms;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The user data header of a short message (3GPP TS 23.040 §9.2.3.24): application port addressing
 * (information elements 0x04, 8-bit ports, and 0x05, 16-bit ports) and concatenation (0x00, 8-bit
 * reference, and 0x08, 16-bit reference). Other elements are skipped. IMPS data and CIR messages
 * are port addressed (docs/sms.md).
 */
public record UserDataHeader(Integer destinationPort, Integer sourcePort, Concatenation concatenation) {

    /** One part of a concatenated message: {@code part} counts from 1 to {@code parts}. */
    public record Concatenation(int reference, int parts, int part) {
    }

    public static final UserDataHeader NONE = new UserDataHeader(null, null, null);

    public static UserDataHeader ports(int destination, int source) {
        return new UserDataHeader(destination, source, null);
    }

    public UserDataHeader withConcatenation(Concatenation c) {
        return new UserDataHeader(destinationPort, sourcePort, c);
    }

    public boolean isEmpty() {
        return destinationPort == null && concatenation == null;
    }

    /** The header bytes including the leading length octet (UDHL); empty when there is nothing to say. */
    public byte[] encode() {
        if (isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        if (concatenation != null) {
            if (concatenation.reference() > 0xFF) {
                out.write(0x08);
                out.write(4);
                out.write(concatenation.reference() >> 8);
                out.write(concatenation.reference() & 0xFF);
            } else {
                out.write(0x00);
                out.write(3);
                out.write(concatenation.reference());
            }
            out.write(concatenation.parts());
            out.write(concatenation.part());
        }
        if (destinationPort != null) {
            int src = sourcePort == null ? destinationPort : sourcePort;
            out.write(0x05);
            out.write(4);
            out.write(destinationPort >> 8);
            out.write(destinationPort & 0xFF);
            out.write(src >> 8);
            out.write(src & 0xFF);
        }
        byte[] bytes = out.toByteArray();
        bytes[0] = (byte) (bytes.length - 1);
        return bytes;
    }

    /** A message's user data split into its header and the rest. */
    public record Split(UserDataHeader header, byte[] body) {
    }

    /**
     * Reads the header at the start of {@code userData} (the message has the UDHI flag). A header
     * that runs past the end of the data, or an element that runs past the header, is refused.
     */
    public static Split parse(byte[] userData) {
        if (userData.length == 0) {
            throw new IllegalArgumentException("empty user data with a header indicator");
        }
        int udhl = userData[0] & 0xFF;
        if (udhl + 1 > userData.length) {
            throw new IllegalArgumentException("user data header longer than the message");
        }
        Integer dst = null;
        Integer src = null;
        Concatenation concat = null;
        int i = 1;
        int end = udhl + 1;
        while (i + 2 <= end) {
            int iei = userData[i] & 0xFF;
            int len = userData[i + 1] & 0xFF;
            int at = i + 2;
            if (at + len > end) {
                throw new IllegalArgumentException("user data header element 0x" + Integer.toHexString(iei) + " is truncated");
            }
            switch (iei) {
                case 0x00 -> {
                    if (len == 3) {
                        concat = new Concatenation(u8(userData, at), u8(userData, at + 1), u8(userData, at + 2));
                    }
                }
                case 0x08 -> {
                    if (len == 4) {
                        concat = new Concatenation(u16(userData, at), u8(userData, at + 2), u8(userData, at + 3));
                    }
                }
                case 0x04 -> {
                    if (len == 2) {
                        dst = u8(userData, at);
                        src = u8(userData, at + 1);
                    }
                }
                case 0x05 -> {
                    if (len == 4) {
                        dst = u16(userData, at);
                        src = u16(userData, at + 2);
                    }
                }
                default -> {
                    // Elements the IMPS bearer has no use for (e.g. special SMS indication) are skipped.
                }
            }
            i = at + len;
        }
        return new Split(new UserDataHeader(dst, src, concat), Arrays.copyOfRange(userData, end, userData.length));
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
}
