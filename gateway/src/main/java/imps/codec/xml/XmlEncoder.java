package imps.codec.xml;

import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.Transaction;

import java.util.Arrays;

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
        Utf8Output out = new Utf8Output(1024);
        out.ascii(DECLARATION).ascii("<WV-CSP-Message xmlns=\"").ascii(cspNs)
                .ascii("\"><Session><SessionDescriptor><SessionType>").ascii(m.sessionType().wire()).ascii("</SessionType>");
        if (m.sessionId() != null) {
            leaf(out, "SessionID", m.sessionId());
        }
        out.ascii("</SessionDescriptor>");
        for (Transaction t : m.transactions()) {
            out.ascii("<Transaction><TransactionDescriptor><TransactionMode>").ascii(t.mode().wire())
                    .ascii("</TransactionMode>");
            if (t.transactionId() != null) {
                leaf(out, "TransactionID", t.transactionId());
            }
            if (pollInDescriptor && m.poll() != null) {
                leaf(out, "Poll", m.poll() ? "T" : "F");
            }
            out.ascii("</TransactionDescriptor><TransactionContent xmlns=\"").ascii(trcNs).ascii("\">");
            element(out, t.primitive(), paNs);
            out.ascii("</TransactionContent></Transaction>");
        }
        if (!pollInDescriptor) {
            if (m.poll() != null) {
                leaf(out, "Poll", m.poll() ? "T" : "F");
            }
            if (m.cirFlag() != null) {
                leaf(out, "CIR", m.cirFlag() ? "T" : "F");
            }
        }
        out.ascii("</Session></WV-CSP-Message>");
        return out.toByteArray();
    }

    private static void element(Utf8Output out, Element e, String paNs) {
        out.ascii('<').ascii(xmlName(e.name()));
        if ("PresenceSubList".equals(e.name())) {
            out.ascii(" xmlns=\"").ascii(paNs).ascii('"');
        }
        if (e.text() == null && e.children().isEmpty()) {
            out.ascii("/>");
            return;
        }
        out.ascii('>');
        if (e.text() != null) {
            escape(out, e.text());
        }
        for (Element c : e.children()) {
            element(out, c, paNs);
        }
        out.ascii("</").ascii(e.name()).ascii('>');
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

    private static void leaf(Utf8Output out, String name, String text) {
        out.ascii('<').ascii(name).ascii('>');
        escape(out, text);
        out.ascii("</").ascii(name).ascii('>');
    }

    private static void escape(Utf8Output out, String s) {
        if (plain(s)) {
            out.ascii(s);
            return;
        }
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.ascii("&lt;");
                case '>' -> out.ascii("&gt;");
                case '&' -> out.ascii("&amp;");
                case '"' -> out.ascii("&quot;");
                case '\'' -> out.ascii("&apos;");
                // a parser reads a raw CR as LF (XML 1.0 §2.11), so a CR the text holds is written as a reference
                case '\r' -> out.ascii("&#13;");
                default -> {
                    // characters XML 1.0 cannot carry are dropped rather than producing a document strict parsers reject
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.codePoint(Character.toCodePoint(c, s.charAt(++i)));
                    } else if (XmlChars.isChar(c)) {
                        out.codePoint(c);
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

    /**
     * The document's bytes, written as they are made: no StringBuilder, String and UTF-8 copy of it in
     * turn. Markup, names and plain text are ASCII; escaped text is encoded as UTF-8 here.
     */
    private static final class Utf8Output {
        private byte[] bytes;
        private int length;

        Utf8Output(int capacity) {
            bytes = new byte[capacity];
        }

        /**
         * Characters known to be ASCII: the gateway's markup and namespaces, checked names, plain text.
         * String.getBytes(int, int, byte[], int) keeps each character's low byte, exact for ASCII, and
         * copies a Latin-1 string's bytes in one go, where a loop over its characters costs several times more.
         */
        @SuppressWarnings("deprecation")
        Utf8Output ascii(String s) {
            int n = s.length();
            ensure(n);
            s.getBytes(0, n, bytes, length);
            length += n;
            return this;
        }

        Utf8Output ascii(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
            return this;
        }

        /** One character of XML 1.0 (never a lone surrogate), in UTF-8 (RFC 3629 §3). */
        void codePoint(int cp) {
            ensure(4);
            if (cp < 0x80) {
                bytes[length++] = (byte) cp;
            } else if (cp < 0x800) {
                bytes[length++] = (byte) (0xC0 | cp >> 6);
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                bytes[length++] = (byte) (0xE0 | cp >> 12);
                bytes[length++] = (byte) (0x80 | (cp >> 6 & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                bytes[length++] = (byte) (0xF0 | cp >> 18);
                bytes[length++] = (byte) (0x80 | (cp >> 12 & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp >> 6 & 0x3F));
                bytes[length++] = (byte) (0x80 | (cp & 0x3F));
            }
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
