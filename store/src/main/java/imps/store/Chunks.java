package imps.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits key sets into bounded IN lists, so no statement grows with the number of keys asked for. */
final class Chunks {
    static final int SIZE = 500;

    private Chunks() {
    }

    static <T> List<List<T>> of(Collection<T> items) {
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(SIZE, items.size()));
        for (T item : items) {
            current.add(item);
            if (current.size() == SIZE) {
                out.add(current);
                current = new ArrayList<>(SIZE);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
