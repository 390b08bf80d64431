package imps.codec.pts;

import imps.protocol.Element;

/**
 * How the content of one element is written as a PTS value. Codecs see only occurrences with
 * content: an element with neither text nor children is always the empty value ({@code X=""}, or an
 * empty group member), whatever its codec ({@link PtsEntry}).
 */
interface PtsValueCodec {

    /** The value for one occurrence, or null when this form cannot carry it. */
    PtsValue encode(Element element);

    /** The element one non-empty value stands for. */
    Element decode(String name, PtsValue value) throws PtsSyntaxException;

    /**
     * Whether a group value is one occurrence (true), or a list of occurrences each written as a
     * member (false): docs/pts.md §2 writes several values of one element as one group.
     */
    default boolean single(PtsValue.Group group) {
        return true;
    }
}
