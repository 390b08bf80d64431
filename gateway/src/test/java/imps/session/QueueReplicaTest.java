package imps.session;

import imps.protocol.Element;
import imps.session.OutboundQueue.Retransmission;
import imps.session.OutboundQueue.ServerTransaction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueReplicaTest {
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(60);
    private static final Retransmission RETRANSMISSION = new Retransmission(TIMEOUT, 2);
    private static final long WALL = 1_763_700_000_000L;

    private static Element message(int n) {
        return Element.builder("NewMessage")
                .add(Element.builder("MessageInfo").leaf("MessageID", "m-" + n).leaf("ContentType", "text/plain").build())
                .leaf("ContentData", "message number " + n).build();
    }

    /** Queues message {@code n}, one the client must answer, in a queue with room for it. */
    private static void queueMessage(OutboundQueue queue, int n) {
        assertTrue(queue.offer(message(n), true, null, true, 500));
    }

    /**
     * Two queues are given the same random run of queueing, polls over two bearers, answers, recoveries
     * and time-outs. One replica follows the first by partial changes, the other is rebuilt from the
     * second by a whole change every time: after every step both read back the same queue.
     */
    @Test
    void partialChangesKeepTheReplicaEqualToTheWholeQueue() {
        Random random = new Random(20261207);
        OutboundQueue partial = new OutboundQueue();
        OutboundQueue whole = new OutboundQueue();
        QueueReplica byChanges = new QueueReplica();
        QueueReplica byWhole = new QueueReplica();
        long now = 1_000_000_000L;
        List<String> ids = new ArrayList<>();
        for (int step = 0; step < 3_000; step++) {
            int op = random.nextInt(10);
            long at = now;
            Consumer<OutboundQueue> action = switch (op) {
                case 0, 1, 2 -> {
                    int n = step;
                    boolean expectsResponse = random.nextInt(5) > 0;
                    Element primitive = random.nextInt(20) == 0 ? Element.empty("Disconnect") : message(n);
                    yield q -> q.offer(primitive, expectsResponse, "tag-" + n, true, 50);
                }
                case 3, 4 -> {
                    String bearer = random.nextBoolean() ? "http" : "sms";
                    yield q -> {
                        ServerTransaction t = q.next(at, bearer, RETRANSMISSION);
                        if (t != null && q == partial) {
                            ids.add(t.transactionId());
                        }
                    };
                }
                case 5, 6 -> {
                    String id = ids.isEmpty() ? "0" : ids.get(random.nextInt(ids.size()));
                    yield q -> q.answer(id);
                }
                case 7 -> q -> q.recovered(at);
                default -> {
                    now += TIMEOUT / 2;
                    long later = now;
                    yield q -> q.dropGivenUp(later);
                }
            };
            action.accept(partial);
            action.accept(whole);
            if (random.nextInt(3) == 0) {
                assertTrue(byChanges.apply(partial.replicaChange(now, WALL)));
                whole.replicaRefused();
                assertTrue(byWhole.apply(whole.replicaChange(now, WALL)));
                assertEquals(byWhole.state(), byChanges.state(), "after step " + step);
            }
        }
    }

    /**
     * A message to a client that does not collect costs the same to replicate whether one or two
     * hundred transactions wait: the change carries the new transaction and the small part only.
     */
    @Test
    void aChangeCarriesWhatChangedNotTheQueue() {
        OutboundQueue shallow = new OutboundQueue();
        OutboundQueue deep = new OutboundQueue();
        QueueReplica replica = new QueueReplica();
        queueMessage(shallow, 1);
        shallow.replicaChange(0, WALL);
        for (int i = 1; i <= 200; i++) {
            queueMessage(deep, i);
        }
        byte[] first = deep.replicaChange(0, WALL);
        assertTrue(replica.apply(first));

        queueMessage(shallow, 2);
        queueMessage(deep, 2);
        byte[] one = shallow.replicaChange(0, WALL);
        byte[] next = deep.replicaChange(0, WALL);
        assertTrue(next.length <= one.length + 4, "the same message, a longer Transaction-ID and place: " + next.length + " bytes with 200 waiting, " + one.length + " with 1");
        assertTrue(first.length > 100 * next.length, "the first change carried the 200: " + first.length + " bytes");
        assertTrue(replica.apply(next));
        assertEquals(201, replica.state().pending().size());
    }

    /**
     * A partial change made against another version than the replica holds (an earlier one was lost,
     * or a copy of the session left behind on another node wrote meanwhile) is refused and changes
     * nothing; after {@link OutboundQueue#replicaRefused} the whole queue goes, and applies.
     */
    @Test
    void aChangeAgainstAnotherVersionIsRefusedAndTheWholeQueueFollows() {
        OutboundQueue queue = new OutboundQueue();
        QueueReplica replica = new QueueReplica();
        queueMessage(queue, 1);
        assertTrue(replica.apply(queue.replicaChange(0, WALL)));
        queueMessage(queue, 2);
        queue.replicaChange(0, WALL); // lost on the way
        queueMessage(queue, 3);
        long held = replica.version();
        assertFalse(replica.apply(queue.replicaChange(0, WALL)));
        assertEquals(held, replica.version());
        assertEquals(1, replica.state().pending().size());

        queue.replicaRefused();
        assertTrue(replica.apply(queue.replicaChange(0, WALL)));
        assertEquals(List.of("message number 1", "message number 2", "message number 3"),
                replica.state().pending().stream().map(t -> t.primitive().childText("ContentData")).toList());
    }

    /** A session restored from the replica on another node; the copy left behind can no longer write. */
    @Test
    void aCopyLeftBehindCannotChangeTheReplicaOfTheRestoredSession() {
        OutboundQueue left = new OutboundQueue();
        QueueReplica replica = new QueueReplica();
        queueMessage(left, 1);
        assertTrue(replica.apply(left.replicaChange(0, WALL)));

        OutboundQueue restored = new OutboundQueue();
        restored.restore(replica.state(), 0, WALL);
        queueMessage(restored, 2);
        assertTrue(replica.apply(restored.replicaChange(0, WALL)));

        queueMessage(left, 99);
        assertFalse(replica.apply(left.replicaChange(0, WALL)));
        assertEquals(2, replica.state().pending().size());
    }

    /**
     * A session restored with a queue replica has a queue of its own even when nothing waits in it, so
     * its end deletes that replica too; one restored without has the shared empty queue.
     */
    @Test
    void aSessionRestoredWithItsQueuesReplicaHasItsOwnQueue() {
        SessionContext s = new SessionContext("S-9", "wv:bob@example.net", Element.of("ClientID", Element.leaf("URL", "u")),
                imps.protocol.CspVersion.V1_3, "XML", null, 60, ClientCapabilities.defaults(30), 0);
        s.queueToChange().offer(Element.empty("Disconnect"), false, null, false, 10);
        s.queue().next(0, "http", RETRANSMISSION);
        QueueReplica replica = new QueueReplica();
        assertTrue(replica.apply(s.queue().replicaChange(0, WALL)));
        assertEquals(0, replica.state().pending().size());
        SessionSnapshot snapshot = s.snapshot(0, WALL);
        assertNotSame(OutboundQueue.EMPTY, SessionContext.restore(snapshot.withQueue(replica.state()), 0, WALL).queue());
        assertSame(OutboundQueue.EMPTY, SessionContext.restore(snapshot, 0, WALL).queue());
    }

    @Test
    void aMalformedChangeIsRefusedAndChangesNothing() {
        OutboundQueue queue = new OutboundQueue();
        QueueReplica replica = new QueueReplica();
        queueMessage(queue, 1);
        assertTrue(replica.apply(queue.replicaChange(0, WALL)));
        queueMessage(queue, 2);
        byte[] change = queue.replicaChange(0, WALL);
        long held = replica.version();
        assertThrows(IllegalArgumentException.class, () -> replica.apply(Arrays.copyOf(change, change.length - 3)));
        byte[] unknown = change.clone();
        unknown[0] = 7;
        assertThrows(IllegalArgumentException.class, () -> replica.apply(unknown));
        assertEquals(held, replica.version());
        assertEquals(1, replica.state().pending().size());
        assertTrue(replica.apply(change));
        assertEquals(2, replica.state().pending().size());
    }
}
