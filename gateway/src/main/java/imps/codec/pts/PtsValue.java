package imps.codec.pts;

import java.util.List;
import java.util.Objects;

/**
 * One parameter value of the plain-text syntax (docs/pts.md §2): a piece of text, or a parenthesised
 * group of values. Quoting belongs to the written form only: an {@link Atom} holds the text after
 * unquoting, and an empty atom stands for an empty group member or {@code ""}.
 */
sealed interface PtsValue permits PtsValue.Atom, PtsValue.Group {

    record Atom(String text) implements PtsValue {
        static final Atom EMPTY = new Atom("");

        public Atom {
            Objects.requireNonNull(text);
        }

        boolean isEmpty() {
            return text.isEmpty();
        }
    }

    record Group(List<PtsValue> members) implements PtsValue {
        public Group {
            members = List.copyOf(members);
        }

        static Group of(PtsValue... members) {
            return new Group(List.of(members));
        }

        int size() {
            return members.size();
        }

        PtsValue get(int index) {
            return members.get(index);
        }

        /** Whether every member is text, i.e. this group is a flat list or a single pair. */
        boolean flat() {
            return members.stream().allMatch(Atom.class::isInstance);
        }
    }
}
