package imps.codec.pts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How one primitive's children are written.
 *
 * @param codes      codes that mean something else in this primitive than in the common codes
 *                   (docs/pts.md §4.2: {@code DI} is DigestSchema in Login-Response, {@code DL} is
 *                   DefaultContactList in GetList-Response, {@code UI} is User where the content
 *                   model has User, {@code SI} is the new SessionID in Login-Response); tried
 *                   before the common codes
 * @param order      the children's order in the tree: PTS parameters may come in any order
 *                   (docs/pts.md §6), the decoder puts them back in this one. It is the content
 *                   model's order, or where the Android engine's XML differs (Login-Request,
 *                   ListManage-Request) the order that engine's XML uses, so a PTS request and its
 *                   XML form give the same tree. Children not named here follow grouped by name,
 *                   names in the order they first arrive.
 * @param writeOrder the order in which the encoder writes children named here, ahead of the rest
 *                   (which follow in tree order); where the Android engine's order is known
 */
record PtsLayout(PtsVocabulary codes, List<String> order, List<String> writeOrder) {
    static final String SESSION_ID_CODE = "SI";
    static final PtsLayout NONE = new PtsLayout(PtsVocabulary.EMPTY, List.of(), List.of());

    PtsLayout {
        order = List.copyOf(order);
        writeOrder = List.copyOf(writeOrder);
    }

    /** Whether SI is content here (the new SessionID of a Login-Response) rather than the envelope's Session-ID. */
    boolean sessionIdInContent() {
        return codes.defines(SESSION_ID_CODE);
    }

    int rank(String name) {
        int i = order.indexOf(name);
        return i < 0 ? order.size() : i;
    }

    /** What a parameter code stands for in this primitive. */
    PtsEntry resolve(String code) throws PtsSyntaxException {
        PtsEntry own = codes.entry(code);
        return own != null ? own : ElementCodes.COMMON.resolve(code);
    }

    /**
     * The entries that may write an element here, preferred first: this primitive's own, then the
     * common ones whose code it neither redefines nor reserves (SI is the envelope's).
     */
    List<PtsEntry> candidates(String name) {
        List<PtsEntry> out = new ArrayList<>(codes.entries(name));
        for (PtsEntry e : ElementCodes.COMMON.entries(name)) {
            if (!codes.defines(e.code()) && !e.code().equals(SESSION_ID_CODE)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The element names present, in writing order. */
    List<String> writeSequence(Collection<String> namesInTreeOrder) {
        Set<String> out = new LinkedHashSet<>();
        writeOrder.stream().filter(namesInTreeOrder::contains).forEach(out::add);
        out.addAll(namesInTreeOrder);
        return List.copyOf(out);
    }
}
