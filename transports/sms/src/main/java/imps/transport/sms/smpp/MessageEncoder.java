package imps.transport.sms.smpp;

import imps.transport.sms.GsmAlphabet;
import imps.transport.sms.MobileTerminated;
import imps.transport.sms.UserDataHeader;
import imps.transport.sms.UserDataHeader.Concatenation;
import org.jsmpp.SMPPConstant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a mobile-terminated message into submit_sm parts: 8-bit data, GSM 7-bit text or UCS-2 text,
 * with a 16-bit application port header when the message has a port, and split into a concatenated
 * SMS when the user data does not fit in one (3GPP TS 23.040 §9.2.3.24.1). Not thread safe: the
 * concatenation reference is a plain counter owned by the link's context.
 */
final class MessageEncoder {

    /** TP-User-Data holds at most 140 octets, header included (23.040 §9.2.3.16 and §9.2.3.24). */
    static final int MAX_USER_DATA_OCTETS = 140;

    /** The part count and part number of the concatenation element are single octets (23.040 §9.2.3.24.1). */
    private static final int MAX_PARTS = 255;

    /** How a payload is counted and where it may not be cut. */
    private enum Coding {
        OCTETS(SMPPConstant.DC_BINARY),
        GSM7(SMPPConstant.DC_DEFAULT),
        UCS2(SMPPConstant.DC_UCS2);

        final int dataCoding;

        Coding(int dataCoding) {
            this.dataCoding = dataCoding;
        }

        /** Payload bytes that fit next to a header of {@code headerOctets}. */
        int capacity(int headerOctets) {
            int octets = MAX_USER_DATA_OCTETS - headerOctets;
            return switch (this) {
                case OCTETS -> octets;
                // Septets are packed after the header, which is padded to a septet boundary (23.040 §9.2.3.24).
                case GSM7 -> octets * 8 / 7;
                case UCS2 -> octets / 2 * 2;
            };
        }

        /** The end of a part starting at {@code from}, at most {@code capacity} bytes long. */
        int cut(byte[] payload, int from, int capacity) {
            int end = Math.min(payload.length, from + capacity);
            if (end == payload.length) {
                return end;
            }
            return switch (this) {
                case OCTETS -> end;
                // An escape and the extension code after it form one character (23.038 §6.2.1.1).
                case GSM7 -> (payload[end - 1] & 0x7F) == GsmAlphabet.ESCAPE ? end - 1 : end;
                // A surrogate pair is one character; ending a part on its high half would break it.
                case UCS2 -> Character.isHighSurrogate((char) (((payload[end - 2] & 0xFF) << 8) | (payload[end - 1] & 0xFF)))
                        ? end - 2 : end;
            };
        }
    }

    private int nextReference;

    /**
     * The submit_sm parts of {@code message}, in order.
     *
     * @throws IllegalArgumentException when the message would need more than 255 parts
     */
    List<SubmitPart> encode(MobileTerminated message) {
        Coding coding;
        byte[] payload;
        if (message.binary()) {
            coding = Coding.OCTETS;
            payload = message.payload();
        } else {
            String text = new String(message.payload(), StandardCharsets.UTF_8);
            coding = GsmAlphabet.canEncode(text) ? Coding.GSM7 : Coding.UCS2;
            payload = coding == Coding.GSM7 ? GsmAlphabet.encode(text) : text.getBytes(StandardCharsets.UTF_16BE);
        }
        UserDataHeader ports = message.destinationPort() == null
                ? UserDataHeader.NONE
                : UserDataHeader.ports(message.destinationPort(), message.destinationPort());
        byte[] single = ports.encode();
        if (payload.length <= coding.capacity(single.length)) {
            return List.of(part(message, coding, single, payload));
        }
        int reference = nextReference;
        // The 8-bit reference element keeps the header short; 256 concatenated messages in flight to
        // one phone at once are not expected, so wrapping is harmless.
        nextReference = (nextReference + 1) & 0xFF;
        int capacity = coding.capacity(ports.withConcatenation(new Concatenation(reference, 1, 1)).encode().length);
        List<byte[]> chunks = new ArrayList<>();
        for (int from = 0; from < payload.length; ) {
            int end = coding.cut(payload, from, capacity);
            chunks.add(Arrays.copyOfRange(payload, from, end));
            from = end;
        }
        if (chunks.size() > MAX_PARTS) {
            throw new IllegalArgumentException("message needs " + chunks.size() + " parts, at most " + MAX_PARTS + " are possible");
        }
        List<SubmitPart> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            byte[] header = ports.withConcatenation(new Concatenation(reference, chunks.size(), i + 1)).encode();
            parts.add(part(message, coding, header, chunks.get(i)));
        }
        return parts;
    }

    private static SubmitPart part(MobileTerminated message, Coding coding, byte[] header, byte[] body) {
        byte[] shortMessage = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, shortMessage, header.length, body.length);
        int esmClass = header.length > 0 ? SMPPConstant.ESMCLS_UDHI_INDICATOR_SET : SMPPConstant.ESMCLS_DEFAULT_MODE;
        return new SubmitPart(message.recipient(), esmClass, coding.dataCoding, shortMessage);
    }
}
