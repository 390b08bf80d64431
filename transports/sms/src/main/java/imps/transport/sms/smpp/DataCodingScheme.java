package imps.transport.sms.smpp;

import imps.transport.sms.GsmAlphabet;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What the data_coding of a received short message says about its user data: SMPP's own values
 * 0x00 to 0x08 (SMPP 3.4 §5.2.19), otherwise the GSM data coding scheme groups (3GPP TS 23.038 §4).
 * Text becomes its UTF-8 bytes, the form {@link imps.transport.sms.MobileOriginated} carries; 8-bit
 * data, compressed text and unknown codings are passed on as received.
 */
final class DataCodingScheme {

    private enum Alphabet { GSM7, CHARSET, OCTETS }

    private static final DataCodingScheme GSM7 = new DataCodingScheme(Alphabet.GSM7, null);
    private static final DataCodingScheme OCTETS = new DataCodingScheme(Alphabet.OCTETS, null);
    private static final DataCodingScheme UCS2 = new DataCodingScheme(Alphabet.CHARSET, StandardCharsets.UTF_16BE);

    private final Alphabet alphabet;
    private final Charset charset;

    private DataCodingScheme(Alphabet alphabet, Charset charset) {
        this.alphabet = alphabet;
        this.charset = charset;
    }

    static DataCodingScheme of(int dataCoding) {
        int dcs = dataCoding & 0xFF;
        return switch (dcs) {
            // "SMSC default alphabet": SMSCs in front of GSM networks use the GSM default alphabet.
            case 0x00 -> GSM7;
            case 0x01 -> new DataCodingScheme(Alphabet.CHARSET, StandardCharsets.US_ASCII);
            case 0x03 -> new DataCodingScheme(Alphabet.CHARSET, StandardCharsets.ISO_8859_1);
            case 0x06 -> new DataCodingScheme(Alphabet.CHARSET, Charset.forName("ISO-8859-5"));
            case 0x07 -> new DataCodingScheme(Alphabet.CHARSET, Charset.forName("ISO-8859-8"));
            case 0x08 -> UCS2;
            default -> ofGsmGroup(dcs);
        };
    }

    private static DataCodingScheme ofGsmGroup(int dcs) {
        int group = dcs >> 4;
        if (group >= 0x1 && group <= 0x7) {
            // General data coding (00xx) and automatic deletion (01xx): bit 5 compressed, bits 3-2 alphabet.
            return (dcs & 0x20) != 0 ? OCTETS : alphabetBits(dcs);
        }
        return switch (group) {
            // Message waiting indication groups: discard / store with the default alphabet, store with UCS-2.
            case 0xC, 0xD -> GSM7;
            case 0xE -> UCS2;
            // Data coding / message class: bit 2 chooses between the default alphabet and 8-bit data.
            case 0xF -> (dcs & 0x04) == 0 ? GSM7 : OCTETS;
            // SMPP's octet codings 0x02 and 0x04, the rest of 0x00-0x0F, and the reserved groups.
            default -> OCTETS;
        };
    }

    private static DataCodingScheme alphabetBits(int dcs) {
        return switch ((dcs >> 2) & 0x3) {
            case 0 -> GSM7;
            case 2 -> UCS2;
            default -> OCTETS;
        };
    }

    /** The payload as {@link imps.transport.sms.MobileOriginated} carries it: UTF-8 for text, else as received. */
    byte[] payload(byte[] userData) {
        return switch (alphabet) {
            case GSM7 -> GsmAlphabet.decode(userData).getBytes(StandardCharsets.UTF_8);
            case CHARSET -> new String(userData, charset).getBytes(StandardCharsets.UTF_8);
            case OCTETS -> userData;
        };
    }
}
