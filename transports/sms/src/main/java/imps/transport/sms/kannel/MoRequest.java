package imps.transport.sms.kannel;

import imps.transport.sms.MobileOriginated;
import imps.transport.sms.UserDataHeader;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/**
 * Reads the query smsbox sends for a mobile-originated message through the sms-service
 * {@code get-url} documented in docs/kannel.md:
 * {@code from=%p&to=%P&text=%b&udh=%u&coding=%c&charset=%C}. {@code text} is the message as
 * smsbox holds it (raw octets for 8-bit data, the text in {@code charset} otherwise), {@code udh}
 * the user data header including its length octet, {@code coding} 0 (GSM 7-bit), 1 (8-bit) or
 * 2 (UCS-2).
 */
final class MoRequest {
    private MoRequest() {
    }

    /** @throws IllegalArgumentException when the query is not a complete, well-formed MO message */
    static MobileOriginated parse(Map<String, byte[]> params) {
        String sender = required(params, "from");
        String recipient = required(params, "to");
        Coding coding = Coding.of(required(params, "coding"));
        byte[] text = params.getOrDefault("text", new byte[0]);
        byte[] payload = coding == Coding.DATA_8BIT ? text : toUtf8(text, charset(params, coding));
        return new MobileOriginated(sender, recipient, destinationPort(params.get("udh")), payload);
    }

    private static String required(Map<String, byte[]> params, String name) {
        byte[] value = params.get(name);
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("missing " + name);
        }
        return new String(value, StandardCharsets.UTF_8).strip();
    }

    /**
     * The charset smsbox names in {@code %C}; without one, smsbox's defaults for the coding
     * (UTF-8 for 7-bit text it has converted from GSM, UTF-16BE for UCS-2 as received).
     */
    private static Charset charset(Map<String, byte[]> params, Coding coding) {
        byte[] name = params.get("charset");
        if (name == null || name.length == 0) {
            return coding == Coding.UCS2 ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(new String(name, StandardCharsets.US_ASCII).strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new IllegalArgumentException("unknown charset for coding " + coding, e);
        }
    }

    private static byte[] toUtf8(byte[] text, Charset charset) {
        try {
            String decoded = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(text))
                    .toString();
            return decoded.getBytes(StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text is not valid " + charset.name(), e);
        }
    }

    /**
     * The application port of a port-addressed message. A concatenation element means smsbox
     * passed on one part of a longer message: bearerbox joins parts before smsbox sees them
     * ({@code sms-combine-concatenated-mo}, on by default), so a part on its own is refused rather
     * than handed up as if it were the whole message.
     */
    private static Integer destinationPort(byte[] udh) {
        if (udh == null || udh.length == 0) {
            return null;
        }
        UserDataHeader.Split split = UserDataHeader.parse(udh);
        if (split.body().length != 0) {
            throw new IllegalArgumentException("udh is longer than its length octet says");
        }
        if (split.header().concatenation() != null) {
            throw new IllegalArgumentException("a single part of a concatenated message");
        }
        return split.header().destinationPort();
    }
}
