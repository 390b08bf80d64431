package imps.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeepAlivePolicyTest {
    private final KeepAlivePolicy policy = new KeepAlivePolicy(600, 30, 3600);

    @Test
    void loginWithoutTimeToLiveGetsTheDefault() {
        assertEquals(600, policy.forLogin(null));
        assertEquals(600, policy.forLogin(0));
        assertEquals(600, policy.forLogin(-5));
    }

    @Test
    void loginTimeToLiveIsKeptWithinBounds() {
        assertEquals(1200, policy.forLogin(1200));
        assertEquals(30, policy.forLogin(30));
        assertEquals(30, policy.forLogin(5), "raised to the minimum");
        assertEquals(3600, policy.forLogin(3600));
        assertEquals(3600, policy.forLogin(7205), "capped at the maximum");
    }

    @Test
    void keepAliveRefusesValuesAboveTheMaximumOrNotPositive() {
        assertEquals(-1, policy.forKeepAlive(3601));
        assertEquals(-1, policy.forKeepAlive(0));
        assertEquals(-1, policy.forKeepAlive(-1));
    }

    @Test
    void keepAliveAcceptsValuesUpToTheMaximumAndRaisesShortOnes() {
        assertEquals(3600, policy.forKeepAlive(3600));
        assertEquals(1200, policy.forKeepAlive(1200));
        assertEquals(30, policy.forKeepAlive(1));
    }
}
