package imps.codec.pts;

import imps.protocol.Element;

import java.util.function.Supplier;

/**
 * A structured element as a group of {@code (code,value)} pairs, one per child in document order
 * (repeated children repeat their pair), with the codes of a vocabulary: the capability codes of
 * docs/pts.md §4.3 inside {@code CA}/{@code AP}, the common codes everywhere else. The generic form
 * (the fallback rule) also writes a leaf's text as a plain value, so every element the gateway
 * builds can be written even where no PTS code exists for it.
 */
final class StructureCodec implements PtsValueCodec {
    static final StructureCodec GENERIC = new StructureCodec(() -> ElementCodes.COMMON, true);

    private final Supplier<PtsVocabulary> vocabulary;
    private final boolean leafText;

    /**
     * @param vocabulary looked up when used, so that vocabularies may contain codecs over themselves
     * @param leafText   whether a plain value (a leaf's text) is allowed instead of a group
     */
    StructureCodec(Supplier<PtsVocabulary> vocabulary, boolean leafText) {
        this.vocabulary = vocabulary;
        this.leafText = leafText;
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.children().isEmpty()) {
            return leafText ? new PtsValue.Atom(element.text()) : null;
        }
        return element.text() == null ? vocabulary.get().pairsOf(element.children()) : null;
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (value instanceof PtsValue.Atom atom) {
            if (!leafText) {
                throw new PtsSyntaxException(name + " takes a group of (code,value) pairs");
            }
            return Element.leaf(name, atom.text());
        }
        return Element.of(name, vocabulary.get().childrenOf((PtsValue.Group) value));
    }
}
