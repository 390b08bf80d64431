package imps.session;

import imps.protocol.Element;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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
 *
 * <p>The queue is replicated on its own, by what changed ({@link #replicaChange}, {@link QueueReplica}):
 * each transaction is encoded once, when it is queued, so a change costs the same whether one or two
 * hundred transactions wait. Every transaction has a place number, by which the replica knows it.
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
    private ArrayDeque<Queued> pending;
    private ArrayList<Outstanding> outstanding;
    private ArrayDeque<String> settled;
    private int nextId;
    private boolean wakeUpSent;
    private long changes;
    /** The place number the next queued transaction gets. */
    private long nextPlace;
    /**
     * The version of the replica the next change builds on. It starts at a random value in each queue
     * instance (a new session's, or one restored on another node), so a late change from a copy of the
     * session that was left behind matches a version of this one only by a chance of one in 2^32.
     */
    private long replicaVersion = (long) ThreadLocalRandom.current().nextInt() << 32;
    /** The next change carries the whole queue: nothing sent yet, or the replica refused a change. */
    private boolean wholeOwed = true;
    /** Queued and taken out since the last change sent, while only a partial change is owed. */
    private ArrayList<Queued> added;
    private ArrayList<Long> removed;

    /** A transaction waiting to be handed out, with its place number. */
    private record Queued(long place, ServerTransaction transaction) {
    }

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
    private record Outstanding(long place, ServerTransaction transaction, String bearer, long dueAtNanos, int attempts,
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
     * The queue as read back from its replica. Whether a wake-up is owed is not part of it: after a move
     * to another node the client may be woken once more than needed, never once too few.
     */
    public record State(List<ServerTransaction> pending, List<Sent> outstanding, List<String> settled, int nextId)
            implements Serializable {
        /**
         * Nothing queued, nothing answered, Transaction-IDs not yet begun: a session restored with it
         * keeps the shared {@link #EMPTY} queue. A queue read from its own replica is never this object,
         * so the session restored from it has a queue whose replica it deletes at the end.
         */
        public static final State BLANK = new State(List.of(), List.of(), List.of(), 0);

        /** {@link #BLANK} for a queue with nothing in it, as replicas of earlier builds carried one. */
        static State orBlank(State state) {
            return state.equals(BLANK) ? BLANK : state;
        }

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

    /** Takes over a replicated queue; the first change it then sends carries the whole queue. */
    public void restore(State state, long nowNanos, long nowMillis) {
        writable();
        outstanding = null;
        for (Sent s : state.outstanding()) {
            outstanding().add(new Outstanding(nextPlace++, s.transaction(), s.bearer(),
                    nowNanos + (s.dueAtMillis() - nowMillis) * 1_000_000, s.attempts(), s.last()));
        }
        pending = null;
        for (ServerTransaction t : state.pending()) {
            pending().addLast(new Queued(nextPlace++, t));
        }
        settled = state.settled().isEmpty() ? null : new ArrayDeque<>(state.settled());
        nextId = state.nextId();
        wakeUpSent = false;
        wholeOwed = true;
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
        Queued q = new Queued(nextPlace++, new ServerTransaction(withTransactionId ? freshId() : null, primitive,
                expectsResponse, tag));
        pending().addLast(q);
        if (!wholeOwed) {
            added().add(q);
        }
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
                    outstanding.set(i, handedOut(o.place(), o.transaction(), bearer, nowNanos, o.attempts() + 1,
                            retransmission));
                    return o.transaction();
                }
            }
        }
        Queued q = pending == null ? null : pending.pollFirst();
        if (pending != null && pending.isEmpty()) {
            pending = null;
        }
        if (q == null) {
            return null;
        }
        ServerTransaction t = q.transaction();
        if (!t.expectsResponse()) {
            taken(q.place());
            changes++; // delivered for good: a Disconnect must not come a second time
        } else {
            outstanding().add(handedOut(q.place(), t, bearer, nowNanos, 1, retransmission));
        }
        return t;
    }

    private static Outstanding handedOut(long place, ServerTransaction t, String bearer, long nowNanos, int attempts,
                                         Retransmission retransmission) {
        return new Outstanding(place, t, bearer, nowNanos + retransmission.timeoutNanos(), attempts,
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
            Outstanding o = outstanding.remove(i);
            taken(o.place());
            t = o.transaction();
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
            Queued q = it.next();
            ServerTransaction t = q.transaction();
            if (t.expectsResponse() && transactionId.equals(t.transactionId())) {
                it.remove();
                taken(q.place());
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
            pending.removeIf(q -> {
                boolean disconnect = "Disconnect".equals(q.transaction().primitive().name());
                if (disconnect) {
                    taken(q.place());
                }
                return disconnect;
            });
        }
        if (outstanding != null) {
            outstanding.replaceAll(o -> new Outstanding(o.place(), o.transaction(), o.bearer(), nowNanos, o.attempts(),
                    false));
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
        if (outstanding.removeIf(o -> {
            boolean givenUp = o.givenUp(nowNanos);
            if (givenUp) {
                taken(o.place());
            }
            return givenUp;
        })) {
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

    private ArrayDeque<Queued> pending() {
        if (pending == null) {
            pending = new ArrayDeque<>(2);
        }
        return pending;
    }

    private ArrayList<Queued> added() {
        if (added == null) {
            added = new ArrayList<>(2);
        }
        return added;
    }

    /**
     * The transaction at {@code place} left the queue for good. One queued since the last change
     * sent is simply not sent; the replica is told to drop any other.
     */
    private void taken(long place) {
        if (wholeOwed) {
            return;
        }
        if (added != null) {
            for (int i = added.size() - 1; i >= 0; i--) {
                if (added.get(i).place() == place) {
                    added.remove(i);
                    return;
                }
            }
        }
        if (removed == null) {
            removed = new ArrayList<>(2);
        }
        removed.add(place);
    }

    /**
     * What the queue's replica needs to be brought up to date, encoded for {@link QueueReplica#apply}:
     * the transactions queued and taken out since the last change sent, or the whole queue when the
     * replica may not hold the last change; then which transactions are outstanding and until when,
     * the answers remembered and the next Transaction-ID, which are small and always sent whole.
     * Due times go as wall-clock instants, since monotonic clocks differ between machines.
     */
    public byte[] replicaChange(long nowNanos, long nowMillis) {
        writable();
        QueueReplica.ChangeWriter change = new QueueReplica.ChangeWriter(wholeOwed, replicaVersion, replicaVersion + 1,
                outstanding == null ? 0 : outstanding.size());
        replicaVersion++;
        if (wholeOwed) {
            if (outstanding != null) {
                for (Outstanding o : outstanding) {
                    change.add(o.place(), o.transaction());
                }
            }
            if (pending != null) {
                for (Queued q : pending) {
                    change.add(q.place(), q.transaction());
                }
            }
        } else {
            if (removed != null) {
                for (long place : removed) {
                    change.remove(place);
                }
            }
            if (added != null) {
                for (Queued q : added) {
                    change.add(q.place(), q.transaction());
                }
            }
        }
        wholeOwed = false;
        added = null;
        removed = null;
        if (outstanding != null) {
            for (Outstanding o : outstanding) {
                change.outstanding(o.place(), o.bearer(), nowMillis + (o.dueAtNanos() - nowNanos) / 1_000_000,
                        o.attempts(), o.last());
            }
        }
        return change.finish(settled == null ? List.of() : settled, nextId);
    }

    /** The replica refused the last change (it did not hold the one before): the next carries the whole queue. */
    public void replicaRefused() {
        writable();
        wholeOwed = true;
        added = null;
        removed = null;
    }
}
