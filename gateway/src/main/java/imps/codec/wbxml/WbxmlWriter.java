package imps.codec.wbxml;

import imps.protocol.CspMessage;
import imps.protocol.Element;
import imps.protocol.Transaction;

import java.util.HashMap;
import java.util.Map;

import static imps.codec.wbxml.GlobalTokens.END;
import static imps.codec.wbxml.GlobalTokens.EXT_T_0;
import static imps.codec.wbxml.GlobalTokens.HAS_ATTRIBUTES;
import static imps.codec.wbxml.GlobalTokens.HAS_CONTENT;
import static imps.codec.wbxml.GlobalTokens.LITERAL;
import static imps.codec.wbxml.GlobalTokens.OPAQUE;
import static imps.codec.wbxml.GlobalTokens.STR_I;
import static imps.codec.wbxml.GlobalTokens.SWITCH_PAGE;

/**
 * One encoding run: the body is written first, while the string table collects the names of LITERAL
 * elements; the header, which carries the table, is put in front at the end. The tag code page in
 * force is tracked so that SWITCH_PAGE is written only when the next tag needs another page.
 */
final class WbxmlWriter {
    private static final String XMLNS = "xmlns";

    private final CspVocabulary vocabulary;
    private final int publicId;
    private final String cspNamespace;
    private final String trcNamespace;
    private final String paNamespace;
    private final WbxmlOutput body = new WbxmlOutput(512);
    private WbxmlOutput table;
    private Map<String, Integer> tableOffsets;
    private int page;

    WbxmlWriter(CspVocabulary vocabulary, int publicId, String cspNamespace, String trcNamespace, String paNamespace) {
        this.vocabulary = vocabulary;
        this.publicId = publicId;
        this.cspNamespace = cspNamespace;
        this.trcNamespace = trcNamespace;
        this.paNamespace = paNamespace;
    }

    /** The envelope in the XML encoder's layout; 1.1 carries Poll in the TransactionDescriptor and has no CIR flag. */
    byte[] message(CspMessage m, boolean pollInDescriptor) {
        open(DecodeContext.ROOT, cspNamespace);
        open("Session", null);
        open("SessionDescriptor", null);
        leaf("SessionType", m.sessionType().wire());
        if (m.sessionId() != null) {
            leaf("SessionID", m.sessionId());
        }
        close();
        for (Transaction t : m.transactions()) {
            open("Transaction", null);
            open("TransactionDescriptor", null);
            leaf("TransactionMode", t.mode().wire());
            if (t.transactionId() != null) {
                leaf("TransactionID", t.transactionId());
            }
            if (pollInDescriptor && m.poll() != null) {
                leaf("Poll", m.poll() ? "T" : "F");
            }
            close();
            open("TransactionContent", trcNamespace);
            element(t.primitive());
            close();
            close();
        }
        if (!pollInDescriptor) {
            if (m.poll() != null) {
                leaf("Poll", m.poll() ? "T" : "F");
            }
            if (m.cirFlag() != null) {
                leaf("CIR", m.cirFlag() ? "T" : "F");
            }
        }
        close();
        close();
        return document();
    }

    private void element(Element e) {
        String namespace = "PresenceSubList".equals(e.name()) ? paNamespace : null;
        boolean content = e.text() != null || !e.children().isEmpty();
        int encoding = tag(e.name(), namespace != null, content);
        if (namespace != null) {
            namespace(namespace);
        }
        if (!content) {
            return;
        }
        if (e.text() != null) {
            text(encoding, e.text());
        }
        for (Element c : e.children()) {
            element(c);
        }
        body.write(END);
    }

    private void open(String name, String namespace) {
        tag(name, namespace != null, true);
        if (namespace != null) {
            namespace(namespace);
        }
    }

    private void close() {
        body.write(END);
    }

    private void leaf(String name, String text) {
        text(tag(name, false, true), text);
        body.write(END);
    }

    /**
     * Writes the tag byte (after SWITCH_PAGE when needed) and returns the element's
     * {@link CspVocabulary#encoding}, -1 when it went LITERAL.
     */
    private int tag(String name, boolean attributes, boolean content) {
        int bits = (attributes ? HAS_ATTRIBUTES : 0) | (content ? HAS_CONTENT : 0);
        int encoding = vocabulary.encoding(name);
        if (encoding < 0) {
            body.write(LITERAL | bits);
            body.writeMbUInt32(tableOffset(name));
            return encoding;
        }
        int tagPage = encoding >>> 8 & 0xFF;
        if (tagPage != page) {
            body.write(SWITCH_PAGE);
            body.write(tagPage);
            page = tagPage;
        }
        body.write(encoding & 0xFF | bits);
        return encoding;
    }

    /** xmlns as the longest attribute start token that prefixes it and the rest inline; LITERAL when none does. */
    private void namespace(String namespace) {
        int best = -1;
        for (int i = 0; i < CspTokens.NAMESPACE_PREFIXES.size(); i++) {
            String prefix = CspTokens.NAMESPACE_PREFIXES.get(i);
            if (namespace.startsWith(prefix) && (best < 0 || prefix.length() > CspTokens.NAMESPACE_PREFIXES.get(best).length())) {
                best = i;
            }
        }
        String rest = namespace;
        if (best < 0) {
            body.write(LITERAL);
            body.writeMbUInt32(tableOffset(XMLNS));
        } else {
            body.write(CspTokens.FIRST_NAMESPACE_TOKEN + best);
            rest = namespace.substring(CspTokens.NAMESPACE_PREFIXES.get(best).length());
        }
        if (!rest.isEmpty()) {
            body.write(STR_I);
            body.writeTerminatedUtf8(rest);
        }
        body.write(END);
    }

    /** Integers and dates as OPAQUE where the version's tables type the element, else a value token, else inline. */
    private void text(int encoding, String text) {
        if (encoding > 0 && (encoding & (CspVocabulary.INTEGER | CspVocabulary.DATE_TIME)) != 0) {
            byte[] opaque = (encoding & CspVocabulary.INTEGER) != 0 ? OpaqueValues.integer(text) : OpaqueValues.dateTime(text);
            if (opaque != null) {
                body.write(OPAQUE);
                body.writeMbUInt32(opaque.length);
                body.write(opaque);
                return;
            }
        }
        int value = vocabulary.valueCode(text);
        if (value >= 0) {
            body.write(EXT_T_0);
            body.writeMbUInt32(value);
            return;
        }
        body.write(STR_I);
        body.writeTerminatedUtf8(text);
    }

    private int tableOffset(String s) {
        if (table == null) {
            table = new WbxmlOutput(64);
            tableOffsets = new HashMap<>();
        }
        Integer offset = tableOffsets.get(s);
        if (offset == null) {
            offset = table.size();
            table.writeTerminatedUtf8(s);
            tableOffsets.put(s, offset);
        }
        return offset;
    }

    /** Version 1.3, public identifier, UTF-8, the string table, then the body. */
    private byte[] document() {
        int tableSize = table == null ? 0 : table.size();
        WbxmlOutput header = new WbxmlOutput(16);
        header.write(GlobalTokens.WBXML_VERSION);
        header.writeMbUInt32(publicId);
        header.writeMbUInt32(GlobalTokens.UTF_8);
        header.writeMbUInt32(tableSize);
        byte[] out = new byte[header.size() + tableSize + body.size()];
        header.writeTo(out, 0);
        if (table != null) {
            table.writeTo(out, header.size());
        }
        body.writeTo(out, header.size() + tableSize);
        return out;
    }
}
