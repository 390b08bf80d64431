package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * Presence = (UserID, PresenceSubList*) as {@code PR} (docs/pts.md §5.6):
 * {@code PR=(wv:bob,((OS,T,T),(UA,T,AV)))}, {@code PR=(wv:bob)} for a user without presence data,
 * each further member one PresenceSubList with values. Several Presence elements make one group of
 * such groups, which is how a reader tells them apart from one: its first member is not text.
 */
final class PresenceCodec implements PtsValueCodec {
    static final PresenceCodec INSTANCE = new PresenceCodec();
    private static final PtsEntry SUB_LIST = PtsEntry.each("UV", "PresenceSubList", AttributeValuesCodec.INSTANCE);

    private PresenceCodec() {
    }

    @Override
    public PtsValue encode(Element element) {
        List<Element> parts = element.children();
        if (element.text() != null || parts.isEmpty() || !parts.get(0).name().equals("UserID")
                || parts.get(0).text() == null || !parts.get(0).children().isEmpty()) {
            return null;
        }
        List<PtsValue> members = new ArrayList<>(parts.size());
        members.add(new PtsValue.Atom(parts.get(0).text()));
        for (Element sub : parts.subList(1, parts.size())) {
            List<PtsValue> v = sub.name().equals(SUB_LIST.name()) ? SUB_LIST.carry(List.of(sub)) : null;
            if (v == null) {
                return null;
            }
            members.add(v.get(0));
        }
        return new PtsValue.Group(members);
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (!(value instanceof PtsValue.Group g) || !(g.get(0) instanceof PtsValue.Atom user) || user.isEmpty()) {
            throw new PtsSyntaxException(name + " takes (userID[,attributes])");
        }
        List<Element> parts = new ArrayList<>(g.size());
        parts.add(Element.leaf("UserID", user.text()));
        for (PtsValue sub : g.members().subList(1, g.size())) {
            parts.addAll(SUB_LIST.decode(sub));
        }
        return Element.of(name, parts);
    }

    @Override
    public boolean single(PtsValue.Group group) {
        return group.get(0) instanceof PtsValue.Atom;
    }
}
