package imps.session;

import imps.protocol.Element;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The session's server-initiated primitives not yet delivered (transports §2.2). Primitives are kept
 * syntax-neutral and encoded by whichever bearer collects them. A primitive the client must answer
 * stays "in flight" after delivery until the client's response with the same Transaction-ID arrives;
 * a poll before that re-sends the same transaction rather than a new copy, so nothing is lost and
 * nothing is delivered twice as two transactions.
 */
public final class OutboundQueue {
    private final ArrayDeque<ServerTransaction> pending = new ArrayDeque<>(2);
    private ServerTransaction inFlight;
    private int nextId;
    private long changes;

    /** One server-initiated transaction. {@code transactionId} is null for a 1.3 Disconnect. */
    public record ServerTransaction(String transactionId, Element primitive, boolean expectsResponse)
            implements Serializable {
    }

    /** The queue as it is replicated: pending transactions, the one in flight, the next id. */
    public record State(List<ServerTransaction> pending, ServerTransaction inFlight, int nextId) implements Serializable {
    }

    public State state() {
        return new State(new ArrayList<>(pending), inFlight, nextId);
    }

    public void restore(State state) {
        pending.clear();
        pending.addAll(state.pending());
        inFlight = state.inFlight();
        nextId = state.nextId();
    }

    /** Grows with every change, so the owner knows when to replicate. */
    public long changes() {
        return changes;
    }

    /**
     * Queues a primitive; false when the queue already holds {@code limit} items.
     * Server Transaction-IDs are 0–999 so they also fit the plain-text syntax (pts.md).
     */
    public boolean offer(Element primitive, boolean expectsResponse, boolean withTransactionId, int limit) {
        if (pending.size() >= limit) {
            return false;
        }
        String id = null;
        if (withTransactionId) {
            id = Integer.toString(nextId);
            nextId = (nextId + 1) % 1000;
        }
        pending.addLast(new ServerTransaction(id, primitive, expectsResponse));
        changes++;
        return true;
    }

    /** The next transaction to hand to the client: the unanswered one again, else the oldest pending. */
    public ServerTransaction next() {
        if (inFlight != null) {
            return inFlight;
        }
        ServerTransaction t = pending.pollFirst();
        if (t != null) {
            changes++;
            if (t.expectsResponse()) {
                inFlight = t;
            }
        }
        return t;
    }

    /** The client answered a server transaction; true when it was the one in flight. */
    public boolean acknowledge(String transactionId) {
        if (inFlight != null && inFlight.transactionId() != null && inFlight.transactionId().equals(transactionId)) {
            inFlight = null;
            changes++;
            return true;
        }
        return false;
    }

    /**
     * Drops queued Disconnects: after a successful recovery the session goes on, and a stale
     * Disconnect would make the client drop it again.
     */
    public void removeDisconnects() {
        pending.removeIf(t -> "Disconnect".equals(t.primitive().name()));
        if (inFlight != null && "Disconnect".equals(inFlight.primitive().name())) {
            inFlight = null;
        }
        changes++;
    }

    /** Something not yet handed out: this is what the Poll flag says. */
    public boolean hasUndelivered() {
        return !pending.isEmpty();
    }

    public boolean isEmpty() {
        return pending.isEmpty() && inFlight == null;
    }

    public int size() {
        return pending.size() + (inFlight == null ? 0 : 1);
    }
}
