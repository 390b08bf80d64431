package imps.codec.wbxml;

import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspVersion;
import imps.protocol.Element;

/**
 * What was learnt about a WBXML document before it failed, so that the failure is answered the way
 * the XML decoder's are: a document that is not CSP at all gets the bearer's own error, a foreign CSP
 * version 505, and anything else a Status 400 that echoes version, Session-ID and Transaction-ID.
 *
 * <p>The public identifier of the header counts as CSP evidence as soon as it is read, so that even a
 * document cut off before its root element is answered in the client's version.
 */
final class DecodeContext {
    static final String ROOT = "WV-CSP-Message";

    private CspVersion version;
    private String namespace;
    private boolean csp;
    private String sessionId;
    private String transactionId;

    /** The version the header's public identifier names. */
    void headerVersion(CspVersion v) {
        version = v;
        csp = true;
    }

    CspVersion version() {
        return version;
    }

    /**
     * The root element has been read with its xmlns (null when it has none): the namespace decides
     * the version, as in XML; without one the public identifier does.
     */
    CspVersion rootSeen(String name, String ns, boolean publicIdIsCsp10) throws DecodeException {
        if (!ROOT.equals(name)) {
            throw new DecodeException(Kind.NOT_CSP, "root element is not " + ROOT, null, ns, null, null);
        }
        namespace = ns;
        if (ns != null) {
            version = CspVersion.fromNamespace(ns);
            if (version == null) {
                csp = false;
                if (ns.contains("CSP")) {
                    throw new DecodeException(Kind.UNSUPPORTED_VERSION, "unsupported CSP namespace " + ns,
                            null, ns, null, null);
                }
                throw new DecodeException(Kind.NOT_CSP, "no CSP namespace on " + ROOT, null, ns, null, null);
            }
        } else if (version == null) {
            if (publicIdIsCsp10) {
                throw new DecodeException(Kind.UNSUPPORTED_VERSION, "WV-CSP 1.0 is not supported", null,
                        CspTokens.NAMESPACE_1_0, null, null);
            }
            throw new DecodeException(Kind.NOT_CSP, "neither a CSP public identifier nor a CSP namespace", null,
                    null, null, null);
        }
        csp = true;
        return version;
    }

    /** Remembers the envelope's Session-ID and first Transaction-ID as they go by. */
    void closed(Element e, int depthAfter) {
        if (depthAfter == 3 && "SessionID".equals(e.name())) {
            sessionId = e.text();
        } else if (depthAfter == 4 && "TransactionID".equals(e.name()) && transactionId == null) {
            transactionId = e.text();
        }
    }

    DecodeException failure(String reason) {
        if (!csp) {
            return new DecodeException(Kind.NOT_CSP, reason, null, namespace, null, null);
        }
        return new DecodeException(Kind.MALFORMED, reason, version, namespace, sessionId, transactionId);
    }
}
