package imps.codec.xml;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.Transaction;

import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link CspMessage} as CSP XML in the message's version: namespaces as default
 * declarations on WV-CSP-Message, TransactionContent and PresenceSubList (the gateway's own constants
 * of that version, never a value from a request), children in the order they were built (the
 * content-model order), UTF-8, no DOCTYPE. Every text value is escaped; an element name that is not
 * an XML name is refused rather than written, so nothing from a request can become markup.
 */
public final class XmlEncoder {
    private static final String DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    public byte[] encode(CspMessage message) {
        CspVersion v = message.version();
        return encode(message, v.cspNamespace(), v.trcNamespace(), v.paNamespace(), v.pollInTransactionDescriptor());
    }

    private byte[] encode(CspMessage m, String cspNs, String trcNs, String paNs, boolean pollInDescriptor) {
        StringBuilder sb = new StringBuilder(512);
        sb.append(DECLARATION);
        sb.append("<WV-CSP-Message xmlns=\"").append(cspNs).append("\"><Session><SessionDescriptor><SessionType>")
                .append(m.sessionType().wire()).append("</SessionType>");
        if (m.sessionId() != null) {
            leaf(sb, "SessionID", m.sessionId());
        }
        sb.append("</SessionDescriptor>");
        for (Transaction t : m.transactions()) {
            sb.append("<Transaction><TransactionDescriptor><TransactionMode>").append(t.mode().wire())
                    .append("</TransactionMode>");
            if (t.transactionId() != null) {
                leaf(sb, "TransactionID", t.transactionId());
            }
            if (pollInDescriptor && m.poll() != null) {
                leaf(sb, "Poll", m.poll() ? "T" : "F");
            }
            sb.append("</TransactionDescriptor><TransactionContent xmlns=\"").append(trcNs).append("\">");
            element(sb, t.primitive(), paNs);
            sb.append("</TransactionContent></Transaction>");
        }
        if (!pollInDescriptor) {
            if (m.poll() != null) {
                leaf(sb, "Poll", m.poll() ? "T" : "F");
            }
            if (m.cirFlag() != null) {
                leaf(sb, "CIR", m.cirFlag() ? "T" : "F");
            }
        }
        sb.append("</Session></WV-CSP-Message>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void element(StringBuilder sb, Element e, String paNs) {
        sb.append('<').append(xmlName(e.name()));
        if ("PresenceSubList".equals(e.name())) {
            sb.append(" xmlns=\"").append(paNs).append('"');
        }
        if (e.text() == null && e.children().isEmpty()) {
            sb.append("/>");
            return;
        }
        sb.append('>');
        if (e.text() != null) {
            escape(sb, e.text());
        }
        for (Element c : e.children()) {
            element(sb, c, paNs);
        }
        sb.append("</").append(e.name()).append('>');
    }

    /**
     * Names come from the decoders, which only make XML names or the gateway's own names; this keeps a
     * future path from a request to an element name from writing markup.
     */
    private static String xmlName(String name) {
        boolean valid = !name.isEmpty();
        for (int i = 0; valid && i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            valid = letter || i > 0 && ((c >= '0' && c <= '9') || c == '-' || c == '.');
        }
        if (!valid) {
            throw new IllegalArgumentException("not an XML element name: " + name.length() + " characters");
        }
        return name;
    }

    private static void leaf(StringBuilder sb, String name, String text) {
        sb.append('<').append(name).append('>');
        escape(sb, text);
        sb.append("</").append(name).append('>');
    }

    private static void escape(StringBuilder sb, String s) {
        if (plain(s)) {
            sb.append(s);
            return;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                // a parser reads a raw CR as LF (XML 1.0 §2.11), so a CR the text holds is written as a reference
                case '\r' -> sb.append("&#13;");
                default -> {
                    // characters XML 1.0 cannot carry are dropped rather than producing a document strict parsers reject
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if ((c >= 0x20 && c < 0xD800) || (c > 0xDFFF && c < 0xFFFE)
                            || c == '\t' || c == '\n') {
                        sb.append(c);
                    }
                }
            }
        }
    }

    /** Most CSP text (IDs, codes, names) needs no escaping; then it is copied as it is. */
    private static boolean plain(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '<' || c == '>' || c == '&' || c == '"' || c == '\'') {
                return false;
            }
        }
        return true;
    }
}
