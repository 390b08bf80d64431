package imps.transport.base;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which of a node's bearers can take traffic, for its readiness probe. Every instance of a bearer's
 * verticle holds one {@link Instance}: down until its listener is open, down again once it stops. A
 * bearer is up while all its instances are, and the node is ready for clients only while every
 * bearer is: a node whose HTTP listener is gone must leave the load balancer even though its
 * cluster member still answers. Thread-safe; instances start and stop on their own event loops.
 */
public final class BearerReadiness {
    /** Per bearer name, how many of its instances are not listening. */
    private final Map<String, AtomicInteger> down = new ConcurrentHashMap<>();

    /** A new instance of {@code bearer}, down until {@link Instance#up()}. */
    public Instance instance(String bearer) {
        down.computeIfAbsent(bearer, b -> new AtomicInteger()).incrementAndGet();
        return new Instance(down.get(bearer));
    }

    /** True while every instance of every bearer is up (and at least one bearer exists). */
    public boolean allUp() {
        return !down.isEmpty() && down.values().stream().allMatch(count -> count.get() == 0);
    }

    /** Each bearer by name, true while all its instances are up. */
    public Map<String, Boolean> bearers() {
        Map<String, Boolean> state = new TreeMap<>();
        down.forEach((bearer, count) -> state.put(bearer, count.get() == 0));
        return state;
    }

    /** One verticle instance's share of its bearer's readiness. */
    public static final class Instance {
        private final AtomicInteger bearerDown;
        private boolean up;

        private Instance(AtomicInteger bearerDown) {
            this.bearerDown = bearerDown;
        }

        /** The instance listens. Repeating it changes nothing. */
        public synchronized void up() {
            if (!up) {
                up = true;
                bearerDown.decrementAndGet();
            }
        }

        /** The instance stopped listening. Repeating it changes nothing. */
        public synchronized void down() {
            if (up) {
                up = false;
                bearerDown.incrementAndGet();
            }
        }
    }
}
