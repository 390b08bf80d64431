package imps.codec.xml;

import imps.codec.DecodeException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reader of the plain XML that CSP clients send, straight from the bytes: elements with unprefixed
 * names, attributes, text with the predefined entities and character references, in UTF-8, with or
 * without an XML declaration. Anything else (a DOCTYPE, comments, processing instructions, CDATA,
 * prefixes, another encoding) and anything not well-formed makes it give up, and the document is then
 * read from the start by the StAX reader of {@link XmlDecoder}, which refuses it or reads it with the
 * same result. So this reader only ever accepts documents that are well-formed XML 1.0 (W3C XML 1.0,
 * §2.1 "well-formed documents") and namespace-well-formed, and reads them as the StAX reader would;
 * {@code PlainXmlReaderTest} compares the two on every test vector and on mutations of them.
 *
 * <p>Why it exists: a general parser's set-up per document (encoding detection, buffers, symbol
 * tables) costs more than reading the few hundred bytes of a KeepAlive-Request or a Polling-Request
 * (docs/benchmarks.md, "XML decoding straight from the bytes").
 */
final class PlainXmlReader {
    private static final int MAX_ATTRIBUTES = 8;
    private static final byte[] XMLNS = "xmlns".getBytes(StandardCharsets.US_ASCII);
    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    private static final String XMLNS_NAMESPACE = "http://www.w3.org/2000/xmlns/";
    // One entry per open element, at index level * STRIDE: where its name lies in the body, and the
    // single stretch of raw text it has gathered so far (start -1: none), when no decoding was needed.
    private static final int STRIDE = 5;
    private static final int NAME_START = 0;
    private static final int NAME_END = 1;
    private static final int RUN_START = 2;
    private static final int RUN_END = 3;
    private static final int TEXT_LENGTH = 4;
    // ASCII character classes (XML 1.0 §2.3), restricted to the names this reader accepts.
    private static final int NAME_START_CHAR = 1;
    private static final int NAME_CHAR = 2;
    private static final int SPACE = 4;
    private static final byte[] CLASSES = characterClasses();

    private final byte[] b;
    private final int n;
    private final TreeBuilder tree;
    private int pos;
    private int depth;
    private int[] levels = new int[16 * STRIDE];
    // Text that needed decoding (references, UTF-8, line ends) or came in several stretches.
    private StringBuilder[] texts;
    private final int[] attributes = new int[2 * MAX_ATTRIBUTES];

    private PlainXmlReader(byte[] body, TreeBuilder tree) {
        this.b = body;
        this.n = body.length;
        this.tree = tree;
    }

    /**
     * Reads the document into the tree; false when it steps outside what this reader handles, and the
     * tree is then to be thrown away. A DecodeException is the tree's own refusal (a limit, the root).
     */
    static boolean read(byte[] body, TreeBuilder tree) throws DecodeException {
        return new PlainXmlReader(body, tree).document();
    }

    private boolean document() throws DecodeException {
        if (startsWith("<?xml", 0) && n > 5 && is(b[5], SPACE) && !declaration()) {
            return false;
        }
        skipSpace();
        if (!startTag()) {
            return false;
        }
        while (depth > 0) {
            if (pos >= n) {
                return false;
            }
            boolean ok = b[pos] != '<' ? text()
                    : pos + 1 < n && b[pos + 1] == '/' ? endTag()
                    : startTag();
            if (!ok) {
                return false;
            }
        }
        skipSpace();
        return pos == n;
    }

    /** {@code <?xml version="1.0" encoding="UTF-8" standalone="yes"?>}, the last two optional (XML 1.0 §2.8). */
    private boolean declaration() {
        pos = 5;
        skipSpace();
        if (!pseudoAttribute("version") || !quoted("1.0", false)) {
            return false;
        }
        boolean space = skipSpace();
        if (space && startsWith("encoding", pos)) {
            if (!pseudoAttribute("encoding") || !quoted("UTF-8", true)) {
                return false;
            }
            space = skipSpace();
        }
        if (space && startsWith("standalone", pos)) {
            if (!pseudoAttribute("standalone") || !(quoted("yes", false) || quoted("no", false))) {
                return false;
            }
            skipSpace();
        }
        if (!startsWith("?>", pos)) {
            return false;
        }
        pos += 2;
        return true;
    }

    private boolean pseudoAttribute(String name) {
        if (!startsWith(name, pos)) {
            return false;
        }
        pos += name.length();
        skipSpace();
        if (pos >= n || b[pos] != '=') {
            return false;
        }
        pos++;
        skipSpace();
        return true;
    }

    /** {@code value} between matching quotes; encoding names are case-insensitive (XML 1.0 §4.3.3). */
    private boolean quoted(String value, boolean ignoreCase) {
        int end = pos + value.length() + 2;
        if (end > n || (b[pos] != '"' && b[pos] != '\'') || b[end - 1] != b[pos]) {
            return false;
        }
        String actual = new String(b, pos + 1, value.length(), StandardCharsets.ISO_8859_1);
        if (ignoreCase ? !actual.equalsIgnoreCase(value) : !actual.equals(value)) {
            return false;
        }
        pos = end;
        return true;
    }

    /** A start tag or an empty-element tag (XML 1.0 §3.1), read whole before the tree hears of it. */
    private boolean startTag() throws DecodeException {
        if (pos >= n || b[pos] != '<') {
            return false;
        }
        pos++;
        int nameStart = pos;
        if (!name()) {
            return false;
        }
        int nameEnd = pos;
        String namespace = null;
        int count = 0;
        while (true) {
            boolean space = skipSpace();
            if (pos >= n) {
                return false;
            }
            byte c = b[pos];
            if (c == '>' || c == '/') {
                boolean empty = c == '/';
                if (empty && (pos + 1 >= n || b[pos + 1] != '>')) {
                    return false;
                }
                pos += empty ? 2 : 1;
                open(nameStart, nameEnd, namespace);
                return !empty || close(null);
            }
            if (!space || count == MAX_ATTRIBUTES) {
                return false;
            }
            int attributeStart = pos;
            if (!name() || repeated(attributeStart, pos, count)) {
                return false;
            }
            attributes[2 * count] = attributeStart;
            attributes[2 * count + 1] = pos;
            count++;
            boolean xmlns = Arrays.equals(b, attributeStart, pos, XMLNS, 0, XMLNS.length);
            skipSpace();
            if (pos >= n || b[pos] != '=') {
                return false;
            }
            pos++;
            skipSpace();
            int valueStart = pos + 1;
            if (!attributeValue(xmlns)) {
                return false;
            }
            if (xmlns) {
                namespace = new String(b, valueStart, pos - 1 - valueStart, StandardCharsets.ISO_8859_1);
                // Binding the default namespace to these two is not namespace-well-formed (Namespaces in XML §3).
                if (namespace.equals(XML_NAMESPACE) || namespace.equals(XMLNS_NAMESPACE)) {
                    return false;
                }
            }
        }
    }

    private boolean repeated(int start, int end, int count) {
        for (int i = 0; i < count; i++) {
            if (Arrays.equals(b, start, end, b, attributes[2 * i], attributes[2 * i + 1])) {
                return true;
            }
        }
        return false;
    }

    /**
     * A quoted value of printable ASCII without references: the only values the tree reads are
     * namespaces, and those also without line ends or tabs, which the attribute would normalise.
     */
    private boolean attributeValue(boolean strict) {
        byte[] b = this.b;
        int p = pos;
        if (p >= n || (b[p] != '"' && b[p] != '\'')) {
            return false;
        }
        byte quote = b[p++];
        while (p < n && b[p] != quote) {
            byte c = b[p];
            if (c == '<' || c == '&' || c < 0 || (c < 0x20 && (strict || !is(c, SPACE)))) {
                return false;
            }
            p++;
        }
        if (p >= n) {
            return false;
        }
        pos = p + 1;
        return true;
    }

    private void open(int nameStart, int nameEnd, String namespace) throws DecodeException {
        tree.start(ElementNames.of(b, nameStart, nameEnd), namespace);
        if ((depth + 1) * STRIDE > levels.length) {
            levels = Arrays.copyOf(levels, levels.length * 2);
            if (texts != null) {
                texts = Arrays.copyOf(texts, levels.length / STRIDE);
            }
        }
        int at = depth * STRIDE;
        levels[at + NAME_START] = nameStart;
        levels[at + NAME_END] = nameEnd;
        levels[at + RUN_START] = -1;
        levels[at + TEXT_LENGTH] = 0;
        if (texts != null) {
            texts[depth] = null;
        }
        depth++;
    }

    /** {@code </Name S?>}, naming the element it closes (XML 1.0 §3.1). */
    private boolean endTag() {
        int at = (depth - 1) * STRIDE;
        int nameStart = levels[at + NAME_START];
        int nameEnd = pos + 2 + levels[at + NAME_END] - nameStart;
        // The open element's name, and nothing that could continue a name.
        if (nameEnd >= n || !Arrays.equals(b, pos + 2, nameEnd, b, nameStart, levels[at + NAME_END])
                || is(b[nameEnd], NAME_CHAR) || b[nameEnd] == ':') {
            return false;
        }
        pos = nameEnd;
        skipSpace();
        if (pos >= n || b[pos] != '>') {
            return false;
        }
        pos++;
        return close(textOf(depth - 1));
    }

    private boolean close(String text) {
        depth--;
        tree.end(text);
        return true;
    }

    private String textOf(int level) {
        if (texts != null && texts[level] != null) {
            return TreeBuilder.trimmed(texts[level]);
        }
        int start = levels[level * STRIDE + RUN_START];
        if (start < 0) {
            return null;
        }
        int end = levels[level * STRIDE + RUN_END];
        while (start < end && b[start] <= ' ') {
            start++;
        }
        while (end > start && b[end - 1] <= ' ') {
            end--;
        }
        return start == end ? null : new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Character data up to the next tag (XML 1.0 §2.4). Plain ASCII is kept as a stretch of the body
     * and copied once, at the end tag; anything else is decoded into a StringBuilder.
     */
    private boolean text() throws DecodeException {
        byte[] b = this.b;
        int start = pos;
        int p = start;
        boolean plain = true;
        boolean blank = true;
        for (; p < n && b[p] != '<'; p++) {
            byte c = b[p];
            if (c == '&' || c < 0 || c == '\r') {
                plain = false;
            } else if (c < 0x20) {
                if (c != '\t' && c != '\n') {
                    return false;
                }
            } else {
                blank &= c == ' ';
                // "]]>" may not appear in content (XML 1.0 §2.4).
                if (c == '>' && p - start >= 2 && b[p - 1] == ']' && b[p - 2] == ']') {
                    return false;
                }
            }
        }
        pos = p;
        if (p >= n) {
            return false;
        }
        int level = depth - 1;
        int at = level * STRIDE;
        boolean nothingYet = levels[at + RUN_START] < 0 && (texts == null || texts[level] == null);
        if (plain && nothingYet) {
            // White space before any text is trimmed away: counted, but not kept.
            if (!blank) {
                levels[at + RUN_START] = start;
                levels[at + RUN_END] = pos;
            }
            levels[at + TEXT_LENGTH] += pos - start;
        } else {
            StringBuilder sb = textBuffer(level);
            int before = sb.length();
            if (!decode(start, pos, sb)) {
                return false;
            }
            levels[at + TEXT_LENGTH] += sb.length() - before;
        }
        tree.checkTextLength(levels[at + TEXT_LENGTH]);
        return true;
    }

    /** The level's StringBuilder, holding the stretch of raw text it had so far. */
    private StringBuilder textBuffer(int level) {
        if (texts == null) {
            texts = new StringBuilder[levels.length / STRIDE];
        }
        StringBuilder sb = texts[level];
        if (sb == null) {
            sb = new StringBuilder(64);
            int start = levels[level * STRIDE + RUN_START];
            if (start >= 0) {
                sb.append(new String(b, start, levels[level * STRIDE + RUN_END] - start, StandardCharsets.ISO_8859_1));
            }
            texts[level] = sb;
        }
        return sb;
    }

    /**
     * Appends the text of {@code b[start, end)}: references replaced (XML 1.0 §4.6, §4.1), UTF-8 decoded,
     * line ends normalised to LF (§2.11). False at anything else, e.g. a reference to another entity.
     */
    private boolean decode(int start, int end, StringBuilder sb) {
        int i = start;
        while (i < end) {
            int c = b[i] & 0xff;
            if (c == '&') {
                int semicolon = i + 1;
                while (semicolon < end && semicolon - i <= 10 && b[semicolon] != ';') {
                    semicolon++;
                }
                if (semicolon >= end || b[semicolon] != ';' || !reference(i + 1, semicolon, sb)) {
                    return false;
                }
                i = semicolon + 1;
            } else if (c == '\r') {
                sb.append('\n');
                i += i + 1 < end && b[i + 1] == '\n' ? 2 : 1;
            } else if (c < 0x80) {
                sb.append((char) c);
                i++;
            } else {
                i = utf8(i, end, sb);
                if (i < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The reference between {@code &} and {@code ;}: one of the five predefined entities or a character. */
    private boolean reference(int start, int end, StringBuilder sb) {
        String name = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
        switch (name) {
            case "lt" -> sb.append('<');
            case "gt" -> sb.append('>');
            case "amp" -> sb.append('&');
            case "quot" -> sb.append('"');
            case "apos" -> sb.append('\'');
            default -> {
                int cp = characterReference(name);
                if (!XmlChars.isChar(cp)) {
                    return false;
                }
                sb.appendCodePoint(cp);
            }
        }
        return true;
    }

    /** {@code #123} or {@code #x7B}; -1 when it is neither. */
    private static int characterReference(String name) {
        boolean hex = name.startsWith("#x");
        int from = hex ? 2 : 1;
        if (!name.startsWith("#") || name.length() == from) {
            return -1;
        }
        int cp = 0;
        for (int i = from; i < name.length(); i++) {
            int digit = Character.digit(name.charAt(i), hex ? 16 : 10);
            if (digit < 0 || cp > 0x10FFFF) {
                return -1;
            }
            cp = cp * (hex ? 16 : 10) + digit;
        }
        return cp;
    }

    /**
     * One UTF-8 sequence starting at {@code i}, in its shortest form and naming an XML Char; the index after
     * it, or -1 (RFC 3629 §4).
     */
    private int utf8(int i, int end, StringBuilder sb) {
        int lead = b[i] & 0xff;
        int length;
        int cp;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07;
        } else {
            return -1;
        }
        if (i + length > end) {
            return -1;
        }
        for (int k = 1; k < length; k++) {
            int next = b[i + k] & 0xff;
            if ((next & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (next & 0x3F);
        }
        int shortest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
        if (cp < shortest || !XmlChars.isChar(cp)) {
            return -1;
        }
        sb.appendCodePoint(cp);
        return i + length;
    }

    /** An unprefixed ASCII name; a colon or any other character stops it, and the caller then gives up. */
    private boolean name() {
        byte[] b = this.b;
        int p = pos;
        if (p >= n || !is(b[p], NAME_START_CHAR)) {
            return false;
        }
        p++;
        while (p < n && is(b[p], NAME_CHAR)) {
            p++;
        }
        pos = p;
        return true;
    }

    private boolean skipSpace() {
        byte[] b = this.b;
        int p = pos;
        while (p < n && is(b[p], SPACE)) {
            p++;
        }
        boolean skipped = p > pos;
        pos = p;
        return skipped;
    }

    private static boolean is(byte c, int characterClass) {
        return c >= 0 && (CLASSES[c] & characterClass) != 0;
    }

    private static byte[] characterClasses() {
        byte[] classes = new byte[128];
        for (int c = 0; c < 128; c++) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean nameChar = letter || (c >= '0' && c <= '9') || c == '-' || c == '.';
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
            classes[c] = (byte) ((letter ? NAME_START_CHAR : 0) | (nameChar ? NAME_CHAR : 0) | (space ? SPACE : 0));
        }
        return classes;
    }

    private boolean startsWith(String s, int at) {
        if (at + s.length() > n) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
