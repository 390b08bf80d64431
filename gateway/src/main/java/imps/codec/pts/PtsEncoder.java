package imps.codec.pts;

import imps.protocol.CspMessage;
import imps.protocol.Transaction;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Writes a {@link CspMessage} as one PTS message (docs/pts.md), UTF-8: the preamble in the message's
 * version, SI first as Android does, then the primitive's children. Values are quoted only where
 * they must be, and each element takes the most compact form that carries it exactly (Android's
 * codes where they exist, the gateway's otherwise, the full element name as the last resort), so
 * decoding the result gives the same tree back. Not in PTS, so not written: Poll and CIR flags
 * (docs/pts.md §1), and the envelope's Session-ID of a Login-Response, whose SI is the new SessionID.
 * A missing TransactionID (a 1.3 Disconnect) is written as 0, as Android does for polling.
 */
public final class PtsEncoder {
    private static final Pattern TRANSACTION_ID = Pattern.compile("[0-9]{1,3}");

    /**
     * @throws IllegalArgumentException for what PTS cannot carry: other than one transaction, a
     *                                  primitive without a code in that mode, a TransactionID that
     *                                  is not 0–999, an element with both text and children
     */
    public byte[] encode(CspMessage message) {
        if (message.transactions().size() != 1) {
            throw new IllegalArgumentException("a PTS message carries exactly one transaction");
        }
        Transaction tx = message.first();
        PtsPrimitive primitive = PtsPrimitives.forElement(tx.primitiveName(), tx.mode());
        if (primitive == null) {
            throw new IllegalArgumentException("no PTS code for " + tx.primitiveName() + " as a " + tx.mode());
        }
        String id = tx.transactionId() == null ? "0" : tx.transactionId();
        if (!TRANSACTION_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("PTS TransactionIDs are 0-999, not " + id);
        }
        PtsLayout layout = PtsLayouts.of(primitive.name());
        StringBuilder sb = new StringBuilder(160).append("WV").append(message.version().label().replace(".", ""))
                .append(primitive.code()).append(id);
        if (message.sessionId() != null && !layout.sessionIdInContent()) {
            PtsWriter.parameter(sb, PtsLayout.SESSION_ID_CODE, new PtsValue.Atom(message.sessionId()));
        }
        for (PtsParameter p : PtsContent.write(layout, tx.primitive())) {
            PtsWriter.parameter(sb, p.code(), p.value());
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
