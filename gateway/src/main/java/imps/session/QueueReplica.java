package imps.session;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A session's outbound queue as the cluster keeps it, beside the context's replica (docs/cluster.md,
 * "Replication"): each transaction's encoded form by its place number, in the order queued, and one
 * small encoded part for the rest (which transactions are outstanding and until when, the answers
 * remembered, the next Transaction-ID). The owner sends changes ({@link OutboundQueue#replicaChange}):
 * a partial change adds and drops transactions and replaces the small part, and applies only to the
 * version it was made against; a whole change replaces everything. So replicating a message costs
 * the same whether one or two hundred transactions wait for a client that does not collect them.
 *
 * <p>The store keeps this object as it is and applies each change to it in place, on the primary and
 * on the backup alike; it is serialized only when it is read back or copied to a new member.
 */
public final class QueueReplica implements Serializable {
    /** Fixed: a member of another build may hold the copy it reads back or receives in a migration. */
    private static final long serialVersionUID = 1L;
    private static final byte PARTIAL = 1;
    private static final byte WHOLE = 2;
    private static final byte END = 0;
    private static final byte REMOVE = 1;
    private static final byte ADD = 2;

    private long version;
    private final LinkedHashMap<Long, byte[]> transactions = new LinkedHashMap<>();
    private byte[] rest;

    public long version() {
        return version;
    }

    /**
     * Applies an encoded change; false, and nothing changed, for a partial change made against another
     * version than the one held (the owner then sends the whole queue). The change is read in full
     * before anything is applied, so a malformed one changes nothing either.
     */
    public boolean apply(byte[] change) {
        SnapshotInput in = new SnapshotInput(change);
        try {
            byte kind = in.readByte();
            long from = in.readFixedLong();
            long to = in.readFixedLong();
            if (kind != PARTIAL && kind != WHOLE) {
                throw new IOException("unknown change kind " + kind);
            }
            List<Long> drops = new ArrayList<>();
            LinkedHashMap<Long, byte[]> adds = new LinkedHashMap<>();
            for (byte op = in.readByte(); op != END; op = in.readByte()) {
                switch (op) {
                    case REMOVE -> drops.add(in.number());
                    case ADD -> adds.put(in.number(), in.bytes());
                    default -> throw new IOException("unknown change operation " + op);
                }
            }
            byte[] newRest = in.bytes();
            if (kind == PARTIAL && from != version) {
                return false;
            }
            if (kind == WHOLE) {
                transactions.clear();
            }
            for (Long place : drops) {
                transactions.remove(place);
            }
            transactions.putAll(adds);
            rest = newRest;
            version = to;
            return true;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a queue replica change", e);
        }
    }

    /** The queue as held: pending in the order queued, outstanding in the order handed out. */
    public OutboundQueue.State state() {
        if (rest == null) {
            return new OutboundQueue.State(List.of(), List.of(), List.of(), 0);
        }
        try {
            SnapshotInput in = new SnapshotInput(rest);
            int count = in.intNumber();
            List<OutboundQueue.Sent> outstanding = new ArrayList<>(count);
            Set<Long> out = new HashSet<>();
            for (int i = 0; i < count; i++) {
                long place = in.number();
                byte[] body = transactions.get(place);
                if (body == null) {
                    throw new IOException("outstanding transaction " + place + " is not held");
                }
                out.add(place);
                outstanding.add(new OutboundQueue.Sent(transaction(body), in.string(), in.number(), in.intNumber(),
                        in.bool()));
            }
            List<String> settled = in.stringList();
            int nextId = in.intNumber();
            List<OutboundQueue.ServerTransaction> pending = new ArrayList<>(transactions.size() - out.size());
            for (Map.Entry<Long, byte[]> e : transactions.entrySet()) {
                if (!out.contains(e.getKey())) {
                    pending.add(transaction(e.getValue()));
                }
            }
            return new OutboundQueue.State(pending, outstanding, settled == null ? List.of() : settled, nextId);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a queue replica", e);
        }
    }

    private static OutboundQueue.ServerTransaction transaction(byte[] body) throws IOException {
        return SessionSnapshotCodec.transaction(new SnapshotInput(body));
    }

    /**
     * Writes one change: transactions dropped and added (each encoded once, here), then the small part.
     * The order of calls is the order of the form: {@link #remove} and {@link #add}, then
     * {@link #outstanding} for each outstanding transaction (as many as the constructor was told), then
     * {@link #finish}.
     */
    static final class ChangeWriter {
        private final SnapshotOutput out = new SnapshotOutput();
        private final SnapshotOutput rest = new SnapshotOutput();

        /** {@code outstanding}: how many times {@link #outstanding} will be called. */
        ChangeWriter(boolean whole, long from, long to, int outstanding) {
            out.writeByte(whole ? WHOLE : PARTIAL);
            out.writeFixedLong(from);
            out.writeFixedLong(to);
            rest.number(outstanding);
        }

        void remove(long place) {
            out.writeByte(REMOVE);
            out.number(place);
        }

        void add(long place, OutboundQueue.ServerTransaction t) {
            SnapshotOutput body = new SnapshotOutput();
            SessionSnapshotCodec.transaction(body, t);
            out.writeByte(ADD);
            out.number(place);
            out.bytes(body.toByteArray());
        }

        void outstanding(long place, String bearer, long dueAtMillis, int attempts, boolean last) {
            rest.number(place);
            rest.string(bearer);
            rest.number(dueAtMillis);
            rest.number(attempts);
            rest.bool(last);
        }

        byte[] finish(Collection<String> settled, int nextId) {
            out.writeByte(END);
            rest.strings(settled);
            rest.number(nextId);
            out.bytes(rest.toByteArray());
            return out.toByteArray();
        }
    }
}
