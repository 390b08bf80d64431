package imps.transport.sms.smpp;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {

    @Test
    void aFullSecondWaitsForItsOldestSend() {
        RateLimiter limiter = new RateLimiter(3);
        for (long t : new long[] {0, 100, 200}) {
            assertEquals(0, limiter.delayMillis(t));
            limiter.sent(t);
        }
        assertEquals(700, limiter.delayMillis(300));
        assertEquals(0, limiter.delayMillis(1000), "the send at 0 left the window");
    }

    @Test
    void noOneSecondIntervalEverHoldsMoreThanTheLimit() {
        RateLimiter limiter = new RateLimiter(5);
        List<Long> sends = new ArrayList<>();
        for (long now = 0; now < 10_000; now += 7) {
            while (limiter.delayMillis(now) == 0) {
                limiter.sent(now);
                sends.add(now);
            }
        }
        for (int i = 5; i < sends.size(); i++) {
            assertTrue(sends.get(i) - sends.get(i - 5) >= 1000, "sends " + (i - 5) + " and " + i);
        }
        assertTrue(sends.size() >= 45, "and it does not hold back below the limit: " + sends.size());
    }

    @Test
    void holdingDelaysEvenAnEmptyWindow() {
        RateLimiter limiter = new RateLimiter(10);
        limiter.holdUntil(1500);
        assertEquals(1500, limiter.delayMillis(0));
        assertEquals(0, limiter.delayMillis(1500));
    }

    @Test
    void theLimitMustAllowSomething() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0));
    }
}
