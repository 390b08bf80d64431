package imps.transport.sms.smpp;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Joins the parts of concatenated short messages (3GPP TS 23.040 §9.2.3.24.1), in whatever order
 * they arrive. Memory is bounded: a message whose parts do not all arrive within the timeout is
 * dropped, and a phone, as well as all phones together, may have only so many incomplete messages;
 * beyond that the oldest is dropped. Runs on one Vert.x context (its timers fire there too).
 */
final class Reassembler {
    private static final Logger log = LoggerFactory.getLogger(Reassembler.class);

    /** The reference identifies a concatenated message only together with its sender (23.040 §9.2.3.24.1). */
    private record Key(String sender, int reference, int parts) {
    }

    private static final class Pending {
        final InboundPart[] parts;
        final long timer;
        int received;

        Pending(int parts, long timer) {
            this.parts = new InboundPart[parts];
            this.timer = timer;
        }
    }

    private final Vertx vertx;
    private final long timeoutMillis;
    private final int maxPendingPerSender;
    private final int maxPending;
    /** In arrival order of the first part, so the oldest comes first when one must go. */
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private final Map<String, Integer> pendingBySender = new HashMap<>();

    Reassembler(Vertx vertx, long timeoutMillis, int maxPendingPerSender, int maxPending) {
        this.vertx = vertx;
        this.timeoutMillis = timeoutMillis;
        this.maxPendingPerSender = maxPendingPerSender;
        this.maxPending = maxPending;
    }

    /** The whole message once {@code part} completes it, the part itself when it is not concatenated, else null. */
    InboundPart accept(InboundPart part) {
        if (part.concatenation() == null) {
            return part;
        }
        Key key = new Key(part.sender(), part.concatenation().reference(), part.concatenation().parts());
        Pending message = pending.get(key);
        if (message == null) {
            makeRoomFor(part.sender());
            message = new Pending(key.parts(), vertx.setTimer(timeoutMillis, id -> expire(key)));
            pending.put(key, message);
            pendingBySender.merge(key.sender(), 1, Integer::sum);
        }
        int index = part.concatenation().part() - 1;
        if (message.parts[index] != null) {
            log.debug("Duplicate part {} of concatenated message {} from {} ignored", index + 1, key.reference(), key.sender());
            return null;
        }
        message.parts[index] = part;
        if (++message.received < key.parts()) {
            return null;
        }
        remove(key);
        return join(message.parts);
    }

    /** Drops every incomplete message (the link is stopping). */
    void clear() {
        pending.values().forEach(p -> vertx.cancelTimer(p.timer));
        pending.clear();
        pendingBySender.clear();
    }

    private void makeRoomFor(String sender) {
        if (pendingBySender.getOrDefault(sender, 0) >= maxPendingPerSender) {
            dropOldest(k -> k.sender().equals(sender), "its sender has " + maxPendingPerSender + " incomplete");
        }
        if (pending.size() >= maxPending) {
            dropOldest(k -> true, maxPending + " incomplete messages are pending");
        }
    }

    private void dropOldest(Predicate<Key> which, String why) {
        Iterator<Key> keys = pending.keySet().iterator();
        while (keys.hasNext()) {
            Key key = keys.next();
            if (which.test(key)) {
                log.info("Concatenated message {} from {} dropped incomplete: {}", key.reference(), key.sender(), why);
                remove(key);
                return;
            }
        }
    }

    private void expire(Key key) {
        Pending message = pending.get(key);
        if (message != null) {
            log.info("Concatenated message {} from {} dropped: {} of {} parts arrived in {} ms",
                    key.reference(), key.sender(), message.received, key.parts(), timeoutMillis);
            remove(key);
        }
    }

    private void remove(Key key) {
        Pending message = pending.remove(key);
        vertx.cancelTimer(message.timer);
        pendingBySender.computeIfPresent(key.sender(), (s, n) -> n == 1 ? null : n - 1);
    }

    private static InboundPart join(InboundPart[] parts) {
        ByteArrayOutputStream userData = new ByteArrayOutputStream();
        Integer port = null;
        for (InboundPart part : parts) {
            userData.writeBytes(part.userData());
            if (port == null) {
                port = part.destinationPort();
            }
        }
        return parts[0].joined(port, userData.toByteArray());
    }
}
