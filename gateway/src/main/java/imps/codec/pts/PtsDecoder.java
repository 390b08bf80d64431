package imps.codec.pts;

import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes one (reassembled) PTS message (docs/pts.md) into the same {@link CspMessage} the XML decoder
 * gives for the equivalent XML: version from the preamble, primitive and TransactionMode from the
 * primitive code, {@code SI} as the envelope's Session-ID (Inband) except in Login-Response, where
 * it is the new SessionID, and the parameters as the primitive's children in content-model order.
 *
 * <p>Line breaks at the very end are ignored. Anything that does not start with a PTS preamble is NOT_CSP; a version other than 11, 12, 13
 * is UNSUPPORTED_VERSION; everything else that cannot be read — bad syntax, unknown codes, a value
 * where a group is needed, invalid UTF-8, a segment, and anything over the {@link PtsLimits} — is
 * MALFORMED and carries version, TransactionID and, when it can be found, the Session-ID, so that
 * the transaction still gets its Status 400.
 */
public final class PtsDecoder {
    static final String INTERNAL = "PTS message not understood: ";
    /** Session-IDs are URL-safe ASCII; anything else around SI= is not one. */
    private static final Pattern SESSION_ID = Pattern.compile("(?:^| )[Ss][Ii]=([A-Za-z0-9._~:@#+/-]+)(?=[ ,)]|$)");

    private final PtsLimits limits;

    public PtsDecoder(PtsLimits limits) {
        this.limits = limits;
    }

    public CspMessage decode(byte[] message) throws DecodeException {
        byte[] body = message == null ? null : withoutLineEnd(message);
        PtsPreamble preamble = body == null ? null : PtsPreamble.read(body);
        if (preamble == null) {
            throw new DecodeException(Kind.NOT_CSP, "no PTS preamble (WV, version, primitive code, TransactionID)",
                    null, null, null);
        }
        CspVersion version = version(preamble.version());
        if (version == null) {
            throw new DecodeException(Kind.UNSUPPORTED_VERSION, "PTS version " + preamble.version() + " is not supported",
                    null, sessionIdIn(body), preamble.transactionId());
        }
        try {
            if (body.length > limits.maxBytes()) {
                throw new PtsSyntaxException("message longer than " + limits.maxBytes() + " bytes");
            }
            String text = utf8(body);
            if (preamble.isSegment()) {
                throw new PtsSyntaxException("a segment of a split message must be reassembled first");
            }
            PtsPrimitive primitive = PtsPrimitives.byCode(preamble.primitiveCode());
            if (primitive == null) {
                throw new PtsSyntaxException("unknown primitive code " + preamble.primitiveCode());
            }
            return message(version, preamble, primitive, text);
        } catch (PtsSyntaxException e) {
            throw new DecodeException(Kind.MALFORMED, e.getMessage(), version, sessionIdIn(body), preamble.transactionId());
        } catch (RuntimeException e) {
            // a safety net: the caller must get a Status 400, never a crash, whatever the input
            throw new DecodeException(Kind.MALFORMED, INTERNAL + e.getClass().getSimpleName(), version,
                    sessionIdIn(body), preamble.transactionId());
        }
    }

    private CspMessage message(CspVersion version, PtsPreamble preamble, PtsPrimitive primitive, String text)
            throws PtsSyntaxException {
        List<PtsParameter> parameters = text.length() > preamble.length()
                ? PtsReader.read(text.substring(preamble.length() + 1), limits) : List.of();
        PtsLayout layout = PtsLayouts.of(primitive.name());
        String sessionId = null;
        List<PtsParameter> content = new ArrayList<>(parameters.size());
        for (PtsParameter p : parameters) {
            if (layout.sessionIdInContent() || !p.code().equalsIgnoreCase(PtsLayout.SESSION_ID_CODE)) {
                content.add(p);
            } else if (sessionId != null || !(p.value() instanceof PtsValue.Atom id) || id.isEmpty()) {
                throw new PtsSyntaxException("SI must be given once, as a single value");
            } else {
                sessionId = id.text();
            }
        }
        Element element = PtsContent.read(primitive.name(), layout, content);
        Transaction tx = new Transaction(primitive.mode(), preamble.transactionId(), element);
        SessionType type = sessionId == null ? SessionType.OUTBAND : SessionType.INBAND;
        return new CspMessage(version, type, sessionId, List.of(tx), null, null);
    }

    /** Line breaks after the last parameter carry nothing; text files and some SMS gateways add them. */
    private static byte[] withoutLineEnd(byte[] message) {
        int end = message.length;
        while (end > 0 && (message[end - 1] == '\n' || message[end - 1] == '\r')) {
            end--;
        }
        return end == message.length ? message : Arrays.copyOf(message, end);
    }

    private static CspVersion version(String digits) {
        return switch (digits) {
            case "11" -> CspVersion.V1_1;
            case "12" -> CspVersion.V1_2;
            case "13" -> CspVersion.V1_3;
            default -> null;
        };
    }

    private static String utf8(byte[] body) throws PtsSyntaxException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PtsSyntaxException("not UTF-8 text");
        }
    }

    /**
     * The Session-ID of a message that could not be read as a whole, when a plain {@code SI=} shows it.
     * It is read from the bytes as ASCII, so it is found also in a message that is not valid UTF-8 or is
     * too long (docs/pts.md §1: every answer to a request that carried a Session-ID repeats it).
     */
    private static String sessionIdIn(byte[] body) {
        Matcher m = SESSION_ID.matcher(new String(body, StandardCharsets.ISO_8859_1));
        return m.find() ? m.group(1) : null;
    }
}
