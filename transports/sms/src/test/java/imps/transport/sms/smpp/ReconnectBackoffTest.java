package imps.transport.sms.smpp;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReconnectBackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsOverAfterABind() {
        ReconnectBackoff backoff = new ReconnectBackoff(1000, 6000);
        assertEquals(1000, backoff.nextDelayMillis());
        assertEquals(2000, backoff.nextDelayMillis());
        assertEquals(4000, backoff.nextDelayMillis());
        assertEquals(6000, backoff.nextDelayMillis());
        assertEquals(6000, backoff.nextDelayMillis());
        backoff.reset();
        assertEquals(1000, backoff.nextDelayMillis());
    }

    @Test
    void theRangeMustMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(10, 5));
    }
}
