package imps.transport.sms.kannel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryReportTest {

    private static DeliveryReport parse(String query) {
        return DeliveryReport.parse(QueryCodec.decode(query));
    }

    @Test
    void deliveredAndFinalFailuresAreTold() {
        DeliveryReport delivered = parse("id=abc_-1&status=1");
        assertEquals("abc_-1", delivered.id());
        assertTrue(delivered.delivered());
        assertTrue(parse("id=a&status=2").undeliverable());
        assertTrue(parse("id=a&status=16").undeliverable(), "rejected by the SMSC");
    }

    @Test
    void intermediateReportsAreNeither() {
        for (String status : new String[] {"4", "8"}) {
            DeliveryReport report = parse("id=a&status=" + status);
            assertFalse(report.delivered());
            assertFalse(report.undeliverable());
        }
    }

    @Test
    void theMaskAsksForTheFinalReports() {
        assertEquals(19, DeliveryReport.MASK);
    }

    @Test
    void missingOrNonNumericFieldsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> parse("status=1"));
        assertThrows(IllegalArgumentException.class, () -> parse("id=a"));
        assertThrows(IllegalArgumentException.class, () -> parse("id=a&status=%d"), "an unexpanded escape");
    }
}
