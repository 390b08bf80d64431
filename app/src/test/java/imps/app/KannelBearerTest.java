package imps.app;

import imps.codec.DecodeException;
import imps.codec.pts.PtsDecoder;
import imps.codec.pts.PtsLimits;
import imps.protocol.CspMessage;
import imps.transport.sms.UserDataHeader;
import imps.transport.sms.kannel.FakeSmscMessage;
import imps.transport.sms.kannel.KannelFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The SMS bearer through a real Kannel (bearerbox, smsbox and its fake SMSC, on loopback): PTS in
 * port-addressed data SMS comes in through smsbox's sms-service, the answers go out through
 * sendsms, with the same codec and router as over SMPP.
 */
class KannelBearerTest {
    private static final String GATEWAY_NUMBER = "3590";
    private static final String PHONE = "4917100001";
    private static final UserDataHeader DATA_PORTS = UserDataHeader.ports(3590, 3590);
    private static KannelFixture kannel;
    private static TestNode node;
    private final PtsDecoder decoder = new PtsDecoder(PtsLimits.DEFAULT);

    @BeforeAll
    static void start() {
        int moPort = KannelFixture.freePort();
        kannel = KannelFixture.start(moPort, "/kannel/mo");
        var k = kannel.options();
        node = TestNode.start(Map.of(
                "IMPS_SMS_ENABLED", "true",
                "IMPS_SMS_CONNECTOR", "kannel",
                "IMPS_SMS_ADDRESS", GATEWAY_NUMBER,
                "IMPS_SMS_KANNEL_SENDSMS_URL", k.sendsmsUrl(),
                "IMPS_SMS_KANNEL_USERNAME", k.username(),
                "IMPS_SMS_KANNEL_PASSWORD", k.password(),
                "IMPS_SMS_KANNEL_MO_HOST", k.moHost(),
                "IMPS_SMS_KANNEL_MO_PORT", Integer.toString(k.moPort()),
                "IMPS_SMS_KANNEL_MO_PATH", k.moPath()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (kannel != null) {
            kannel.close();
        }
    }

    private CspMessage exchange(String pts) throws DecodeException {
        int before = kannel.mtMessages().size();
        kannel.injectData(PHONE, GATEWAY_NUMBER, DATA_PORTS, pts.getBytes(StandardCharsets.UTF_8));
        FakeSmscMessage mt = kannel.awaitMt(m -> m.receiver().endsWith(PHONE) && kannel.mtMessages().indexOf(m) >= before,
                Duration.ofSeconds(30));
        assertEquals(3590, mt.destinationPort(), "answers go back to the PTS port");
        return decoder.decode(mt.payload());
    }

    @Test
    void loginAndKeepAliveThroughKannel() throws DecodeException {
        CspMessage login = exchange("WV12LR1 CI=http://phone.example.net/k TL=600 SC=wv:judy.k PW=secret UI=wv:judy");
        assertEquals("Login-Response", login.first().primitiveName());
        assertEquals("200", login.first().primitive().child("Result").childText("Code"));
        String sid = login.first().primitive().childText("SessionID");
        assertNotNull(sid);

        CspMessage alive = exchange("WV12KA2 SI=" + sid + " TL=700");
        assertEquals("KeepAlive-Response", alive.first().primitiveName());
        assertEquals(sid, alive.sessionId());
        assertEquals("700", alive.first().primitive().childText("KeepAliveTime"));
    }
}
