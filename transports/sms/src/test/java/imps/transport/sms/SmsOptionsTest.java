package imps.transport.sms;

import imps.transport.sms.kannel.KannelOptions;
import imps.transport.sms.smpp.SmppOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SMS bearer's options refuse what cannot work, naming the configuration key. */
class SmsOptionsTest {

    private static void refused(String key, Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void theShippedValuesAreAccepted() {
        assertDoesNotThrow(() -> new SmsOptions("3590", 3590, 3716, 133, 60, 4, 30));
        assertDoesNotThrow(() -> new SmppOptions("127.0.0.1", 2775, "imps", "secret", "", 30, 1, 60, 10, 50, 10_000, true));
        assertDoesNotThrow(() -> new KannelOptions("http://127.0.0.1:13013/cgi-bin/sendsms", "imps", "secret",
                "127.0.0.1", 8091, "/kannel/mo"));
    }

    @Test
    void badBearerValuesNameTheirKey() {
        refused("sms.address", () -> new SmsOptions(" ", 3590, 3716, 133, 60, 4, 30));
        refused("sms.dataPort", () -> new SmsOptions("3590", 0, 3716, 133, 60, 4, 30));
        refused("must differ", () -> new SmsOptions("3590", 3590, 3590, 133, 60, 4, 30));
        refused("sms.maxSegmentBytes", () -> new SmsOptions("3590", 3590, 3716, 141, 60, 4, 30));
        refused("sms.reassemblyTimeoutSeconds", () -> new SmsOptions("3590", 3590, 3716, 133, 0, 4, 30));
        refused("sms.cirMinIntervalSeconds", () -> new SmsOptions("3590", 3590, 3716, 133, 60, 4, -1));
    }

    @Test
    void smppFieldsKeepToTheirProtocolLengths() {
        refused("sms.smpp.systemId", () -> new SmppOptions("h", 2775, "a-system-id-too-long", "pw", "", 30, 1, 60, 10, 50, 1000, true));
        refused("sms.smpp.password", () -> new SmppOptions("h", 2775, "imps", "123456789", "", 30, 1, 60, 10, 50, 1000, true));
        refused("reconnectMaxSeconds", () -> new SmppOptions("h", 2775, "imps", "pw", "", 30, 10, 5, 10, 50, 1000, true));
        refused("sms.smpp.port", () -> new SmppOptions("h", 70000, "imps", "pw", "", 30, 1, 60, 10, 50, 1000, true));
    }

    @Test
    void kannelNeedsAnHttpUrlAndAnAbsolutePath() {
        refused("sms.kannel.sendsmsUrl", () -> new KannelOptions("ftp://k/sendsms", "u", "p", "127.0.0.1", 8091, "/mo"));
        refused("sms.kannel.moPath", () -> new KannelOptions("http://k/sendsms", "u", "p", "127.0.0.1", 8091, "mo"));
    }

    @Test
    void theConnectorIsReadWhateverItsCase() {
        assertEquals(SmsConnector.KANNEL, SmsConnector.parse(" Kannel "));
        assertEquals("smpp", SmsConnector.SMPP.label());
        refused("sms.connector", () -> SmsConnector.parse("http"));
    }
}
