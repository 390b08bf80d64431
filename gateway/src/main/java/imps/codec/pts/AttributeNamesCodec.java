package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * PresenceSubList naming attributes only ({@code PS} in GetPresence, SubscribePresence,
 * CreateAttributeList; docs/pts.md §5.6): {@code PS=OS}, {@code PS=(OS,CF,UA)}; an attribute with named
 * sub-elements is {@code (code,(subcodes))}. The gateway always writes a group as the list of
 * attributes, so a single attribute with sub-elements is {@code PS=((CF,(CT,CP)))}; Android's
 * {@code PS=(CF,(CT,CP))} is read too, since {@code (CT,CP)} cannot be an attribute.
 */
final class AttributeNamesCodec implements PtsValueCodec {
    static final AttributeNamesCodec INSTANCE = new AttributeNamesCodec();

    private AttributeNamesCodec() {
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.text() != null) {
            return null;
        }
        List<PtsValue> items = new ArrayList<>(element.children().size());
        for (Element attribute : element.children()) {
            PresenceAttributes.Attribute a = PresenceAttributes.byName(attribute.name());
            PtsValue item = a == null ? null : item(attribute, a.code(), a.parts());
            if (item == null) {
                return null;
            }
            items.add(item);
        }
        return items.size() == 1 && items.get(0) instanceof PtsValue.Atom ? items.get(0) : new PtsValue.Group(items);
    }

    /** An element naming its sub-elements: its code, or (code,(sub-items)). */
    private static PtsValue item(Element e, String code, PtsVocabulary parts) {
        if (e.text() != null) {
            return null;
        }
        if (e.children().isEmpty()) {
            return new PtsValue.Atom(code);
        }
        List<PtsValue> subs = new ArrayList<>(e.children().size());
        for (Element c : e.children()) {
            String subCode = code(c.name(), parts);
            PtsValue sub = subCode == null ? null : item(c, subCode, PtsVocabulary.EMPTY);
            if (sub == null) {
                return null;
            }
            subs.add(sub);
        }
        return PtsValue.Group.of(new PtsValue.Atom(code), new PtsValue.Group(subs));
    }

    private static String code(String name, PtsVocabulary parts) {
        List<PtsEntry> entries = parts.entries(name);
        if (!entries.isEmpty()) {
            return entries.get(0).code();
        }
        return ElementNames.isFullName(name) ? name : null;
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        List<PtsValue> items;
        if (value instanceof PtsValue.Atom) {
            items = List.of(value);
        } else {
            PtsValue.Group g = (PtsValue.Group) value;
            if (g.members().stream().allMatch(AttributeNamesCodec::isItem)) {
                items = g.members();
            } else if (isItem(g)) {
                items = List.of(g);
            } else {
                throw new PtsSyntaxException(name + " takes attribute codes or (code,(subcodes))");
            }
        }
        List<Element> attributes = new ArrayList<>(items.size());
        for (PtsValue item : items) {
            PresenceAttributes.Attribute a = PresenceAttributes.byCode(code(item));
            attributes.add(element(item, a.name(), a.parts()));
        }
        return Element.of(name, attributes);
    }

    private static boolean isItem(PtsValue v) {
        if (v instanceof PtsValue.Atom a) {
            return !a.isEmpty();
        }
        PtsValue.Group g = (PtsValue.Group) v;
        return g.size() == 2 && g.get(0) instanceof PtsValue.Atom a && !a.isEmpty() && g.get(1) instanceof PtsValue.Group;
    }

    private static String code(PtsValue item) {
        return item instanceof PtsValue.Atom a ? a.text() : ((PtsValue.Atom) ((PtsValue.Group) item).get(0)).text();
    }

    private static Element element(PtsValue item, String name, PtsVocabulary parts) throws PtsSyntaxException {
        if (item instanceof PtsValue.Atom) {
            return Element.empty(name);
        }
        List<Element> children = new ArrayList<>();
        for (PtsValue sub : ((PtsValue.Group) ((PtsValue.Group) item).get(1)).members()) {
            if (!isItem(sub)) {
                throw new PtsSyntaxException("sub-elements of " + name + " are codes or (code,(subcodes))");
            }
            children.add(element(sub, parts.resolve(code(sub)).name(), PtsVocabulary.EMPTY));
        }
        return Element.of(name, children);
    }
}
