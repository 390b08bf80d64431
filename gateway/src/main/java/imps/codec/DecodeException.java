package imps.codec;

import imps.protocol.CspVersion;

/**
 * The body could not be decoded into a CSP message. {@link #isCsp()} tells whether it was recognisably
 * CSP (then the answer is a Status 400 in the request's version, echoing what could be read) or not
 * CSP at all (then the bearer answers with its own error, e.g. HTTP 400).
 */
public final class DecodeException extends Exception {
    private final Kind kind;
    private final transient CspVersion version;
    private final String namespace;
    private final String sessionId;
    private final String transactionId;

    public enum Kind {
        /** Not a WV-CSP-Message at all. */
        NOT_CSP,
        /** A WV-CSP-Message in a namespace of a CSP version the gateway does not speak. */
        UNSUPPORTED_VERSION,
        /** CSP, but malformed, hostile or over a limit: Status 400 (seed 004). */
        MALFORMED
    }

    public DecodeException(Kind kind, String reason, CspVersion version, String namespace,
                           String sessionId, String transactionId) {
        super(reason, null, false, false);
        this.kind = kind;
        this.version = version;
        this.namespace = namespace;
        this.sessionId = sessionId;
        this.transactionId = transactionId;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isCsp() {
        return kind != Kind.NOT_CSP;
    }

    /** The version read from the root namespace; null unless kind is MALFORMED. */
    public CspVersion version() {
        return version;
    }

    /** The root namespace as sent; set for UNSUPPORTED_VERSION. */
    public String namespace() {
        return namespace;
    }

    public String sessionId() {
        return sessionId;
    }

    public String transactionId() {
        return transactionId;
    }
}
