package imps.codec;

import imps.protocol.CspVersion;

/**
 * The body could not be decoded into a CSP message. {@link #isCsp()} tells whether it was recognisably
 * CSP (then the answer is a Status 400, or 505 for a version the gateway does not speak, echoing the
 * Session-ID and Transaction-ID that could be read) or not CSP at all (then the bearer answers with
 * its own error, e.g. HTTP 400). Nothing else from the body is kept: a namespace the gateway does not
 * know is never written back.
 */
public final class DecodeException extends Exception {
    private final Kind kind;
    private final transient CspVersion version;
    private final String sessionId;
    private final String transactionId;

    public enum Kind {
        /** Not a WV-CSP-Message at all. */
        NOT_CSP,
        /** A WV-CSP-Message of a CSP version the gateway does not speak: Status 505. */
        UNSUPPORTED_VERSION,
        /** CSP, but malformed, hostile or over a limit: Status 400 (OMA-TS-IMPS_CSP-V1_3 §6.1). */
        MALFORMED
    }

    public DecodeException(Kind kind, String reason, CspVersion version, String sessionId, String transactionId) {
        super(reason, null, false, false);
        this.kind = kind;
        this.version = version;
        this.sessionId = sessionId;
        this.transactionId = transactionId;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isCsp() {
        return kind != Kind.NOT_CSP;
    }

    /**
     * The version the message declared (XML namespace, WBXML public ID, PTS preamble); null when it
     * declared none or one the gateway does not speak: the answer then takes the version the bearer
     * implies (e.g. the HTTP content type).
     */
    public CspVersion version() {
        return version;
    }

    public String sessionId() {
        return sessionId;
    }

    public String transactionId() {
        return transactionId;
    }
}
