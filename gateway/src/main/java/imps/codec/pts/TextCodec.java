package imps.codec.pts;

import imps.protocol.Element;

/** A leaf: its text as a simple or quoted value, through the value codes of its place (docs/pts.md §2, §4.3). */
final class TextCodec implements PtsValueCodec {
    static final TextCodec PLAIN = new TextCodec(ValueCodes.NONE);

    private final ValueCodes values;

    TextCodec(ValueCodes values) {
        this.values = values;
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.text() == null || !element.children().isEmpty()) {
            return null;
        }
        return new PtsValue.Atom(values.encode(element.text()));
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (!(value instanceof PtsValue.Atom atom)) {
            throw new PtsSyntaxException(name + " takes a single value, not a group");
        }
        return Element.leaf(name, values.decode(atom.text()));
    }

    /** A group of a leaf's values is several occurrences: {@code UI=(wv:a,wv:b)}. */
    @Override
    public boolean single(PtsValue.Group group) {
        return false;
    }
}
