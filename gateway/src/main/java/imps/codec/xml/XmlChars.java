package imps.codec.xml;

/** The characters XML 1.0 documents may hold (W3C XML 1.0, §2.2 "Char"), for the reader and the encoder alike. */
final class XmlChars {
    private XmlChars() {
    }

    static boolean isChar(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || codePoint == 0xD || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD) || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }
}
