package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The codes of one context. PTS codes mean different things in different places (docs/pts.md §4:
 * {@code PS} is PresenceSubList at the top level and ParserSize in a capability list), so every
 * place that holds coded children has its own vocabulary. Two-letter codes are case-insensitive;
 * a longer code is an element's full name, carried in the generic form (the fallback rule).
 */
final class PtsVocabulary {
    static final PtsVocabulary EMPTY = new PtsVocabulary();

    private final Map<String, PtsEntry> byCode = new HashMap<>();
    private final Map<String, List<PtsEntry>> byName = new HashMap<>();

    /** @param entries in order of preference where several codes stand for one element */
    PtsVocabulary(PtsEntry... entries) {
        for (PtsEntry e : entries) {
            if (e.code().length() != 2 || byCode.put(key(e.code()), e) != null) {
                throw new IllegalArgumentException("not a unique two-letter code: " + e.code());
            }
            byName.computeIfAbsent(e.name(), n -> new ArrayList<>(1)).add(e);
        }
    }

    private static String key(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    /** The entry of a two-letter code, or null when this context does not define it. */
    PtsEntry entry(String code) {
        return code.length() == 2 ? byCode.get(key(code)) : null;
    }

    boolean defines(String code) {
        return entry(code) != null;
    }

    /** The entries for an element, most preferred first. */
    List<PtsEntry> entries(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** A code of this context, or a full element name. */
    PtsEntry resolve(String code) throws PtsSyntaxException {
        if (code.length() <= 2) {
            PtsEntry e = entry(code);
            if (e == null) {
                throw new PtsSyntaxException("unknown code " + code);
            }
            return e;
        }
        return PtsEntry.generic(ElementNames.checked(code));
    }

    /**
     * One child as a {@code (code,value)} pair, {@code (code)} when the child is empty; null when no
     * form carries it exactly.
     */
    PtsValue.Group pair(Element child) {
        for (PtsEntry e : entries(child.name())) {
            List<PtsValue> values = e.carry(List.of(child));
            if (values != null) {
                return pair(e.code(), values.get(0));
            }
        }
        if (!ElementNames.isFullName(child.name())) {
            return null;
        }
        List<PtsValue> values = PtsEntry.generic(child.name()).carry(List.of(child));
        return values == null ? null : pair(child.name(), values.get(0));
    }

    private static PtsValue.Group pair(String code, PtsValue value) {
        PtsValue.Atom c = new PtsValue.Atom(code);
        return value instanceof PtsValue.Atom a && a.isEmpty() ? PtsValue.Group.of(c) : PtsValue.Group.of(c, value);
    }

    /** The child (or children, for a grouped code) a {@code (code,value)} pair stands for. */
    List<Element> children(PtsValue pair) throws PtsSyntaxException {
        if (!(pair instanceof PtsValue.Group g) || g.size() > 2 || !(g.get(0) instanceof PtsValue.Atom code)
                || code.isEmpty()) {
            throw new PtsSyntaxException("a (code,value) pair is required");
        }
        return resolve(code.text()).decode(g.size() == 1 ? PtsValue.Atom.EMPTY : g.get(1));
    }

    /** The children a group of pairs stands for. */
    List<Element> childrenOf(PtsValue.Group pairs) throws PtsSyntaxException {
        List<Element> out = new ArrayList<>(pairs.size());
        for (PtsValue member : pairs.members()) {
            out.addAll(children(member));
        }
        return out;
    }

    /** The pairs for a list of children; null when one of them cannot be carried. */
    PtsValue.Group pairsOf(List<Element> children) {
        List<PtsValue> pairs = new ArrayList<>(children.size());
        for (Element c : children) {
            PtsValue.Group p = pair(c);
            if (p == null) {
                return null;
            }
            pairs.add(p);
        }
        return new PtsValue.Group(pairs);
    }
}
