package imps.session;

import imps.protocol.Element;
import imps.session.OutboundQueue.ServerTransaction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundQueueTest {
    private static final Element NEW_MESSAGE = Element.of("NewMessage", Element.leaf("ContentData", "hi"));
    private static final Element PRESENCE = Element.empty("PresenceNotification-Request");
    private static final Element DISCONNECT = Element.of("Disconnect", Element.of("Result", Element.leaf("Code", "600")));

    private final OutboundQueue queue = new OutboundQueue();

    @Test
    void newQueueIsEmpty() {
        assertTrue(queue.isEmpty());
        assertFalse(queue.hasUndelivered());
        assertEquals(0, queue.size());
        assertNull(queue.next());
    }

    @Test
    void offerRefusesBeyondTheLimit() {
        assertTrue(queue.offer(NEW_MESSAGE, true, true, 2));
        assertTrue(queue.offer(PRESENCE, true, true, 2));
        assertFalse(queue.offer(DISCONNECT, false, true, 2));
        assertEquals(2, queue.size());
    }

    @Test
    void limitCountsOnlyWhatIsStillPending() {
        assertTrue(queue.offer(NEW_MESSAGE, true, true, 1));
        queue.next(); // now in flight, no longer pending
        assertTrue(queue.offer(PRESENCE, true, true, 1));
        assertFalse(queue.offer(DISCONNECT, false, true, 1));
        assertEquals(2, queue.size());
    }

    @Test
    void unansweredTransactionIsHandedOutAgainUntilAcknowledged() {
        queue.offer(NEW_MESSAGE, true, true, 10);
        queue.offer(PRESENCE, true, true, 10);

        ServerTransaction first = queue.next();
        assertEquals("0", first.transactionId());
        assertSame(NEW_MESSAGE, first.primitive());
        assertSame(first, queue.next(), "a second poll re-sends the same transaction");
        assertSame(first, queue.next());

        assertFalse(queue.acknowledge("1"), "not the one in flight");
        assertSame(first, queue.next());

        assertTrue(queue.acknowledge("0"));
        assertFalse(queue.acknowledge("0"), "already acknowledged");
        ServerTransaction second = queue.next();
        assertEquals("1", second.transactionId());
        assertSame(PRESENCE, second.primitive());
    }

    @Test
    void transactionNeedingNoAnswerIsHandedOutOnce() {
        queue.offer(DISCONNECT, false, true, 10);
        queue.offer(NEW_MESSAGE, true, true, 10);
        assertSame(DISCONNECT, queue.next().primitive());
        assertSame(NEW_MESSAGE, queue.next().primitive());
    }

    @Test
    void disconnectWithoutTransactionIdTakesNoId() {
        assertTrue(queue.offer(NEW_MESSAGE, true, true, 10));
        assertTrue(queue.offer(DISCONNECT, false, false, 10));
        assertTrue(queue.offer(PRESENCE, true, true, 10));
        assertEquals("0", queue.next().transactionId());
        queue.acknowledge("0");
        ServerTransaction disconnect = queue.next();
        assertSame(DISCONNECT, disconnect.primitive());
        assertNull(disconnect.transactionId());
        assertFalse(disconnect.expectsResponse());
        assertEquals("1", queue.next().transactionId(), "the Disconnect consumed no id");
    }

    @Test
    void inFlightTransactionIsDeliveredButNotFinished() {
        queue.offer(NEW_MESSAGE, true, true, 10);
        assertTrue(queue.hasUndelivered());
        assertFalse(queue.isEmpty());

        queue.next();
        assertFalse(queue.hasUndelivered(), "nothing left to hand out: Poll=F");
        assertFalse(queue.isEmpty(), "but the answer is still awaited");
        assertEquals(1, queue.size());

        queue.acknowledge("0");
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
    }

    @Test
    void transactionIdsWrapAfter999() {
        for (int i = 0; i < 1001; i++) {
            assertTrue(queue.offer(PRESENCE, false, true, Integer.MAX_VALUE));
        }
        assertEquals(1001, queue.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Integer.toString(i), queue.next().transactionId());
        }
        assertEquals("0", queue.next().transactionId());
        assertTrue(queue.isEmpty());
    }
}
