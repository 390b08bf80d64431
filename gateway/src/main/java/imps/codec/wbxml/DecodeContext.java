package imps.codec.wbxml;

import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspVersion;
import imps.protocol.Element;

/**
 * What was learnt about a WBXML document before it failed, so that the failure is answered the way
 * the XML decoder's are: a document that is not CSP at all gets the bearer's own error, a foreign CSP
 * version 505, and anything else a Status 400 that echoes version, Session-ID and Transaction-ID.
 * Nothing else from the document (a namespace, a public identifier) is carried on.
 *
 * <p>The public identifier of the header counts as CSP evidence as soon as it is read, so that even a
 * document cut off before its root element is answered in the client's version.
 */
final class DecodeContext {
    static final String ROOT = "WV-CSP-Message";

    private CspVersion headerVersion;
    private CspVersion version;
    private boolean foreignVersion;
    private boolean csp;
    private String sessionId;
    private String transactionId;

    /** The version the header's public identifier names. */
    void headerVersion(CspVersion v) {
        headerVersion = v;
        version = v;
        csp = true;
    }

    /** The message's version; null while unknown or when it is one the gateway does not speak. */
    CspVersion version() {
        return version;
    }

    /**
     * The root element has been read with its xmlns (null when it has none): the namespace decides
     * the version, as in XML; without one the public identifier does. A WV-CSP-Message of a CSP public
     * identifier is CSP whatever its namespace: without a version the gateway speaks, the rest is still
     * read (with the tables of the header's version, else 1.2's) for its Session-ID and Transaction-ID.
     * Returns those tables.
     */
    CspVersion rootSeen(String name, String ns, boolean publicIdIsCsp10) throws DecodeException {
        if (!ROOT.equals(name)) {
            throw new DecodeException(Kind.NOT_CSP, "root element is not " + ROOT, null, null, null);
        }
        if (ns != null && !ns.isEmpty()) {
            version = CspVersion.fromNamespace(ns);
            foreignVersion = version == null;
        } else if (version == null && publicIdIsCsp10) {
            foreignVersion = true;
        }
        // Tag tokens mean nothing without the document type: without a CSP public identifier, only a
        // CSP namespace makes the root a WV-CSP-Message.
        if (headerVersion == null && !publicIdIsCsp10 && version == null) {
            throw new DecodeException(Kind.NOT_CSP, "neither a CSP public identifier nor a CSP namespace", null, null, null);
        }
        csp = true;
        if (version != null) {
            return version;
        }
        return headerVersion != null ? headerVersion : CspVersion.V1_2;
    }

    /** Remembers the envelope's Session-ID and first Transaction-ID as they go by. */
    void closed(Element e, int depthAfter) {
        if (depthAfter == 3 && "SessionID".equals(e.name())) {
            sessionId = e.text();
        } else if (depthAfter == 4 && "TransactionID".equals(e.name()) && transactionId == null) {
            transactionId = e.text();
        }
    }

    /** A whole document without a version the gateway speaks: 505 for a foreign one, 400 for none. */
    void checkVersion() throws DecodeException {
        if (version == null) {
            throw foreignVersion ? unsupported() : new DecodeException(Kind.MALFORMED,
                    "neither a CSP public identifier nor a CSP namespace", null, sessionId, transactionId);
        }
    }

    DecodeException failure(String reason) {
        if (!csp) {
            return new DecodeException(Kind.NOT_CSP, reason, null, null, null);
        }
        if (version == null && foreignVersion) {
            return unsupported();
        }
        return new DecodeException(Kind.MALFORMED, reason, version, sessionId, transactionId);
    }

    private DecodeException unsupported() {
        return new DecodeException(Kind.UNSUPPORTED_VERSION, "not a supported CSP version", null, sessionId,
                transactionId);
    }
}
