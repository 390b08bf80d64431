package imps.transport.sms.smpp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class SubmitWindowTest {

    /** A transmitter whose submit_sm_resp the test gives by hand. */
    private record Sent(SubmitPart part, Promise<String> response, long atNanos) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private OnContext context;
    private Vertx vertx;

    @BeforeEach
    void setUp(Vertx vertx) {
        this.vertx = vertx;
        this.context = new OnContext(vertx.getOrCreateContext());
    }

    @Test
    void noMoreThanTheWindowAwaitResponses() throws Exception {
        SubmitWindow window = window(2, 10, 10_000, 100);
        List<Future<String>> results = context.call(() -> List.of(
                window.submit(List.of(part("a"))), window.submit(List.of(part("b"))), window.submit(List.of(part("c")))));
        assertEquals(2, sent.size());
        context.run(() -> sent.get(0).response().complete("id-a"));
        assertEquals("id-a", OnContext.await(results.get(0)));
        assertEquals(3, sent.size(), "a response frees the window for the next");
        assertEquals("c", sent.get(2).part().recipient());
        context.run(() -> {
            sent.get(1).response().complete("id-b");
            sent.get(2).response().complete("id-c");
        });
        assertEquals("id-c", OnContext.await(results.get(2)));
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        SubmitWindow window = window(1, 2, 10_000, 100);
        Future<String> refused = context.call(() -> {
            window.submit(List.of(part("a")));
            window.submit(List.of(part("b"), part("b")));
            return window.submit(List.of(part("c")));
        });
        Throwable e = OnContext.failure(refused);
        assertTrue(e.getMessage().contains("queue full"), e.getMessage());
        assertEquals(1, sent.size());
    }

    @Test
    void aMessageWaitingTooLongFailsAndLeavesTheQueue() throws Exception {
        SubmitWindow window = window(1, 2, 200, 100);
        List<Future<String>> results = context.call(() -> List.of(
                window.submit(List.of(part("a"))), window.submit(List.of(part("b"), part("b")))));
        assertInstanceOf(TimeoutException.class, OnContext.failure(results.get(1)));
        String queued = context.call(() -> {
            Future<String> next = window.submit(List.of(part("c"), part("c")));
            return next.failed() ? next.cause().getMessage() : "queued";
        });
        assertEquals("queued", queued, "the expired parts made room");
        context.run(() -> sent.get(0).response().complete("id-a"));
        assertEquals("id-a", OnContext.await(results.get(0)));
        assertFalse(sent.stream().anyMatch(s -> s.part().recipient().equals("b")), "b never went out");
    }

    @Test
    void aMessageOfPartsCompletesWithTheFirstIdOnceAllAreAccepted() throws Exception {
        SubmitWindow window = window(3, 10, 10_000, 100);
        Future<String> result = context.call(() -> window.submit(List.of(part("p1"), part("p2"), part("p3"))));
        assertEquals(3, sent.size());
        context.run(() -> {
            sent.get(2).response().complete("id-3");
            sent.get(0).response().complete("id-1");
        });
        assertFalse(result.isComplete());
        context.run(() -> sent.get(1).response().complete("id-2"));
        assertEquals("id-1", OnContext.await(result));
    }

    @Test
    void aRefusedPartFailsItsMessageAndItsOtherPartsAreNotSent() throws Exception {
        SubmitWindow window = window(1, 10, 10_000, 100);
        Future<String> result = context.call(() -> window.submit(List.of(part("p1"), part("p2"))));
        context.run(() -> sent.get(0).response().fail(new SubmitRefusedException(SMPPConstant.STAT_ESME_RINVDSTADR)));
        SubmitRefusedException e = assertInstanceOf(SubmitRefusedException.class, OnContext.failure(result));
        assertEquals(SMPPConstant.STAT_ESME_RINVDSTADR, e.commandStatus());
        Future<String> next = context.call(() -> window.submit(List.of(part("q"))));
        assertEquals(List.of("p1", "q"), sent.stream().map(s -> s.part().recipient()).toList());
        context.run(() -> sent.get(1).response().complete("id-q"));
        assertEquals("id-q", OnContext.await(next));
    }

    @Test
    void throttlingHoldsTheNextSubmitForASecond() throws Exception {
        SubmitWindow window = window(1, 10, 10_000, 100);
        List<Future<String>> results = context.call(() -> List.of(
                window.submit(List.of(part("a"))), window.submit(List.of(part("b")))));
        long refusedAt = System.nanoTime();
        context.run(() -> sent.get(0).response().fail(new SubmitRefusedException(SMPPConstant.STAT_ESME_RTHROTTLED)));
        assertInstanceOf(SubmitRefusedException.class, OnContext.failure(results.get(0)));
        awaitSent(2);
        assertTrue(sent.get(1).atNanos() - refusedAt >= SubmitWindow.THROTTLED_HOLD_MILLIS * 1_000_000,
                "b went out only after the hold");
    }

    @Test
    void theRateLimitSpacesSubmits() throws Exception {
        SubmitWindow window = window(10, 10, 10_000, 2);
        long start = System.nanoTime();
        context.run(() -> {
            for (int i = 0; i < 5; i++) {
                window.submit(List.of(part("r" + i))).onComplete(ar -> { });
            }
        });
        awaitSent(5);
        for (int i = 0; i < 5; i++) {
            assertTrue(sent.get(i).atNanos() - start >= (i / 2) * 1_000_000_000L, "submit " + i + " waited for its second");
        }
    }

    @Test
    void queuedMessagesFailWhenTheLinkGoesDown() throws Exception {
        SubmitWindow window = window(1, 10, 10_000, 100);
        List<Future<String>> results = context.call(() -> List.of(
                window.submit(List.of(part("a"))), window.submit(List.of(part("b")))));
        context.run(() -> window.failQueued("SMSC link lost"));
        assertEquals("SMSC link lost", OnContext.failure(results.get(1)).getMessage());
        assertFalse(results.get(0).isComplete(), "the one in flight waits for its response");
    }

    private SubmitWindow window(int size, int capacity, long maxWaitMillis, int perSecond) {
        return new SubmitWindow(vertx, size, capacity, maxWaitMillis, new RateLimiter(perSecond), part -> {
            Promise<String> response = Promise.promise();
            sent.add(new Sent(part, response, System.nanoTime()));
            return response.future();
        });
    }

    private void awaitSent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (sent.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, sent.size());
    }

    private static SubmitPart part(String recipient) {
        return new SubmitPart(recipient, 0, 4, new byte[] {1});
    }
}
