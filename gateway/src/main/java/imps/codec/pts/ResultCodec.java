package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * Result as {@code ST} (docs/pts.md §5.2): {@code ST=code}, or {@code ST=(code,description)}. The gateway
 * carries the rest of a Result in further members: one group per DetailedResult,
 * {@code (code,description,(UI,wv:bob))} with the entities it concerns as pairs of the common
 * codes, and a {@code (code,value)} pair for any other child (the 1.3 SystemMessageList). A
 * DetailedResult starts with a number and a pair with a code, so the two never mix up; an empty
 * description member stands for none. A reader that only takes the first two members still gets
 * code and description.
 */
final class ResultCodec implements PtsValueCodec {
    static final ResultCodec INSTANCE = new ResultCodec();
    private static final String DETAIL = "DetailedResult";

    private ResultCodec() {
    }

    @Override
    public PtsValue encode(Element element) {
        List<PtsValue> members = element.text() == null ? members(element.children()) : null;
        if (members == null) {
            return null;
        }
        return element.children().size() == 1 ? members.get(0) : new PtsValue.Group(members);
    }

    /**
     * Code, description (or an empty member) and a member per further child, for the children of a
     * Result or a DetailedResult; null when they do not start with a numeric Code or a child cannot
     * be carried.
     */
    private static List<PtsValue> members(List<Element> children) {
        if (children.isEmpty() || !children.get(0).isLeaf("Code") || !numeric(children.get(0).text())) {
            return null;
        }
        boolean described = children.size() > 1 && children.get(1).isLeaf("Description");
        List<PtsValue> members = new ArrayList<>(children.size() + 1);
        members.add(new PtsValue.Atom(children.get(0).text()));
        members.add(described ? new PtsValue.Atom(children.get(1).text()) : PtsValue.Atom.EMPTY);
        for (Element c : children.subList(described ? 2 : 1, children.size())) {
            PtsValue extra = c.name().equals(DETAIL) ? detail(c) : ElementCodes.COMMON.pair(c);
            if (extra == null) {
                return null;
            }
            members.add(extra);
        }
        return members;
    }

    private static PtsValue detail(Element d) {
        List<PtsValue> members = d.text() == null ? members(d.children()) : null;
        return members == null ? null : new PtsValue.Group(members);
    }

    private static boolean numeric(String s) {
        return !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (value instanceof PtsValue.Atom atom) {
            return Element.of(name, code(atom));
        }
        PtsValue.Group g = (PtsValue.Group) value;
        Element.Builder b = Element.builder(name);
        int next = head(b, g);
        for (PtsValue member : g.members().subList(next, g.size())) {
            if (member instanceof PtsValue.Group m && m.get(0) instanceof PtsValue.Atom first && numeric(first.text())) {
                Element.Builder detail = Element.builder(DETAIL);
                int entities = head(detail, m);
                for (PtsValue entity : m.members().subList(entities, m.size())) {
                    detail.addAll(ElementCodes.COMMON.children(entity));
                }
                b.add(detail.build());
            } else {
                b.addAll(ElementCodes.COMMON.children(member));
            }
        }
        return b.build();
    }

    /** Adds Code and Description from the start of a group; returns the index of the first member after them. */
    private static int head(Element.Builder b, PtsValue.Group g) throws PtsSyntaxException {
        if (!(g.get(0) instanceof PtsValue.Atom code)) {
            throw new PtsSyntaxException("a result starts with its code");
        }
        b.add(code(code));
        if (g.size() > 1 && g.get(1) instanceof PtsValue.Atom description) {
            b.leaf("Description", description.isEmpty() ? null : description.text());
            return 2;
        }
        return 1;
    }

    private static Element code(PtsValue.Atom code) throws PtsSyntaxException {
        if (!numeric(code.text())) {
            throw new PtsSyntaxException("a result code is a number, not " + code.text());
        }
        return Element.leaf("Code", code.text());
    }
}
