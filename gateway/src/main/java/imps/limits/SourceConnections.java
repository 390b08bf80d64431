package imps.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address on one listener of this node, shared by the listener's
 * instances (one per event loop). A connection beyond {@code max} from one address is refused; 0 =
 * no limit. Addresses without connections take no room.
 */
public final class SourceConnections {
    private final int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    public SourceConnections(int max) {
        this.max = max;
    }

    /** Counts a new connection from {@code source}; false (and nothing counted) when it is one too many. */
    public boolean tryOpen(String source) {
        if (max <= 0) {
            return true;
        }
        boolean[] admitted = new boolean[1];
        open.compute(source, (k, n) -> {
            int current = n == null ? 0 : n;
            admitted[0] = current < max;
            return admitted[0] ? current + 1 : n;
        });
        return admitted[0];
    }

    /** A connection counted by {@link #tryOpen} closed. */
    public void closed(String source) {
        if (max > 0) {
            open.computeIfPresent(source, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Open connections from {@code source}. */
    public int openFrom(String source) {
        return open.getOrDefault(source, 0);
    }
}
