package imps.codec.wbxml;

import imps.codec.DecodeException;
import imps.codec.DecodeException.Kind;
import imps.protocol.CspVersion;
import imps.protocol.Element;

import java.util.Arrays;

import static imps.codec.wbxml.GlobalTokens.END;
import static imps.codec.wbxml.GlobalTokens.ENTITY;
import static imps.codec.wbxml.GlobalTokens.EXT_T_0;
import static imps.codec.wbxml.GlobalTokens.HAS_ATTRIBUTES;
import static imps.codec.wbxml.GlobalTokens.HAS_CONTENT;
import static imps.codec.wbxml.GlobalTokens.LITERAL;
import static imps.codec.wbxml.GlobalTokens.LITERAL_A;
import static imps.codec.wbxml.GlobalTokens.LITERAL_AC;
import static imps.codec.wbxml.GlobalTokens.LITERAL_C;
import static imps.codec.wbxml.GlobalTokens.OPAQUE;
import static imps.codec.wbxml.GlobalTokens.PI;
import static imps.codec.wbxml.GlobalTokens.STR_I;
import static imps.codec.wbxml.GlobalTokens.STR_T;
import static imps.codec.wbxml.GlobalTokens.SWITCH_PAGE;
import static imps.codec.wbxml.GlobalTokens.TOKEN_MASK;

/**
 * Reads one WBXML document (WAP-192-WBXML) into the element tree, in one pass over the bytes with
 * an explicit stack: no recursion, so nesting costs a hostile document nothing but the depth limit.
 * Tag and value tokens are looked up in the tables of the document's CSP version; every token, code
 * page, string-table offset and length is checked before use.
 */
final class WbxmlParser {
    /** The root element's token on code page 0, the same in CSP 1.1, 1.2 and 1.3. */
    private static final int ROOT_TOKEN = 0x09;
    /** Literal public identifiers and attribute names are short; a longer one is not CSP. */
    private static final int MAX_NAME = 256;
    private static final int INITIAL_DEPTH = 16;

    private final WbxmlLimits limits;
    private final WbxmlInput in;
    private final DecodeContext context;
    private CspVocabulary vocabulary;
    private boolean csp10;
    private int page;
    private int elements;
    private int depth;
    private Element.Builder[] builders = new Element.Builder[INITIAL_DEPTH];
    private String[] names = new String[INITIAL_DEPTH];
    /** The text of each open element: null, one String piece, or a StringBuilder once a second piece came. */
    private CharSequence[] texts = new CharSequence[INITIAL_DEPTH];
    private Element root;

    WbxmlParser(byte[] document, WbxmlLimits limits, DecodeContext context) {
        this.in = new WbxmlInput(document);
        this.limits = limits;
        this.context = context;
    }

    Element document() throws WbxmlSyntaxException, DecodeException {
        header();
        if (in.data().length > limits.maxBytes()) {
            throw new WbxmlSyntaxException("document larger than " + limits.maxBytes() + " bytes");
        }
        skipProcessingInstructions();
        rootElement();
        while (depth > 0) {
            content(in.readByte());
        }
        skipProcessingInstructions();
        if (!in.atEnd()) {
            throw new WbxmlSyntaxException("bytes after the end of " + DecodeContext.ROOT + " at byte " + in.position());
        }
        return root;
    }

    /** Version, public identifier, charset and string table (WAP-192-WBXML). */
    private void header() throws WbxmlSyntaxException, DecodeException {
        int wbxmlVersion = in.readByte();
        if (wbxmlVersion > GlobalTokens.WBXML_VERSION) {
            throw new DecodeException(Kind.NOT_CSP, "not WBXML 1.0–1.3 (version byte " + hex(wbxmlVersion) + ")",
                    null, null, null);
        }
        long publicId = in.readMbUInt32();
        long literalIndex = -1;
        if (publicId == 0) {
            literalIndex = in.readMbUInt32();
        } else {
            numericPublicId(publicId);
        }
        // WBXML 1.0 has no charset field.
        if (wbxmlVersion > 0) {
            long charset = in.readMbUInt32();
            if (charset != 0 && charset != GlobalTokens.UTF_8 && charset != GlobalTokens.US_ASCII) {
                throw new WbxmlSyntaxException("charset " + charset + " is not supported (UTF-8 only)");
            }
        }
        int tableLength = in.readLength("string table");
        if (tableLength > limits.maxStringTableBytes()) {
            throw new WbxmlSyntaxException("string table of " + tableLength + " bytes is larger than "
                    + limits.maxStringTableBytes());
        }
        in.stringTable(tableLength);
        if (literalIndex >= 0) {
            literalPublicId(in.tableString(literalIndex, MAX_NAME));
        }
    }

    private void numericPublicId(long publicId) {
        for (CspVersion v : CspVersion.values()) {
            if (CspTokens.publicId(v) == publicId) {
                context.headerVersion(v);
                return;
            }
        }
        csp10 = publicId == CspTokens.PUBLIC_ID_1_0;
    }

    private void literalPublicId(String publicId) {
        for (CspVersion v : CspVersion.values()) {
            if (CspTokens.literalPublicIds(v).contains(publicId)) {
                context.headerVersion(v);
                return;
            }
        }
        csp10 = CspTokens.LITERAL_PUBLIC_ID_1_0.equals(publicId);
    }

    /** WV-CSP-Message and its xmlns, which together with the public identifier fix the version and so the tables. */
    private void rootElement() throws WbxmlSyntaxException, DecodeException {
        int t = in.readByte();
        while (t == SWITCH_PAGE) {
            page = in.readByte();
            t = in.readByte();
        }
        String name;
        if (isLiteral(t)) {
            name = literalName();
        } else if ((t & TOKEN_MASK) == ROOT_TOKEN && page == 0) {
            name = DecodeContext.ROOT;
        } else {
            name = null;
        }
        String namespace = (t & HAS_ATTRIBUTES) != 0 ? attributes() : null;
        vocabulary = CspVocabulary.of(context.rootSeen(name, namespace, csp10));
        if (!vocabulary.hasPage(page)) {
            throw new WbxmlSyntaxException("unknown tag code page " + page);
        }
        elements++;
        push(DecodeContext.ROOT);
        if ((t & HAS_CONTENT) == 0) {
            pop();
        }
    }

    private void content(int t) throws WbxmlSyntaxException {
        switch (t) {
            case SWITCH_PAGE -> {
                int next = in.readByte();
                if (!vocabulary.hasPage(next)) {
                    throw new WbxmlSyntaxException("unknown tag code page " + next);
                }
                page = next;
            }
            case END -> pop();
            case ENTITY -> text(entity());
            case STR_I -> text(in.readInlineString(limits.maxTextLength()));
            case STR_T -> text(in.tableString(in.readMbUInt32(), limits.maxTextLength()));
            case EXT_T_0 -> valueToken();
            case OPAQUE -> opaque();
            case PI -> attributes();
            case LITERAL, LITERAL_C, LITERAL_A, LITERAL_AC -> start(literalName(), t);
            default -> {
                // Tokens below 0x05 on any of the four tag-byte planes are global extension tokens that CSP does not use.
                if ((t & TOKEN_MASK) < 0x05) {
                    throw new WbxmlSyntaxException("token " + hex(t) + " has no meaning in CSP");
                }
                String name = vocabulary.tag(page, t & TOKEN_MASK);
                if (name == null) {
                    throw new WbxmlSyntaxException("unknown tag " + hex(t & TOKEN_MASK) + " on code page " + page
                            + " of CSP " + vocabulary.version().label());
                }
                start(name, t);
            }
        }
    }

    private void start(String name, int t) throws WbxmlSyntaxException {
        if (++elements > limits.maxElements()) {
            throw new WbxmlSyntaxException("too many elements");
        }
        if (depth >= limits.maxDepth()) {
            throw new WbxmlSyntaxException("elements nested too deeply");
        }
        push(name);
        if ((t & HAS_ATTRIBUTES) != 0) {
            attributes();
        }
        if ((t & HAS_CONTENT) == 0) {
            pop();
        }
    }

    private void push(String name) {
        if (depth == builders.length) {
            int size = Math.min(builders.length * 2, Math.max(limits.maxDepth(), 1));
            builders = Arrays.copyOf(builders, size);
            names = Arrays.copyOf(names, size);
            texts = Arrays.copyOf(texts, size);
        }
        builders[depth] = Element.builder(name);
        names[depth] = name;
        texts[depth] = null;
        depth++;
    }

    private void pop() throws WbxmlSyntaxException {
        if (depth == 0) {
            throw new WbxmlSyntaxException("END outside any element at byte " + in.position());
        }
        depth--;
        Element.Builder b = builders[depth];
        CharSequence text = texts[depth];
        builders[depth] = null;
        texts[depth] = null;
        if (text != null) {
            // As in XML: surrounding white space is not content, and white space alone is no text.
            String trimmed = text.toString().trim();
            if (!trimmed.isEmpty()) {
                b.text(trimmed);
            }
        }
        Element e = b.build();
        context.closed(e, depth);
        if (depth == 0) {
            root = e;
        } else {
            builders[depth - 1].add(e);
        }
    }

    private void text(String piece) throws WbxmlSyntaxException {
        // The same characters as in XML 1.0 text (§2.2): a control character other than tab, line
        // feed and carriage return, or U+FFFE / U+FFFF, could not be written back in either syntax.
        for (int i = 0; i < piece.length(); i++) {
            char c = piece.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c == 0xFFFE || c == 0xFFFF) {
                throw new WbxmlSyntaxException(String.format("text holds U+%04X, which XML does not allow", (int) c));
            }
        }
        int top = depth - 1;
        CharSequence current = texts[top];
        int length = (current == null ? 0 : current.length()) + piece.length();
        if (length > limits.maxTextLength()) {
            throw new WbxmlSyntaxException("text content too long");
        }
        if (current == null) {
            texts[top] = piece;
        } else if (current instanceof StringBuilder sb) {
            sb.append(piece);
        } else {
            texts[top] = new StringBuilder(length + 16).append(current).append(piece);
        }
    }

    /** A character given by its code point (ENTITY); NUL and surrogates are not characters. */
    private String entity() throws WbxmlSyntaxException {
        long codePoint = in.readMbUInt32();
        if (codePoint == 0 || codePoint > Character.MAX_CODE_POINT
                || (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE)) {
            throw new WbxmlSyntaxException("character entity " + codePoint + " is not a character");
        }
        return Character.toString((int) codePoint);
    }

    private void valueToken() throws WbxmlSyntaxException {
        long index = in.readMbUInt32();
        String value = vocabulary.value(index);
        if (value == null) {
            throw new WbxmlSyntaxException("unknown value token " + hex(index) + " in CSP " + vocabulary.version().label());
        }
        text(value);
    }

    /** OPAQUE is a date in the date elements, an integer in the integer elements, and UTF-8 text elsewhere. */
    private void opaque() throws WbxmlSyntaxException {
        int length = in.readLength("opaque data");
        int start = in.skip(length);
        String element = names[depth - 1];
        String value;
        if (CspTokens.DATE_TIMES.contains(element)) {
            value = OpaqueValues.dateTime(in.data(), start, length);
            if (value == null) {
                throw new WbxmlSyntaxException(element + " is not a 6-byte WBXML date-time");
            }
        } else if (CspTokens.INTEGERS_READ.contains(element)) {
            value = OpaqueValues.integer(in.data(), start, length);
            if (value == null) {
                throw new WbxmlSyntaxException(element + " is an integer of more than 4 bytes");
            }
        } else {
            value = in.string(start, length, limits.maxTextLength());
        }
        text(value);
    }

    /**
     * Reads attributes up to their END (also the body of a processing instruction) and returns the
     * value of xmlns, or null. CSP's only attribute is xmlns, whose start tokens carry the namespace
     * up to the version, which follows inline; others must be literal and are read and dropped.
     */
    private String attributes() throws WbxmlSyntaxException {
        String namespace = null;
        StringBuilder value = null;
        boolean isNamespace = false;
        while (true) {
            int t = in.readByte();
            if (t == END || t == LITERAL || isNamespaceToken(t)) {
                if (isNamespace && namespace == null) {
                    namespace = value.toString();
                }
                if (t == END) {
                    return namespace;
                }
                String name = t == LITERAL ? in.tableString(in.readMbUInt32(), MAX_NAME) : "xmlns";
                isNamespace = "xmlns".equals(name);
                value = new StringBuilder(isNamespace && t != LITERAL ? namespacePrefix(t) : "");
                continue;
            }
            switch (t) {
                case SWITCH_PAGE -> {
                    int attributePage = in.readByte();
                    if (attributePage != 0) {
                        throw new WbxmlSyntaxException("unknown attribute code page " + attributePage);
                    }
                }
                case STR_I -> attributeValue(value, in.readInlineString(limits.maxTextLength()));
                case STR_T -> attributeValue(value, in.tableString(in.readMbUInt32(), limits.maxTextLength()));
                case ENTITY -> attributeValue(value, entity());
                default -> throw new WbxmlSyntaxException("unknown attribute token " + hex(t));
            }
        }
    }

    private void attributeValue(StringBuilder value, String piece) throws WbxmlSyntaxException {
        if (value == null) {
            throw new WbxmlSyntaxException("attribute value without an attribute");
        }
        if (value.length() + piece.length() > limits.maxTextLength()) {
            throw new WbxmlSyntaxException("attribute value too long");
        }
        value.append(piece);
    }

    private static boolean isNamespaceToken(int t) {
        return t >= CspTokens.FIRST_NAMESPACE_TOKEN
                && t < CspTokens.FIRST_NAMESPACE_TOKEN + CspTokens.NAMESPACE_PREFIXES.size();
    }

    private static String namespacePrefix(int t) {
        return CspTokens.NAMESPACE_PREFIXES.get(t - CspTokens.FIRST_NAMESPACE_TOKEN);
    }

    private void skipProcessingInstructions() throws WbxmlSyntaxException {
        while (!in.atEnd() && peek() == PI) {
            in.readByte();
            attributes();
        }
    }

    private int peek() {
        return in.data()[in.position()] & 0xFF;
    }

    private static boolean isLiteral(int t) {
        return t == LITERAL || t == LITERAL_C || t == LITERAL_A || t == LITERAL_AC;
    }

    /**
     * The name of a LITERAL tag, from the string table. It must be an XML name: the tree may be
     * written out again as XML, where anything else would break the document.
     */
    private String literalName() throws WbxmlSyntaxException {
        String name = in.tableString(in.readMbUInt32(), MAX_NAME);
        if (!isXmlName(name)) {
            throw new WbxmlSyntaxException("literal tag name is not an XML name");
        }
        return name;
    }

    private static boolean isXmlName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            boolean other = (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
            if (!letter && !(i > 0 && other)) {
                return false;
            }
        }
        return true;
    }

    private static String hex(long value) {
        return String.format("0x%02X", value);
    }
}
