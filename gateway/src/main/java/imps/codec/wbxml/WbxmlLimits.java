package imps.codec.wbxml;

import imps.codec.xml.XmlLimits;

/**
 * Bounds on what one WBXML body may make the decoder build; anything beyond them is a Status 400.
 * Depth, element count and text length are those of XML ({@link XmlLimits}); {@code maxStringTableBytes}
 * bounds the string table and {@code maxBytes} the whole document.
 */
public record WbxmlLimits(int maxDepth, int maxElements, int maxTextLength, int maxStringTableBytes, int maxBytes) {
    /** The XML defaults; a string table of 16 KiB and documents of 64 KiB, the HTTP bearer's default body limit. */
    public static final WbxmlLimits DEFAULT = of(XmlLimits.DEFAULT, 16384, 65536);

    public WbxmlLimits {
        if (maxDepth < 1 || maxElements < 1 || maxTextLength < 1 || maxStringTableBytes < 0 || maxBytes < 1) {
            throw new IllegalArgumentException("WBXML limits must be positive");
        }
    }

    /** The XML bounds plus the two that only WBXML has. */
    public static WbxmlLimits of(XmlLimits xml, int maxStringTableBytes, int maxBytes) {
        return new WbxmlLimits(xml.maxDepth(), xml.maxElements(), xml.maxTextLength(), maxStringTableBytes, maxBytes);
    }
}
