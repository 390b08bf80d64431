package imps.session;

import imps.protocol.Element;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The session's server-initiated transactions (docs/conformance.md "Server transactions"). A
 * transaction is first <em>pending</em>; a Polling-Request hands the oldest pending one out, and one
 * the client must answer then stays <em>outstanding</em> until the answer with its Transaction-ID
 * arrives. An outstanding transaction is never handed out again while it can still be answered: only
 * when its retransmission time-out passed, or when the client polls over another bearer than the one
 * it went out on, or after a recovery, is it due again, and then it goes out with the same
 * Transaction-ID. It goes out at most {@link Retransmission#maxAttempts()} times; when the last
 * time-out passes unanswered it is given up (a client may have processed it and lost only its
 * answer, and some clients never answer a Transaction-ID twice). Transactions are kept
 * syntax-neutral and encoded by whichever bearer collects them.
 *
 * <p>One CIR wake-up covers everything queued until the client polls: {@link #wakeUpNeeded()} is
 * true only when something is collectable and no wake-up was sent since the last poll.
 */
public final class OutboundQueue {
    /**
     * The queue of every session that was never sent anything ({@link SessionContext#queue()}): it reads
     * as empty and refuses to be added to; nothing else it is asked changes it.
     */
    public static final OutboundQueue EMPTY = new OutboundQueue();

    /** Answers remembered after settling, so a repeated answer is recognised rather than refused. */
    private static final int SETTLED_MEMORY = 8;

    /** Allocated on first use: an idle session's queue holds nothing. */
    private ArrayDeque<ServerTransaction> pending;
    private ArrayList<Outstanding> outstanding;
    private ArrayDeque<String> settled;
    private int nextId;
    private boolean wakeUpSent;
    private long changes;

    /**
     * One server-initiated transaction. {@code transactionId} is null for a 1.3 Disconnect; {@code tag}
     * is what the service that queued it wants back when the client answers it (null: nothing).
     */
    public record ServerTransaction(String transactionId, Element primitive, boolean expectsResponse, String tag)
            implements Serializable {
    }

    /**
     * A transaction handed out and not yet answered: the bearer it went out on ("http", "sms"), when
     * it is due again (monotonic nanoseconds on this node) and how often it was handed out.
     */
    private record Outstanding(ServerTransaction transaction, String bearer, long dueAtNanos, int attempts,
                               boolean last) {
        /** Due for another hand-out: its time-out passed, or the client now polls over another bearer. */
        boolean dueFor(long nowNanos, String pollBearer) {
            return !last && (dueAtNanos <= nowNanos || !bearer.equals(pollBearer));
        }

        boolean dueAt(long nowNanos) {
            return !last && dueAtNanos <= nowNanos;
        }

        boolean givenUp(long nowNanos) {
            return last && dueAtNanos <= nowNanos;
        }
    }

    /** An outstanding transaction as replicated: its due time as a wall-clock instant. */
    public record Sent(ServerTransaction transaction, String bearer, long dueAtMillis, int attempts, boolean last)
            implements Serializable {
    }

    /**
     * The queue as it is replicated. Whether a wake-up is owed is not part of it: after a move to another
     * node the client may be woken once more than needed, never once too few.
     */
    public record State(List<ServerTransaction> pending, List<Sent> outstanding, List<String> settled, int nextId)
            implements Serializable {
        public State {
            pending = List.copyOf(pending);
            outstanding = List.copyOf(outstanding);
            settled = List.copyOf(settled);
        }
    }

    /** How an unanswered transaction is handed out again. */
    public record Retransmission(long timeoutNanos, int maxAttempts) {
        public Retransmission {
            if (timeoutNanos <= 0 || maxAttempts < 1) {
                throw new IllegalArgumentException("retransmission time-out must be positive and attempts at least 1");
            }
        }
    }

    /** What the client answered: one of the outstanding transactions, a repeat, or nothing known. */
    public enum Answer { SETTLED, REPEATED, UNKNOWN }

    /** The outcome of an answer, with the transaction it settled (null unless SETTLED). */
    public record Settlement(Answer answer, ServerTransaction settled) {
        static final Settlement REPEATED = new Settlement(Answer.REPEATED, null);
        static final Settlement UNKNOWN = new Settlement(Answer.UNKNOWN, null);
    }

    public State state(long nowNanos, long nowMillis) {
        List<Sent> sent = List.of();
        if (outstanding != null) {
            Sent[] each = new Sent[outstanding.size()];
            for (int i = 0; i < each.length; i++) {
                Outstanding o = outstanding.get(i);
                each[i] = new Sent(o.transaction(), o.bearer(), nowMillis + (o.dueAtNanos() - nowNanos) / 1_000_000,
                        o.attempts(), o.last());
            }
            sent = List.of(each);
        }
        return new State(pending == null ? List.of() : List.copyOf(pending), sent, settled == null ? List.of() : List.copyOf(settled), nextId);
    }

    /** A replicated queue with nothing in it and Transaction-IDs not yet begun: as good as none. */
    static boolean isBlank(State state) {
        return state.pending().isEmpty() && state.outstanding().isEmpty() && state.settled().isEmpty() && state.nextId() == 0;
    }

    public void restore(State state, long nowNanos, long nowMillis) {
        writable();
        pending = state.pending().isEmpty() ? null : new ArrayDeque<>(state.pending());
        outstanding = null;
        for (Sent s : state.outstanding()) {
            outstanding().add(new Outstanding(s.transaction(), s.bearer(),
                    nowNanos + (s.dueAtMillis() - nowMillis) * 1_000_000, s.attempts(), s.last()));
        }
        settled = state.settled().isEmpty() ? null : new ArrayDeque<>(state.settled());
        nextId = state.nextId();
        wakeUpSent = false;
    }

    /**
     * Grows with every change that must be replicated before it is answered: what was queued, answered
     * or given up. Handing a transaction out is not such a change: if the node fails before the next
     * replication, the transaction is pending again on the node that takes over, an answer to it still
     * settles it ({@link #answer}), and one not answered is handed out again with its Transaction-ID, as
     * after a recovery.
     */
    public long changes() {
        return changes;
    }

    /**
     * Queues a primitive; false when {@code limit} transactions already wait to be handed out.
     * Server Transaction-IDs are 0–999 so they also fit the plain-text syntax (docs/pts.md), and an
     * ID still awaiting its answer is not given to a second transaction.
     */
    public boolean offer(Element primitive, boolean expectsResponse, String tag, boolean withTransactionId, int limit) {
        writable();
        if (pendingCount() >= limit) {
            return false;
        }
        if (pending == null) {
            pending = new ArrayDeque<>(2);
        }
        pending.addLast(new ServerTransaction(withTransactionId ? freshId() : null, primitive, expectsResponse, tag));
        changes++;
        return true;
    }

    private String freshId() {
        for (int tries = 0; tries < 1000; tries++) {
            String id = Integer.toString(nextId);
            nextId = (nextId + 1) % 1000;
            if (find(id) < 0) {
                return id;
            }
        }
        throw new IllegalStateException("every server Transaction-ID is awaiting an answer");
    }

    /**
     * The client polled over {@code bearer}: the next transaction to hand it, or null. A due
     * outstanding transaction goes first, with its Transaction-ID; otherwise the oldest pending one.
     * Either way the wake-up is spent: the next collectable transaction gets a new one.
     */
    public ServerTransaction next(long nowNanos, String bearer, Retransmission retransmission) {
        // Written only when set: a poll of a session that was never sent anything reads EMPTY, which
        // every event loop shares and nothing may write.
        if (wakeUpSent) {
            wakeUpSent = false;
        }
        dropGivenUp(nowNanos);
        if (outstanding != null) {
            for (int i = 0; i < outstanding.size(); i++) {
                Outstanding o = outstanding.get(i);
                if (o.dueFor(nowNanos, bearer)) {
                    outstanding.set(i, handedOut(o.transaction(), bearer, nowNanos, o.attempts() + 1, retransmission));
                    return o.transaction();
                }
            }
        }
        ServerTransaction t = pending == null ? null : pending.pollFirst();
        if (pending != null && pending.isEmpty()) {
            pending = null;
        }
        if (t != null) {
            if (!t.expectsResponse()) {
                changes++; // delivered for good: a Disconnect must not come a second time
            } else {
                outstanding().add(handedOut(t, bearer, nowNanos, 1, retransmission));
            }
        }
        return t;
    }

    private static Outstanding handedOut(ServerTransaction t, String bearer, long nowNanos, int attempts,
                                         Retransmission retransmission) {
        return new Outstanding(t, bearer, nowNanos + retransmission.timeoutNanos(), attempts,
                attempts >= retransmission.maxAttempts());
    }

    /**
     * The client answered the server transaction {@code transactionId}. An answer to a transaction
     * that is still pending settles it too: after a node took the session over, a transaction handed
     * out just before the crash can look pending (a hand-out is not replicated before the answer to
     * the poll; docs/conformance.md "Server transactions").
     */
    public Settlement answer(String transactionId) {
        if (transactionId == null) {
            return Settlement.UNKNOWN;
        }
        int i = find(transactionId);
        ServerTransaction t = null;
        if (i >= 0) {
            t = outstanding.remove(i).transaction();
            if (outstanding.isEmpty()) {
                outstanding = null;
            }
        } else {
            t = takePending(transactionId);
        }
        if (t != null) {
            remember(transactionId);
            changes++;
            return new Settlement(Answer.SETTLED, t);
        }
        return settled != null && settled.contains(transactionId) ? Settlement.REPEATED : Settlement.UNKNOWN;
    }

    private ServerTransaction takePending(String transactionId) {
        if (pending == null) {
            return null;
        }
        for (var it = pending.iterator(); it.hasNext(); ) {
            ServerTransaction t = it.next();
            if (t.expectsResponse() && transactionId.equals(t.transactionId())) {
                it.remove();
                return t;
            }
        }
        return null;
    }

    private void remember(String transactionId) {
        if (settled == null) {
            settled = new ArrayDeque<>(SETTLED_MEMORY);
        }
        if (settled.size() == SETTLED_MEMORY) {
            settled.pollFirst();
        }
        settled.addLast(transactionId);
    }

    /**
     * The client may have lost what it was handed (its session was recovered, perhaps over another
     * bearer): every outstanding transaction is due at once, and queued Disconnects are dropped, since
     * the session goes on and a stale Disconnect would make the client drop it again.
     */
    public void recovered(long nowNanos) {
        writable();
        if (pending != null) {
            pending.removeIf(t -> "Disconnect".equals(t.primitive().name()));
        }
        if (outstanding != null) {
            outstanding.replaceAll(o -> new Outstanding(o.transaction(), o.bearer(), nowNanos, o.attempts(), false));
        }
        wakeUpSent = false;
        changes++;
    }

    /**
     * Something the client could collect now: a pending transaction or an outstanding one that is
     * due. This is what the Poll flag and the standalone HTTP CIR tell the client.
     */
    public boolean hasCollectable(long nowNanos) {
        if (pendingCount() > 0) {
            return true;
        }
        return retransmissionDue(nowNanos);
    }

    /** An outstanding transaction's time-out passed: the client must be told to poll again. */
    public boolean retransmissionDue(long nowNanos) {
        if (outstanding != null) {
            for (Outstanding o : outstanding) {
                if (o.dueAt(nowNanos)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An outstanding transaction went out for the last time and its time-out passed. */
    public boolean hasGivenUp(long nowNanos) {
        if (outstanding != null) {
            for (Outstanding o : outstanding) {
                if (o.givenUp(nowNanos)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when a CIR wake-up should go out now: something is collectable and none was sent since the last poll. */
    public boolean wakeUpNeeded(long nowNanos) {
        return !wakeUpSent && hasCollectable(nowNanos);
    }

    /** A CIR wake-up went out; none is needed again until the client polls. */
    public void wakeUpSent() {
        writable();
        wakeUpSent = true;
    }

    public boolean isEmpty() {
        return pendingCount() == 0 && outstanding == null;
    }

    /** Pending and outstanding transactions together. */
    public int size() {
        return pendingCount() + (outstanding == null ? 0 : outstanding.size());
    }

    public int pendingCount() {
        return pending == null ? 0 : pending.size();
    }

    /** Forgets the transactions that went out for the last time and whose time-out passed unanswered. */
    public void dropGivenUp(long nowNanos) {
        if (outstanding == null) {
            return;
        }
        if (outstanding.removeIf(o -> o.givenUp(nowNanos))) {
            changes++;
        }
        if (outstanding.isEmpty()) {
            outstanding = null;
        }
    }

    private void writable() {
        if (this == EMPTY) {
            throw new IllegalStateException("the shared empty queue is not to be changed: SessionContext.queueToChange");
        }
    }

    private int find(String transactionId) {
        if (outstanding != null) {
            for (int i = 0; i < outstanding.size(); i++) {
                if (transactionId.equals(outstanding.get(i).transaction().transactionId())) {
                    return i;
                }
            }
        }
        return -1;
    }

    private ArrayList<Outstanding> outstanding() {
        if (outstanding == null) {
            outstanding = new ArrayList<>(2);
        }
        return outstanding;
    }
}
