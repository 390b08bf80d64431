package imps.codec.pts;

import imps.protocol.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * One parameter code of a context: the element it stands for, how the element's content is
 * written, and whether several occurrences share one parameter as a group ({@code UI=(a,b)})
 * or each get a parameter of their own (Android repeats {@code SH=}); docs/pts.md §2.
 */
record PtsEntry(String code, String name, PtsValueCodec codec, boolean grouped) {

    static PtsEntry each(String code, String name, PtsValueCodec codec) {
        return new PtsEntry(code, name, codec, false);
    }

    static PtsEntry grouped(String code, String name, PtsValueCodec codec) {
        return new PtsEntry(code, name, codec, true);
    }

    /** The fallback rule: the element's full name as the code, its content in the generic form. */
    static PtsEntry generic(String name) {
        return each(name, name, StructureCodec.GENERIC);
    }

    /** The elements one parameter value (or pair value) stands for. */
    List<Element> decode(PtsValue value) throws PtsSyntaxException {
        if (value instanceof PtsValue.Group group && !codec.single(group)) {
            List<Element> out = new ArrayList<>(group.size());
            for (PtsValue member : group.members()) {
                out.add(decodeOne(member));
            }
            return out;
        }
        return List.of(decodeOne(value));
    }

    private Element decodeOne(PtsValue value) throws PtsSyntaxException {
        if (value instanceof PtsValue.Atom atom && atom.isEmpty()) {
            return Element.empty(name);
        }
        return codec.decode(name, value);
    }

    /**
     * The values that carry these occurrences exactly, or null when this entry cannot. Every form
     * is proven by decoding it again: a compact form never loses anything, and what it cannot carry
     * falls through to the next candidate and in the end to the generic form.
     */
    List<PtsValue> carry(List<Element> occurrences) {
        List<PtsValue> values = new ArrayList<>(occurrences.size());
        for (Element e : occurrences) {
            PtsValue v = isEmpty(e) ? PtsValue.Atom.EMPTY : codec.encode(e);
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        if (grouped && values.size() > 1) {
            values = List.of(new PtsValue.Group(values));
        }
        try {
            List<Element> back = new ArrayList<>(occurrences.size());
            for (PtsValue v : values) {
                back.addAll(decode(v));
            }
            return back.equals(occurrences.stream().map(PtsEntry::normalized).toList()) ? values : null;
        } catch (PtsSyntaxException e) {
            return null;
        }
    }

    private static boolean isEmpty(Element e) {
        return (e.text() == null || e.text().isEmpty()) && e.children().isEmpty();
    }

    /** The element as a decoder would give it back: empty text is no text (an XML decoder does the same). */
    private static Element normalized(Element e) {
        Element.Builder b = Element.builder(e.name());
        if (e.text() != null && !e.text().isEmpty()) {
            b.text(e.text());
        }
        for (Element c : e.children()) {
            b.add(normalized(c));
        }
        return b.build();
    }
}
