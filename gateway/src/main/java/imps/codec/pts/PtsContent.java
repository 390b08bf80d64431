package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A primitive's children as PTS parameters and back (docs/pts.md §4–§6): by the primitive's own codes,
 * the common codes and, for what has no code, the element's full name (the fallback rule). The
 * envelope's Session-ID is not content; the decoder and encoder deal with it.
 */
final class PtsContent {
    private PtsContent() {
    }

    /**
     * The parameters for a primitive's children. All occurrences of one element name are written
     * together, by the first form that carries them exactly.
     *
     * @throws IllegalArgumentException for an element no PTS form can carry (text and children at once)
     */
    static List<PtsParameter> write(PtsLayout layout, Element primitive) {
        Map<String, List<Element>> byName = new LinkedHashMap<>();
        for (Element c : primitive.children()) {
            byName.computeIfAbsent(c.name(), n -> new ArrayList<>(1)).add(c);
        }
        List<PtsParameter> out = new ArrayList<>(byName.size());
        for (String name : layout.writeSequence(byName.keySet())) {
            out.addAll(parameters(layout, name, byName.get(name)));
        }
        return out;
    }

    private static List<PtsParameter> parameters(PtsLayout layout, String name, List<Element> occurrences) {
        for (PtsEntry entry : layout.candidates(name)) {
            List<PtsValue> values = entry.carry(occurrences);
            if (values != null) {
                return values.stream().map(v -> new PtsParameter(entry.code(), v)).toList();
            }
        }
        List<PtsValue> values = ElementNames.isFullName(name) ? PtsEntry.generic(name).carry(occurrences) : null;
        if (values == null) {
            throw new IllegalArgumentException(name + " cannot be written in PTS");
        }
        return values.stream().map(v -> new PtsParameter(name, v)).toList();
    }

    /**
     * The primitive for its parameters (without the envelope's SI), children in the layout's order;
     * children the layout does not name follow grouped by name, in the order each name first came,
     * which is the order {@link #write} gives them back in.
     */
    static Element read(String primitive, PtsLayout layout, List<PtsParameter> parameters) throws PtsSyntaxException {
        List<Element> children = new ArrayList<>(parameters.size());
        for (PtsParameter p : parameters) {
            children.addAll(layout.resolve(p.code()).decode(p.value()));
        }
        Map<String, Integer> firstCame = new HashMap<>();
        for (Element c : children) {
            firstCame.putIfAbsent(c.name(), firstCame.size());
        }
        children.sort(Comparator.<Element>comparingInt(c -> layout.rank(c.name()))
                .thenComparingInt(c -> firstCame.get(c.name())));
        return Element.of(primitive, children);
    }
}
