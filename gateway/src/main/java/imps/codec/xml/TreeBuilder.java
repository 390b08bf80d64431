package imps.codec.xml;

import imps.codec.CspEnvelope;
import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * The element tree of one CSP XML document, built from the events of either reader ({@link PlainXmlReader}
 * or the StAX one in {@link XmlDecoder}), with the limits applied in one place. It also remembers what was
 * learnt before a failure, so that a Status 400 can still echo the version, Session-ID and Transaction-ID.
 */
final class TreeBuilder {
    private static final String ROOT = "WV-CSP-Message";

    private final XmlLimits limits;
    private final List<Element.Builder> open = new ArrayList<>(16);
    private int elements;
    private Element root;

    private CspVersion version;
    private boolean foreignNamespace;
    private boolean csp;
    private String sessionId;
    private String transactionId;

    TreeBuilder(XmlLimits limits) {
        this.limits = limits;
    }

    /** An element starts; {@code namespace} matters only for the root, where it carries the version. */
    void start(String localName, String namespace) throws DecodeException {
        if (++elements > limits.maxElements()) {
            throw malformed("too many elements");
        }
        if (open.size() >= limits.maxDepth()) {
            throw malformed("elements nested too deeply");
        }
        if (open.isEmpty()) {
            rootSeen(localName, namespace);
        }
        open.add(Element.builder(localName));
    }

    /** Refuses text once what the open element has gathered exceeds the limit. */
    void checkTextLength(int length) throws DecodeException {
        if (length > limits.maxTextLength()) {
            throw malformed("text content too long");
        }
    }

    /** The open element ends, with its text already trimmed, or null when it has none. */
    void end(String text) {
        Element.Builder b = open.remove(open.size() - 1);
        if (text != null) {
            b.text(text);
        }
        Element e = b.build();
        int depthAfter = open.size();
        if (depthAfter == 3 && "SessionID".equals(e.name())) {
            sessionId = e.text();
        } else if (depthAfter == 4 && "TransactionID".equals(e.name()) && transactionId == null) {
            transactionId = e.text();
        }
        if (depthAfter == 0) {
            root = e;
        } else {
            open.get(depthAfter - 1).add(e);
        }
    }

    /** The text as the element tree keeps it: trimmed, and null when nothing but white space. */
    static String trimmed(CharSequence text) {
        String t = text.toString().trim();
        return t.isEmpty() ? null : t;
    }

    /** The root element, once the whole document has been read. */
    Element root() throws DecodeException {
        if (root == null) {
            throw malformed("empty document");
        }
        return root;
    }

    /** The message, once the whole document has been read. */
    CspMessage message() throws DecodeException {
        Element document = root();
        if (version == null) {
            // Well-formed, without a known version: 505 for a foreign namespace, 400 for none.
            throw foreignNamespace ? unsupported()
                    : new DecodeException(Kind.MALFORMED, "no CSP namespace on " + ROOT, null, sessionId, transactionId);
        }
        return CspEnvelope.read(version, document, this::malformed);
    }

    DecodeException malformed(String reason) {
        if (!csp) {
            return new DecodeException(Kind.NOT_CSP, reason, null, null, null);
        }
        if (version == null && foreignNamespace) {
            return unsupported();
        }
        return new DecodeException(Kind.MALFORMED, version == null ? "no CSP namespace on " + ROOT + ": " + reason
                : reason, version, sessionId, transactionId);
    }

    private void rootSeen(String name, String ns) throws DecodeException {
        if (!ROOT.equals(name)) {
            throw new DecodeException(Kind.NOT_CSP, "root element is not " + ROOT, null, null, null);
        }
        // A WV-CSP-Message is CSP whatever its namespace: the rest is read to learn the Session-ID
        // and Transaction-ID, so that the 400 (no namespace) or 505 (an unknown one) can repeat them.
        csp = true;
        foreignNamespace = ns != null && !ns.isEmpty();
        version = foreignNamespace ? CspVersion.fromNamespace(ns) : null;
    }

    private DecodeException unsupported() {
        return new DecodeException(Kind.UNSUPPORTED_VERSION, "not a namespace of a supported CSP version", null,
                sessionId, transactionId);
    }
}
