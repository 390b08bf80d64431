package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of Property = (Name, Value) children as {@code (name,value)} pairs (docs/pts.md §5.5:
 * {@code CP=((DN,"My friends"),(DE,F))}); property names may have value codes (DN, DE), others are
 * written as themselves. A child that is no Property (GroupProperties' WelcomeNote) is written as a
 * {@code (code,(pairs))} pair of the common codes: its value is a group, a property's never is.
 */
final class PropertiesCodec implements PtsValueCodec {
    private final ValueCodes names;

    PropertiesCodec(ValueCodes names) {
        this.names = names;
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.text() != null) {
            return null;
        }
        List<PtsValue> pairs = new ArrayList<>(element.children().size());
        for (Element c : element.children()) {
            PtsValue.Group pair = c.name().equals("Property") ? property(c) : structured(c);
            if (pair == null) {
                return null;
            }
            pairs.add(pair);
        }
        return new PtsValue.Group(pairs);
    }

    /** Another child, as a pair whose value is a group: anything else would read as a property. */
    private static PtsValue.Group structured(Element child) {
        PtsValue.Group pair = ElementCodes.COMMON.pair(child);
        return pair != null && pair.size() == 2 && pair.get(1) instanceof PtsValue.Group ? pair : null;
    }

    private PtsValue.Group property(Element p) {
        List<Element> parts = p.children();
        if (p.text() != null || parts.isEmpty() || parts.size() > 2 || !parts.get(0).isLeaf("Name")
                || (parts.size() == 2 && !parts.get(1).isLeaf("Value"))) {
            return null;
        }
        PtsValue.Atom name = new PtsValue.Atom(names.encode(parts.get(0).text()));
        return parts.size() == 1 ? PtsValue.Group.of(name) : PtsValue.Group.of(name, new PtsValue.Atom(parts.get(1).text()));
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (!(value instanceof PtsValue.Group g)) {
            throw new PtsSyntaxException(name + " takes a group of (name,value) pairs");
        }
        List<PtsValue> pairs = g.flat() ? List.of(g) : g.members();
        List<Element> children = new ArrayList<>(pairs.size());
        for (PtsValue pair : pairs) {
            if (pair instanceof PtsValue.Group p && p.size() == 2 && p.get(1) instanceof PtsValue.Group) {
                children.addAll(ElementCodes.COMMON.children(p));
            } else {
                children.add(property(name, pair));
            }
        }
        return Element.of(name, children);
    }

    private Element property(String listName, PtsValue pair) throws PtsSyntaxException {
        if (!(pair instanceof PtsValue.Group p) || p.size() > 2 || !p.flat() || ((PtsValue.Atom) p.get(0)).isEmpty()) {
            throw new PtsSyntaxException(listName + " takes (name,value) pairs");
        }
        Element.Builder b = Element.builder("Property").leaf("Name", names.decode(((PtsValue.Atom) p.get(0)).text()));
        if (p.size() == 2) {
            String v = ((PtsValue.Atom) p.get(1)).text();
            b.add(v.isEmpty() ? Element.empty("Value") : Element.leaf("Value", v));
        }
        return b.build();
    }
}
