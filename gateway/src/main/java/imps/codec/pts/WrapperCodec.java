package imps.codec.pts;

import imps.protocol.Element;

/**
 * An element that only wraps one leaf, written as that leaf's text: {@code UI=wv:bob} for
 * User(UserID) where the content model has User (GetPresence, SubscribePresence, docs/pts.md §4.2), and
 * {@code CI=url} for CIRURL(URL) in a capability list (docs/pts.md §4.3).
 */
final class WrapperCodec implements PtsValueCodec {
    private final String leafName;

    WrapperCodec(String leafName) {
        this.leafName = leafName;
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.text() != null || element.children().size() != 1) {
            return null;
        }
        Element leaf = element.children().get(0);
        if (!leaf.name().equals(leafName) || leaf.text() == null || !leaf.children().isEmpty()) {
            return null;
        }
        return new PtsValue.Atom(leaf.text());
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (!(value instanceof PtsValue.Atom atom)) {
            throw new PtsSyntaxException(name + " takes a single value, not a group");
        }
        return Element.of(name, Element.leaf(leafName, atom.text()));
    }

    @Override
    public boolean single(PtsValue.Group group) {
        return false;
    }
}
