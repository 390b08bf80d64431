package imps.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionPolicyTest {

    @Test
    void autoKeepsFiveKeepAliveTimesClampedToTenMinutesAndOneDay() {
        RetentionPolicy auto = RetentionPolicy.parse("auto");
        assertEquals(RetentionPolicy.Mode.AUTO, auto.mode());
        assertTrue(auto.enabled());
        assertEquals(600, auto.secondsFor(30), "5 x 30 = 150 is raised to 600");
        assertEquals(600, auto.secondsFor(120), "5 x 120 = 600 exactly");
        assertEquals(3000, auto.secondsFor(600));
        assertEquals(36025, auto.secondsFor(7205));
        assertEquals(86400, auto.secondsFor(17280));
        assertEquals(86400, auto.secondsFor(20000), "capped at 24 h");
        assertEquals(86400, auto.secondsFor(Integer.MAX_VALUE), "no int overflow");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AUTO", " auto ", ""})
    void autoIsTheDefaultSpelling(String setting) {
        assertEquals(RetentionPolicy.Mode.AUTO, RetentionPolicy.parse(setting).mode());
    }

    @Test
    void missingSettingMeansAuto() {
        assertEquals(RetentionPolicy.Mode.AUTO, RetentionPolicy.parse(null).mode());
    }

    @Test
    void zeroDisablesRetention() {
        RetentionPolicy off = RetentionPolicy.parse("0");
        assertFalse(off.enabled());
        assertEquals(0, off.secondsFor(600));
    }

    @Test
    void fixedSecondsIgnoreKeepAliveTime() {
        RetentionPolicy fixed = RetentionPolicy.parse("3600");
        assertEquals(RetentionPolicy.Mode.FIXED, fixed.mode());
        assertTrue(fixed.enabled());
        assertEquals(3600, fixed.secondsFor(30));
        assertEquals(3600, fixed.secondsFor(100000));
    }

    @Test
    void infiniteKeepsForever() {
        RetentionPolicy inf = RetentionPolicy.parse("Infinite");
        assertEquals(RetentionPolicy.Mode.INFINITE, inf.mode());
        assertTrue(inf.enabled());
        assertEquals(Long.MAX_VALUE, inf.secondsFor(600));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "forever", "10m"})
    void invalidSettingsAreRefused(String setting) {
        assertThrows(IllegalArgumentException.class, () -> RetentionPolicy.parse(setting));
    }
}
