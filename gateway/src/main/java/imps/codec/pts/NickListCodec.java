package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * NickList and AddNickList as {@code (name,userID)} pairs, the name possibly empty (docs/pts.md §5.4:
 * {@code UN}, {@code AN}); a bare UserID child (allowed from 1.2) is the one-member pair
 * {@code (userID)}. RemoveNickList holds bare UserIDs, which Android writes as {@code (,userID)}.
 */
final class NickListCodec implements PtsValueCodec {
    static final NickListCodec NICKS = new NickListCodec(false);
    static final NickListCodec REMOVALS = new NickListCodec(true);

    private final boolean removals;

    private NickListCodec(boolean removals) {
        this.removals = removals;
    }

    @Override
    public PtsValue encode(Element element) {
        if (element.text() != null) {
            return null;
        }
        List<PtsValue> pairs = new ArrayList<>(element.children().size());
        for (Element c : element.children()) {
            PtsValue.Group pair = pair(c);
            if (pair == null) {
                return null;
            }
            pairs.add(pair);
        }
        return new PtsValue.Group(pairs);
    }

    private PtsValue.Group pair(Element c) {
        if (c.name().equals("UserID") && c.text() != null && c.children().isEmpty()) {
            PtsValue.Atom user = new PtsValue.Atom(c.text());
            return removals ? PtsValue.Group.of(PtsValue.Atom.EMPTY, user) : PtsValue.Group.of(user);
        }
        if (removals || !c.name().equals("NickName") || c.text() != null) {
            return null;
        }
        List<Element> parts = c.children();
        Element user = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        Element nick = parts.size() == 2 ? parts.get(0) : null;
        if (parts.isEmpty() || parts.size() > 2 || !user.isLeaf("UserID") || (parts.size() == 2 && !nick.isLeaf("Name"))) {
            return null;
        }
        return PtsValue.Group.of(nick == null ? PtsValue.Atom.EMPTY : new PtsValue.Atom(nick.text()), new PtsValue.Atom(user.text()));
    }

    @Override
    public Element decode(String name, PtsValue value) throws PtsSyntaxException {
        if (!(value instanceof PtsValue.Group g)) {
            throw new PtsSyntaxException(name + " takes a group of (name,userID) pairs");
        }
        List<PtsValue> pairs = g.flat() ? List.of(g) : g.members();
        List<Element> children = new ArrayList<>(pairs.size());
        for (PtsValue pair : pairs) {
            if (!(pair instanceof PtsValue.Group p) || p.size() > 2 || !p.flat()) {
                throw new PtsSyntaxException(name + " takes (name,userID) pairs");
            }
            String user = ((PtsValue.Atom) p.get(p.size() - 1)).text();
            String nick = p.size() == 2 ? ((PtsValue.Atom) p.get(0)).text() : "";
            if (user.isEmpty()) {
                throw new PtsSyntaxException(name + " with an empty UserID");
            }
            if (removals || p.size() == 1) {
                children.add(Element.leaf("UserID", user));
            } else {
                children.add(Element.builder("NickName").leaf("Name", nick.isEmpty() ? null : nick).leaf("UserID", user).build());
            }
        }
        return Element.of(name, children);
    }
}
