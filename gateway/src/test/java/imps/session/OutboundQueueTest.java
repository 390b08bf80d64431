package imps.session;

import imps.protocol.Element;
import imps.session.OutboundQueue.Answer;
import imps.session.OutboundQueue.Retransmission;
import imps.session.OutboundQueue.ServerTransaction;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundQueueTest {
    private static final Element NEW_MESSAGE = Element.of("NewMessage", Element.leaf("ContentData", "hi"));
    private static final Element PRESENCE = Element.empty("PresenceNotification-Request");
    private static final Element DISCONNECT = Element.of("Disconnect", Element.of("Result", Element.leaf("Code", "600")));
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(60);
    private static final Retransmission RETRANSMISSION = new Retransmission(TIMEOUT, 3);
    private static final String HTTP = "http";

    private final OutboundQueue queue = new OutboundQueue();
    private long now = 1_000_000_000L;

    private ServerTransaction poll() {
        return queue.next(now, HTTP, RETRANSMISSION);
    }

    /**
     * A session that was never sent anything has no queue of its own (one object less per idle
     * session): it reads the shared empty one, which polls, answers and sweeps leave unchanged and
     * which refuses to be added to; the first primitive gives the session its own, and a replica of a
     * blank queue restores to none.
     */
    @Test
    void aSessionNeverSentAnythingSharesTheEmptyQueue() {
        SessionContext s = new SessionContext("S-1", "wv:alice@example.net", Element.of("ClientID", Element.leaf("URL", "u")),
                imps.protocol.CspVersion.V1_2, "XML", null, 60, ClientCapabilities.defaults(30), now);
        assertSame(OutboundQueue.EMPTY, s.queue());
        assertNull(s.queue().next(now, HTTP, RETRANSMISSION));
        assertEquals(Answer.UNKNOWN, s.queue().answer("1").answer());
        s.queue().dropGivenUp(now + TIMEOUT);
        s.recover(s.clientId(), "c2", "XML", now);
        assertSame(OutboundQueue.EMPTY, s.queue());
        assertTrue(OutboundQueue.EMPTY.isEmpty());
        assertEquals(0, OutboundQueue.EMPTY.changes());
        assertThrows(IllegalStateException.class, () -> s.queue().offer(NEW_MESSAGE, true, null, true, 10));
        assertSame(OutboundQueue.EMPTY, SessionContext.restore(s.snapshot(now, 1_000L), now, 1_000L).queue());

        long before = s.queue().changes();
        assertTrue(s.queueToChange().offer(NEW_MESSAGE, true, null, true, 10));
        assertTrue(s.queue().changes() > before, "the first primitive is a change to replicate");
        assertNotSame(OutboundQueue.EMPTY, s.queue());
        QueueReplica replica = new QueueReplica();
        assertTrue(replica.apply(s.queue().replicaChange(now, 1_000L)));
        assertEquals(1, SessionContext.restore(s.snapshot(now, 1_000L).withQueue(replica.state()), now, 1_000L)
                .queue().size());
        assertTrue(OutboundQueue.EMPTY.isEmpty());
    }

    @Test
    void newQueueIsEmpty() {
        assertTrue(queue.isEmpty());
        assertFalse(queue.hasCollectable(now));
        assertEquals(0, queue.size());
        assertNull(poll());
    }

    @Test
    void offerRefusesBeyondTheLimitOfPendingTransactions() {
        assertTrue(queue.offer(NEW_MESSAGE, true, null, true, 2));
        assertTrue(queue.offer(PRESENCE, true, null, true, 2));
        assertFalse(queue.offer(DISCONNECT, false, null, true, 2));
        poll();
        assertTrue(queue.offer(DISCONNECT, false, null, true, 2), "an outstanding transaction no longer counts as pending");
        assertEquals(3, queue.size());
    }

    @Test
    void eachPollHandsOutTheNextTransactionNotYetHandedOut() {
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        queue.offer(PRESENCE, true, null, true, 10);
        queue.offer(NEW_MESSAGE, true, null, true, 10);

        assertEquals("0", poll().transactionId());
        assertEquals("1", poll().transactionId(), "the unanswered first one is not handed out again");
        assertEquals("2", poll().transactionId());
        assertNull(poll(), "all handed out, none due yet: an empty answer");
        assertFalse(queue.hasCollectable(now), "nothing to collect: Poll F");
        assertEquals(3, queue.size(), "all three still await their answers");
    }

    @Test
    void answersSettleTransactionsInAnyOrderAndRepeatedAnswersAreRecognised() {
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        queue.offer(PRESENCE, true, null, true, 10);
        poll();
        poll();
        assertEquals(Answer.SETTLED, queue.answer("1").answer());
        assertEquals(Answer.SETTLED, queue.answer("0").answer());
        assertEquals(Answer.REPEATED, queue.answer("0").answer(), "a second answer to a settled transaction");
        assertEquals(Answer.UNKNOWN, queue.answer("7").answer(), "never handed out");
        assertEquals(Answer.UNKNOWN, queue.answer(null).answer());
        assertTrue(queue.isEmpty());
    }

    /**
     * After a takeover, a transaction handed out just before the crash looks pending (hand-outs are not
     * replicated before the poll is answered): the client's answer settles it there too, so it is not
     * handed out a second time.
     */
    @Test
    void anAnswerToATransactionStillPendingSettlesIt() {
        queue.offer(NEW_MESSAGE, true, "m-1", true, 10);
        OutboundQueue.Settlement s = queue.answer("0");
        assertEquals(Answer.SETTLED, s.answer());
        assertEquals("m-1", s.settled().tag(), "the tag comes back with the settlement");
        assertNull(poll(), "nothing left to hand out");
        assertTrue(queue.isEmpty());
    }

    @Test
    void anUnansweredTransactionIsDueAgainAfterItsTimeOutWithTheSameTransactionId() {
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        ServerTransaction first = poll();
        now += TIMEOUT - 1;
        assertFalse(queue.hasCollectable(now));
        assertNull(poll());
        now += 1;
        assertTrue(queue.retransmissionDue(now));
        assertTrue(queue.hasCollectable(now), "Poll T once the time-out passed");
        ServerTransaction again = poll();
        assertSame(first, again, "the same transaction, same Transaction-ID");
        assertFalse(queue.hasCollectable(now), "not due again until another time-out passes");
        assertEquals(Answer.SETTLED, queue.answer(first.transactionId()).answer());
    }

    @Test
    void aDueTransactionGoesOutBeforeNewOnes() {
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        poll();
        queue.offer(PRESENCE, true, null, true, 10);
        now += TIMEOUT;
        assertEquals("0", poll().transactionId());
        assertEquals("1", poll().transactionId());
    }

    @Test
    void aPollOverAnotherBearerGetsWhatWentOutOverTheFirstAgain() {
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        ServerTransaction overHttp = poll();
        assertNull(poll(), "same bearer: not again");
        assertSame(overHttp, queue.next(now, "sms", RETRANSMISSION), "the answer may have been lost with the old bearer");
        assertNull(queue.next(now, "sms", RETRANSMISSION));
    }

    @Test
    void afterRecoveryEveryOutstandingTransactionIsDueAndStaleDisconnectsAreGone() {
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        queue.offer(PRESENCE, true, null, true, 10);
        ServerTransaction first = poll();
        queue.offer(DISCONNECT, false, null, true, 10);
        queue.recovered(now);
        assertTrue(queue.hasCollectable(now));
        assertSame(first, poll());
        assertSame(PRESENCE, poll().primitive());
        assertNull(poll(), "the Disconnect was dropped");
    }

    @Test
    void aTransactionIsHandedOutAtMostTheConfiguredNumberOfTimesThenGivenUp() {
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertSame(NEW_MESSAGE, poll().primitive(), "attempt " + attempt);
            now += TIMEOUT;
        }
        assertFalse(queue.hasCollectable(now), "the third hand-out was the last");
        assertTrue(queue.hasGivenUp(now));
        assertNull(poll());
        assertTrue(queue.isEmpty(), "given up after its last time-out");
    }

    @Test
    void oneWakeUpCoversEverythingQueuedUntilTheClientPolls() {
        assertFalse(queue.wakeUpNeeded(now));
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        assertTrue(queue.wakeUpNeeded(now));
        queue.wakeUpSent();
        queue.offer(PRESENCE, true, null, true, 10);
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        assertFalse(queue.wakeUpNeeded(now), "the client has not polled since the wake-up");
        poll();
        assertTrue(queue.wakeUpNeeded(now), "after a poll, what is still collectable may be announced again");
    }

    @Test
    void transactionNeedingNoAnswerIsHandedOutOnceAndNeverOutstanding() {
        queue.offer(DISCONNECT, false, null, true, 10);
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        assertSame(DISCONNECT, poll().primitive());
        assertSame(NEW_MESSAGE, poll().primitive());
        now += TIMEOUT;
        assertSame(NEW_MESSAGE, poll().primitive(), "only the NewMessage is due again");
    }

    @Test
    void disconnectWithoutTransactionIdTakesNoId() {
        assertTrue(queue.offer(NEW_MESSAGE, true, null, true, 10));
        assertTrue(queue.offer(DISCONNECT, false, null, false, 10));
        assertTrue(queue.offer(PRESENCE, true, null, true, 10));
        assertEquals("0", poll().transactionId());
        ServerTransaction disconnect = poll();
        assertSame(DISCONNECT, disconnect.primitive());
        assertNull(disconnect.transactionId());
        assertFalse(disconnect.expectsResponse());
        assertEquals("1", poll().transactionId(), "the Disconnect consumed no id");
    }

    @Test
    void transactionIdsWrapAfter999AndSkipIdsStillAwaitingAnAnswer() {
        queue.offer(NEW_MESSAGE, true, null, true, Integer.MAX_VALUE);
        assertEquals("0", poll().transactionId());
        for (int i = 1; i < 1000; i++) {
            assertTrue(queue.offer(PRESENCE, false, null, true, Integer.MAX_VALUE));
        }
        for (int i = 1; i < 1000; i++) {
            assertEquals(Integer.toString(i), poll().transactionId());
        }
        queue.offer(PRESENCE, false, null, true, Integer.MAX_VALUE);
        assertEquals("1", poll().transactionId(), "0 is still outstanding, so the wrap skips it");
    }

    @Test
    void stateSurvivesReplicationWithItsTimesCarriedAsWallClock() {
        queue.offer(NEW_MESSAGE, true, null, true, 10);
        queue.offer(PRESENCE, true, null, true, 10);
        ServerTransaction first = poll();
        queue.wakeUpSent();
        long wall = 1_700_000_000_000L;
        QueueReplica replica = new QueueReplica();
        assertTrue(replica.apply(queue.replicaChange(now, wall)));
        OutboundQueue.State state = replica.state();

        OutboundQueue copy = new OutboundQueue();
        long otherNodeNanos = 42L;
        long later = wall + 10_000;
        copy.restore(state, otherNodeNanos, later);
        assertEquals(2, copy.size());
        assertTrue(copy.hasCollectable(otherNodeNanos));
        assertTrue(copy.wakeUpNeeded(otherNodeNanos), "after a move the client may be woken once more, never once too few");
        assertFalse(copy.retransmissionDue(otherNodeNanos), "50 of its 60 s are left on the other node");
        assertTrue(copy.retransmissionDue(otherNodeNanos + TimeUnit.SECONDS.toNanos(50)));
        assertEquals(Answer.SETTLED, copy.answer(first.transactionId()).answer());
        assertEquals(PRESENCE, copy.next(otherNodeNanos, HTTP, RETRANSMISSION).primitive());
    }
}
