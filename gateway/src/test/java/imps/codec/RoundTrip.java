package imps.codec;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The round-trip invariant of the codec fuzz targets (docs/security.md, Fuzzing): what decodes,
 * encodes to bytes that decode again, to what the encoding can carry of the first message.
 */
public final class RoundTrip {
    /** A decoder, XML or PTS. */
    public interface Decoder {
        CspMessage decode(byte[] bytes) throws DecodeException;
    }

    private RoundTrip() {
    }

    /**
     * Decodes {@code input}; a refusal goes to {@code refused} (which throws when the refusal itself
     * breaks an invariant). A message is encoded, decoded with {@code again} and compared with
     * {@code carried} of the first; a difference throws an AssertionError.
     */
    public static void check(byte[] input, Decoder decoder, Function<CspMessage, byte[]> encoder, Decoder again,
                             UnaryOperator<CspMessage> carried, Consumer<DecodeException> refused) {
        CspMessage decoded;
        try {
            decoded = decoder.decode(input);
        } catch (DecodeException e) {
            refused.accept(e);
            return;
        }
        byte[] encoded = encoder.apply(decoded);
        CspMessage second;
        try {
            second = again.decode(encoded);
        } catch (DecodeException e) {
            throw new AssertionError("the encoding of a decoded message does not decode (" + e.getMessage() + "): "
                    + new String(encoded, StandardCharsets.UTF_8), e);
        }
        if (!second.equals(carried.apply(decoded))) {
            throw new AssertionError("decode, encode, decode changed the message:\n" + decoded + "\n" + second);
        }
    }

    /**
     * What an XML or WBXML encoding of {@code m} carries: all of it, except a CIR flag in CSP 1.1,
     * whose envelope has no element for it.
     */
    public static CspMessage carriedByMarkup(CspMessage m) {
        if (m.version() != CspVersion.V1_1 || m.cirFlag() == null) {
            return m;
        }
        return new CspMessage(m.version(), m.sessionType(), m.sessionId(), m.transactions(), m.poll(), null);
    }
}
