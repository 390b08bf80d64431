package imps.transport.sms.kannel;

import imps.transport.sms.MobileTerminated;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SendsmsRequestsTest {
    private static final KannelOptions OPTIONS = new KannelOptions(
            "http://kannel:13013/cgi-bin/sendsms", "imps", "p&ss w", "10.0.0.5", 8091, "/kannel/mo");
    private static final String DLR_URL = "http://10.0.0.5:8091/kannel/mo/dlr";

    private static Map<String, byte[]> query(String uri) {
        return QueryCodec.decode(uri.substring(uri.indexOf('?') + 1));
    }

    private static String param(Map<String, byte[]> params, String name) {
        byte[] value = params.get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Test
    void binaryWithPortGoesOutAsEightBitDataWithThePortHeader() {
        byte[] pts = {'W', 'V', ' ', 0, (byte) 0xFF, '%', '&', '+'};
        String uri = new SendsmsRequests(OPTIONS, "3590", DLR_URL)
                .submit(new MobileTerminated("+4915100001", 3590, pts, true), "id1");
        assertTrue(uri.startsWith("http://kannel:13013/cgi-bin/sendsms?username=imps&password=p%26ss%20w&"), uri);
        Map<String, byte[]> q = query(uri);
        assertEquals("p&ss w", param(q, "password"));
        assertEquals("3590", param(q, "from"));
        assertEquals("+4915100001", param(q, "to"));
        assertArrayEquals(pts, q.get("text"));
        assertEquals("1", param(q, "coding"));
        assertNull(q.get("charset"), "8-bit data has no charset");
        assertArrayEquals(new byte[] {6, 5, 4, 0x0E, 0x06, 0x0E, 0x06}, q.get("udh"));
    }

    @Test
    void gsmTextIsSevenBitUtf8AndOtherTextIsUcs2() {
        SendsmsRequests requests = new SendsmsRequests(OPTIONS, "3590", DLR_URL);
        Map<String, byte[]> gsm = query(requests.submit(
                new MobileTerminated("1", null, "WVCI 1.2 c00kie €".getBytes(StandardCharsets.UTF_8), false), "id"));
        assertEquals("0", param(gsm, "coding"));
        assertEquals("UTF-8", param(gsm, "charset"));
        assertEquals("WVCI 1.2 c00kie €", param(gsm, "text"));
        assertNull(gsm.get("udh"));

        Map<String, byte[]> ucs2 = query(requests.submit(
                new MobileTerminated("1", null, "Привет".getBytes(StandardCharsets.UTF_8), false), "id"));
        assertEquals("2", param(ucs2, "coding"));
        assertEquals("UTF-8", param(ucs2, "charset"), "Kannel converts the UTF-8 text to UCS-2 itself");
        assertEquals("Привет", param(ucs2, "text"));
    }

    @Test
    void cirTextToAPortIsTextWithThePortHeader() {
        Map<String, byte[]> q = query(new SendsmsRequests(OPTIONS, "3590", DLR_URL).submit(
                new MobileTerminated("1", 3716, "WVCI 1.2 abc".getBytes(StandardCharsets.UTF_8), false), "id"));
        assertEquals("0", param(q, "coding"));
        assertArrayEquals(new byte[] {6, 5, 4, 0x0E, (byte) 0x84, 0x0E, (byte) 0x84}, q.get("udh"));
    }

    @Test
    void deliveryReportsComeBackToTheListenerWithTheMessageId() {
        Map<String, byte[]> q = query(new SendsmsRequests(OPTIONS, "3590", DLR_URL).submit(
                new MobileTerminated("1", null, "x".getBytes(StandardCharsets.UTF_8), false), "Ab-_9"));
        assertEquals("19", param(q, "dlr-mask"));
        assertEquals("http://10.0.0.5:8091/kannel/mo/dlr?id=Ab-_9&status=%d", param(q, "dlr-url"));
    }

    @Test
    void withoutAReachableListenerNoReportsAreAskedFor() {
        Map<String, byte[]> q = query(new SendsmsRequests(OPTIONS, "3590", null).submit(
                new MobileTerminated("1", null, "x".getBytes(StandardCharsets.UTF_8), false), "id"));
        assertFalse(q.containsKey("dlr-mask"));
        assertFalse(q.containsKey("dlr-url"));
    }

    @Test
    void theProbeCarriesTheCredentialsAndAHeaderSmsboxMustRefuse() {
        String probe = new SendsmsRequests(OPTIONS, "3590", DLR_URL).probe();
        assertEquals("http://kannel:13013/cgi-bin/sendsms?username=imps&password=p%26ss%20w&from=3590&to=3590&udh=%05",
                probe);
        assertFalse(probe.contains("text="));
    }

    @Test
    void aSendsmsUrlWithItsOwnQueryIsExtended() {
        KannelOptions options = new KannelOptions("http://k/cgi-bin/sendsms?smsc=fake", "u", "p",
                "127.0.0.1", 1, "/mo");
        assertTrue(new SendsmsRequests(options, "3590", null).probe()
                .startsWith("http://k/cgi-bin/sendsms?smsc=fake&username=u&password=p&"));
    }
}
