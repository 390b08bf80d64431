package imps.protocol;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One node of the syntax-neutral primitive tree. Every codec (XML, WBXML, plain text) produces and
 * consumes this shape, so a server-initiated primitive can be queued once and encoded for whichever
 * bearer collects it. Names are CSP element names (local names; namespaces belong to the codec).
 * Instances are immutable once built, and serializable so that services can keep them in the
 * cluster's shared maps.
 */
public final class Element implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String text;
    private final List<Element> children;

    private Element(String name, String text, List<Element> children) {
        this.name = Objects.requireNonNull(name);
        this.text = text;
        this.children = children;
    }

    public static Element leaf(String name, String text) {
        return new Element(name, text, List.of());
    }

    public static Element empty(String name) {
        return new Element(name, null, List.of());
    }

    public static Element of(String name, List<Element> children) {
        return new Element(name, null, List.copyOf(children));
    }

    public static Element of(String name, Element... children) {
        return new Element(name, null, List.of(children));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Text content, trimmed by the decoders; null when the element has none. */
    public String text() {
        return text;
    }

    public List<Element> children() {
        return children;
    }

    public Element child(String childName) {
        for (Element c : children) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        return null;
    }

    public List<Element> children(String childName) {
        List<Element> out = null;
        for (Element c : children) {
            if (c.name.equals(childName)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(c);
            }
        }
        return out == null ? Collections.emptyList() : out;
    }

    /** True for a text leaf named {@code name}: text and no children. */
    public boolean isLeaf(String name) {
        return this.name.equals(name) && text != null && children.isEmpty();
    }

    public boolean has(String childName) {
        return child(childName) != null;
    }

    /** Text of the first child with that name, or null. */
    public String childText(String childName) {
        Element c = child(childName);
        return c == null ? null : c.text;
    }

    public List<String> childTexts(String childName) {
        List<String> out = new ArrayList<>();
        for (Element c : children) {
            if (c.name.equals(childName) && c.text != null) {
                out.add(c.text);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Element e)) {
            return false;
        }
        return name.equals(e.name) && Objects.equals(text, e.text) && children.equals(e.children);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, text, children);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    private void appendTo(StringBuilder sb) {
        sb.append('<').append(name).append('>');
        if (text != null) {
            sb.append(text);
        }
        for (Element c : children) {
            c.appendTo(sb);
        }
        sb.append("</").append(name).append('>');
    }

    /** Builds an element child by child, in the order the content model requires. */
    public static final class Builder {
        private final String name;
        private String text;
        private final List<Element> children = new ArrayList<>(4);

        private Builder(String name) {
            this.name = name;
        }

        public Builder text(String value) {
            this.text = value;
            return this;
        }

        public Builder add(Element child) {
            if (child != null) {
                children.add(child);
            }
            return this;
        }

        public Builder addAll(List<Element> more) {
            children.addAll(more);
            return this;
        }

        /** Adds a leaf child when the value is non-null; CSP leaves out absent optional elements. */
        public Builder leaf(String childName, Object value) {
            if (value != null) {
                children.add(Element.leaf(childName, String.valueOf(value)));
            }
            return this;
        }

        public Builder flag(String childName, boolean value) {
            children.add(Element.leaf(childName, value ? "T" : "F"));
            return this;
        }

        public Element build() {
            return new Element(name, text, children.isEmpty() ? List.of() : List.copyOf(children));
        }
    }
}
