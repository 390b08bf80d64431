package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * PresenceSubList with values (docs/pts.md §5.6, {@code UV} and inside {@code PR}): a group of
 * attributes, always wrapped once more ({@code UV=((OS,T,T))}). An attribute is
 * {@code (code,qualifier,value)}, or {@code (code,value)} without a Qualifier; the value is the
 * PresenceValue, or a group of {@code (code,value)} pairs for an attribute with sub-elements
 * ({@code (CF,T,((CT,MP),(CP,ACME)))}). {@code (code,qualifier,)} is an attribute with only a
 * Qualifier, {@code (code)} an empty one.
 */
final class AttributeValuesCodec implements PtsValueCodec {
    static final AttributeValuesCodec INSTANCE = new AttributeValuesCodec();

    private AttributeValuesCodec() {
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.text() != null) {
            return null;
        }
        List<PtsValue> items = new ArrayList<>(element.children().size());
        for (Element attribute : element.children()) {
            PtsValue item = item(attribute);
            if (item == null) {
                return null;
            }
            items.add(item);
        }
        return new PtsValue.Group(items);
    }

    private static PtsValue item(Element attribute) {
        PresenceAttributes.Attribute a = PresenceAttributes.byName(attribute.name());
        if (a == null || attribute.text() != null) {
            return null;
        }
        List<Element> rest = attribute.children();
        PtsValue.Atom qualifier = null;
        if (!rest.isEmpty() && PresenceAttributes.isQualifier(rest.get(0))) {
            qualifier = new PtsValue.Atom(rest.get(0).text());
            rest = rest.subList(1, rest.size());
        }
        PtsValue value;
        if (rest.isEmpty()) {
            value = PtsValue.Atom.EMPTY;
        } else if (rest.size() == 1 && rest.get(0).name().equals(PresenceAttributes.PRESENCE_VALUE)
                && rest.get(0).text() != null && rest.get(0).children().isEmpty()) {
            value = new PtsValue.Atom(a.values().encode(rest.get(0).text()));
        } else {
            value = a.parts().pairsOf(rest);
            if (value == null) {
                return null;
            }
        }
        PtsValue.Atom code = new PtsValue.Atom(a.code());
        if (qualifier != null) {
            return PtsValue.Group.of(code, qualifier, value);
        }
        return rest.isEmpty() ? PtsValue.Group.of(code) : PtsValue.Group.of(code, value);
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (!(value instanceof PtsValue.Group g)) {
            throw new PtsSyntaxException(name + " takes a group of attributes");
        }
        List<PtsValue> items = g.get(0) instanceof PtsValue.Atom ? List.of(g) : g.members();
        List<Element> attributes = new ArrayList<>(items.size());
        for (PtsValue item : items) {
            attributes.add(attribute(item));
        }
        return Element.of(name, attributes);
    }

    private static Element attribute(PtsValue item) throws PtsSyntaxException {
        if (!(item instanceof PtsValue.Group g) || g.size() > 3 || !(g.get(0) instanceof PtsValue.Atom code)
                || code.isEmpty()) {
            throw new PtsSyntaxException("a presence attribute is (code[,qualifier],value)");
        }
        PresenceAttributes.Attribute a = PresenceAttributes.byCode(code.text());
        Element.Builder b = Element.builder(a.name());
        if (g.size() == 3) {
            if (!(g.get(1) instanceof PtsValue.Atom qualifier)) {
                throw new PtsSyntaxException("the qualifier of " + a.name() + " is a single value");
            }
            b.leaf(PresenceAttributes.QUALIFIER, qualifier.isEmpty() ? null : qualifier.text());
        }
        if (g.size() > 1) {
            PtsValue v = g.get(g.size() - 1);
            if (v instanceof PtsValue.Group parts) {
                b.addAll(a.parts().childrenOf(parts));
            } else if (!((PtsValue.Atom) v).isEmpty()) {
                b.leaf(PresenceAttributes.PRESENCE_VALUE, a.values().decode(((PtsValue.Atom) v).text()));
            }
        }
        return b.build();
    }
}
