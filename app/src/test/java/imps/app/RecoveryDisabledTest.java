package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * With retention 0 nothing is kept, so recovery is refused with 502 (OMA-TS-IMPS_CSP-V1_3 §7.1.1 replaces
 * the 501 of OMA-TS-IMPS_CSP_Transport §6; docs/conformance.md).
 */
class RecoveryDisabledTest {
    @Test
    void retentionZeroAnswers502() throws Exception {
        try (TestNode node = TestNode.start(Map.of("IMPS_SESSION_RETENTION", "0"))) {
            CspClient client = node.client();
            String sid = client.login(CspVersion.V1_3, "alice", "secret", "off");
            Reply r = client.send(new CspMessage(CspVersion.V1_3, SessionType.INBAND, sid, List.of(new Transaction(
                    TransactionMode.REQUEST, "1", CspClient.login2way("alice", "secret", "off", null))), null, null));
            assertEquals(502, r.code());
            assertEquals(200, client.request(CspVersion.V1_3, sid, Element.empty("KeepAlive-Request")).code(),
                    "the live session itself is not affected");
        }
    }
}
