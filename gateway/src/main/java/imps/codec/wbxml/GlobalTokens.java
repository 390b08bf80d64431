package imps.codec.wbxml;

/** The global tokens of WBXML (WAP-192-WBXML) and the bits of a tag byte. */
final class GlobalTokens {
    static final int SWITCH_PAGE = 0x00;
    static final int END = 0x01;
    static final int ENTITY = 0x02;
    static final int STR_I = 0x03;
    static final int LITERAL = 0x04;
    static final int PI = 0x43;
    static final int LITERAL_C = 0x44;
    static final int EXT_T_0 = 0x80;
    static final int STR_T = 0x83;
    static final int LITERAL_A = 0x84;
    static final int OPAQUE = 0xC3;
    static final int LITERAL_AC = 0xC4;

    /** Tag byte: the element has attributes. */
    static final int HAS_ATTRIBUTES = 0x80;
    /** Tag byte: the element has content, closed by END. */
    static final int HAS_CONTENT = 0x40;
    static final int TOKEN_MASK = 0x3F;

    /** WBXML 1.3, the version CSP clients write. */
    static final int WBXML_VERSION = 0x03;
    /** Public identifier 1: unknown or missing; the document then names its vocabulary by namespace. */
    static final int UNKNOWN_PUBLIC_ID = 0x01;
    /** IANA MIBenum of UTF-8. */
    static final int UTF_8 = 106;
    static final int US_ASCII = 3;

    private GlobalTokens() {
    }
}
