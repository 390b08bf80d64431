package imps.codec.xml;

import imps.codec.CspEnvelope;
import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import com.fasterxml.aalto.stax.InputFactoryImpl;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming decoder of CSP XML (the WV-CSP-Message envelope of OMA-TS-IMPS_CSP_DataTypes). Elements
 * are matched by local name, as real clients do; only the root namespace matters, because it
 * carries the version.
 *
 * <p>No DTD is ever processed: a DOCTYPE that merely names the public CSP DTD is skipped unread (old
 * clients send one), a DOCTYPE with an internal subset and any entity reference other than the XML
 * built-ins are refused, and external entities are switched off in the parser. Depth, element count
 * and text length are bounded.
 */
public final class XmlDecoder {
    private static final String ROOT = "WV-CSP-Message";
    private static final XMLInputFactory FACTORY = createFactory();

    private final XmlLimits limits;

    public XmlDecoder(XmlLimits limits) {
        this.limits = limits;
    }

    private static XMLInputFactory createFactory() {
        // Aalto: a fast non-validating StAX parser that never expands entities (it reports them as
        // references, which are refused below) and never reads an external DTD.
        XMLInputFactory f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    public CspMessage decode(byte[] body) throws DecodeException {
        Partial partial = new Partial();
        Element root;
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            root = readTree(r, partial);
        } catch (XMLStreamException | RuntimeException e) {
            throw partial.malformed("not well-formed XML: " + firstLine(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader over a byte array releases nothing that could fail
                }
            }
        }
        return interpret(root, partial);
    }

    private Element readTree(XMLStreamReader r, Partial partial) throws XMLStreamException, DecodeException {
        List<Element.Builder> stack = new ArrayList<>(16);
        List<StringBuilder> texts = new ArrayList<>(16);
        Element root = null;
        int elements = 0;
        boolean internalSubset = false;
        while (r.hasNext()) {
            int event = r.next();
            switch (event) {
                case XMLStreamConstants.DTD -> {
                    String dtd = r.getText();
                    // Refused once the root shows whether this is CSP (Status 400) or not (bearer error).
                    // Parsers report either the whole DOCTYPE or only its internal subset as text.
                    internalSubset = dtd != null && (dtd.indexOf('[') >= 0 || dtd.contains("<!"));
                }
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                        throw partial.malformed("entity references are not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > limits.maxElements()) {
                        throw partial.malformed("too many elements");
                    }
                    if (stack.size() >= limits.maxDepth()) {
                        throw partial.malformed("elements nested too deeply");
                    }
                    String name = r.getLocalName();
                    if (stack.isEmpty()) {
                        partial.rootSeen(name, r.getNamespaceURI());
                        if (internalSubset) {
                            throw partial.malformed("DOCTYPE with an internal subset is not accepted");
                        }
                    }
                    stack.add(Element.builder(name));
                    texts.add(null);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!stack.isEmpty()) {
                        int top = texts.size() - 1;
                        StringBuilder sb = texts.get(top);
                        if (sb == null) {
                            sb = new StringBuilder(r.getTextLength());
                            texts.set(top, sb);
                        }
                        sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        if (sb.length() > limits.maxTextLength()) {
                            throw partial.malformed("text content too long");
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    Element.Builder b = stack.remove(stack.size() - 1);
                    StringBuilder sb = texts.remove(texts.size() - 1);
                    if (sb != null) {
                        String t = sb.toString().trim();
                        if (!t.isEmpty()) {
                            b.text(t);
                        }
                    }
                    Element e = b.build();
                    partial.closed(e, stack.size());
                    if (stack.isEmpty()) {
                        root = e;
                    } else {
                        stack.get(stack.size() - 1).add(e);
                    }
                }
                default -> {
                    // comments, processing instructions and the XML declaration carry no CSP content
                }
            }
        }
        if (root == null) {
            throw partial.malformed("empty document");
        }
        return root;
    }

    private CspMessage interpret(Element root, Partial partial) throws DecodeException {
        partial.checkVersion();
        return CspEnvelope.read(partial.version, root, partial::malformed);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(nl + 1);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    /** What was learnt before a failure, so a Status 400 can still echo version, Session-ID and Transaction-ID. */
    private static final class Partial {
        CspVersion version;
        boolean foreignNamespace;
        boolean csp;
        String sessionId;
        String transactionId;

        void rootSeen(String name, String ns) throws DecodeException {
            if (!ROOT.equals(name)) {
                throw new DecodeException(Kind.NOT_CSP, "root element is not " + ROOT, null, null, null);
            }
            // A WV-CSP-Message is CSP whatever its namespace: the rest is read to learn the Session-ID
            // and Transaction-ID, so that the 400 (no namespace) or 505 (an unknown one) can repeat them.
            csp = true;
            foreignNamespace = ns != null && !ns.isEmpty();
            version = foreignNamespace ? CspVersion.fromNamespace(ns) : null;
        }

        void closed(Element e, int depthAfter) {
            if (depthAfter == 3 && "SessionID".equals(e.name())) {
                sessionId = e.text();
            } else if (depthAfter == 4 && "TransactionID".equals(e.name()) && transactionId == null) {
                transactionId = e.text();
            }
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

        DecodeException unsupported() {
            return new DecodeException(Kind.UNSUPPORTED_VERSION, "not a namespace of a supported CSP version", null,
                    sessionId, transactionId);
        }

        /** A well-formed message without a known version: 505 for a foreign namespace, 400 for none. */
        void checkVersion() throws DecodeException {
            if (version == null) {
                throw foreignNamespace ? unsupported()
                        : new DecodeException(Kind.MALFORMED, "no CSP namespace on " + ROOT, null, sessionId, transactionId);
            }
        }
    }
}
