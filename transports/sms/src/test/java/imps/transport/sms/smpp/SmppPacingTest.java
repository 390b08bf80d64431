package imps.transport.sms.smpp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import static imps.transport.sms.smpp.TestEsme.WAIT;
import static imps.transport.sms.smpp.TestEsme.data;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Window, rate limit and throttling against the simulator. Timing is only ever checked from below
 * (this cannot have happened sooner than that), which a slow machine cannot break.
 */
@ExtendWith(VertxExtension.class)
class SmppPacingTest {
    private static final String PHONE = "+447700900123";

    private Vertx vertx;
    private SmscSimulator smsc;
    private TestEsme esme;

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        this.vertx = vertx;
        smsc = SmscSimulator.start(TestEsme.SYSTEM_ID, TestEsme.PASSWORD);
    }

    @AfterEach
    void tearDown() throws Exception {
        smsc.releaseAllSubmitResponses();
        if (esme != null) {
            esme.close();
        }
        smsc.close();
    }

    @Test
    void noMoreThanTheWindowAwaitTheirResponse() throws Exception {
        start(TestEsme.options(smsc, 3, 1000));
        smsc.holdSubmitResponses();
        List<Future<String>> results = submitMany(8);
        smsc.awaitHeldSubmits(3, WAIT);
        assertEquals(3, smsc.submits().size(), "the window is full, the rest wait");
        for (int answered = 1; answered <= 5; answered++) {
            smsc.releaseSubmitResponses(1);
            smsc.awaitSubmits(3 + answered, WAIT);
            smsc.awaitHeldSubmits(3, WAIT);
        }
        smsc.releaseAllSubmitResponses();
        for (Future<String> result : results) {
            OnContext.await(result);
        }
        assertEquals(3, smsc.maxConcurrentSubmits());
        assertEquals(8, esme.center.counters().submitted());
    }

    @Test
    void submitsStayWithinTheRateLimit() throws Exception {
        start(TestEsme.options(smsc, 10, 5));
        long start = System.nanoTime();
        for (Future<String> result : submitMany(16)) {
            OnContext.await(result);
        }
        List<SmscSimulator.Submitted> arrived = smsc.submits();
        for (int i = 0; i < arrived.size(); i++) {
            long seconds = i / 5;
            assertTrue(arrived.get(i).receivedNanos() - start >= seconds * 1_000_000_000L,
                    "submit " + i + " came before second " + seconds + " began");
        }
    }

    @Test
    void aFullQueueRefusesAndALongWaitFails() throws Exception {
        // One in flight, one per second, 2 s to wait: room for two queued parts.
        start(TestEsme.options(smsc.host(), smsc.port(), 1, 1, 2000));
        smsc.holdSubmitResponses();
        List<Future<String>> results = submitMany(3);
        Throwable full = OnContext.failure(esme.submit(data(PHONE, 3590, new byte[] {9})));
        assertTrue(full.getMessage().contains("queue full"), full.getMessage());
        // Whether a queued one times out waiting or gets its turn when the first one's response
        // timed out and then times out itself is a race; either way it fails in time.
        for (Future<String> result : results) {
            assertInstanceOf(TimeoutException.class, OnContext.failure(result));
        }
        assertEquals(4, esme.center.counters().submitFailures());
        smsc.releaseAllSubmitResponses();
        esme.submitted(data(PHONE, 3590, new byte[] {10}));
        assertEquals(1, esme.center.counters().submitted());
    }

    @Test
    void throttlingFailsTheSubmitAndHoldsTheNextOneBack() throws Exception {
        start(TestEsme.options(smsc));
        smsc.throttleSubmits(true);
        SubmitRefusedException refused = assertInstanceOf(SubmitRefusedException.class,
                OnContext.failure(esme.submit(data(PHONE, 3590, new byte[] {1}))));
        assertTrue(refused.throttled());
        smsc.throttleSubmits(false);
        esme.submitted(data(PHONE, 3590, new byte[] {2}));
        long throttledAt = smsc.throttleTimes().get(0);
        assertTrue(smsc.submits().get(0).receivedNanos() - throttledAt >= SubmitWindow.THROTTLED_HOLD_MILLIS * 1_000_000,
                "the next submit waited out the hold");
    }

    private void start(SmppOptions options) throws Exception {
        esme = TestEsme.start(vertx, options);
        esme.awaitConnected(true);
    }

    private List<Future<String>> submitMany(int count) throws Exception {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(esme.submit(data(PHONE, 3590, new byte[] {(byte) i})));
        }
        return results;
    }
}
