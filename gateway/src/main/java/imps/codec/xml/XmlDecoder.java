package imps.codec.xml;

import imps.codec.DecodeException;
import imps.protocol.CspMessage;

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
 * and text length are bounded ({@link TreeBuilder}).
 *
 * <p>Two readers: the plain XML real clients send is read straight from the bytes by {@link PlainXmlReader};
 * whatever it does not handle (a DOCTYPE, comments, prefixes, other encodings, anything malformed) is read
 * by a StAX parser, which also words the refusals.
 */
public final class XmlDecoder {
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
        TreeBuilder tree = new TreeBuilder(limits);
        if (!PlainXmlReader.read(body, tree)) {
            tree = new TreeBuilder(limits);
            readWithStax(body, tree);
        }
        return tree.message();
    }

    /** Any XML the plain reader gives up on: read by the StAX parser from the start, or refused. */
    static void readWithStax(byte[] body, TreeBuilder tree) throws DecodeException {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
            readTree(r, tree);
        } catch (XMLStreamException | RuntimeException e) {
            throw tree.malformed("not well-formed XML: " + firstLine(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader over a byte array releases nothing that could fail
                }
            }
        }
    }

    private static void readTree(XMLStreamReader r, TreeBuilder tree) throws XMLStreamException, DecodeException {
        List<StringBuilder> texts = new ArrayList<>(16);
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
                        throw tree.malformed("entity references are not accepted");
                case XMLStreamConstants.START_ELEMENT -> {
                    boolean root = texts.isEmpty();
                    tree.start(r.getLocalName(), root ? r.getNamespaceURI() : null);
                    if (root && internalSubset) {
                        throw tree.malformed("DOCTYPE with an internal subset is not accepted");
                    }
                    texts.add(null);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!texts.isEmpty()) {
                        int top = texts.size() - 1;
                        StringBuilder sb = texts.get(top);
                        if (sb == null) {
                            sb = new StringBuilder(r.getTextLength());
                            texts.set(top, sb);
                        }
                        sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        tree.checkTextLength(sb.length());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    StringBuilder sb = texts.remove(texts.size() - 1);
                    tree.end(sb == null ? null : TreeBuilder.trimmed(sb));
                }
                default -> {
                    // comments, processing instructions and the XML declaration carry no CSP content
                }
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "parse error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(nl + 1);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
