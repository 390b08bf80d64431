package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The CSP 1.3 login-time system message that must be answered (OMA-TS-IMPS_CSP-V1_3 §7.1: 436, 607). */
class SystemMessageLoginTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_LOGIN_SYSTEM_MESSAGE_ENABLED", "true",
                "IMPS_LOGIN_SYSTEM_MESSAGE_MAX_NON_CONFORMANT_REPLIES", "2",
                "IMPS_CSP_VERSIONS", "1.2,1.3"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static Element login(String clientUrl, String chosen) {
        Element.Builder b = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(clientUrl))
                .leaf("Password", "secret").leaf("SessionCookie", "k");
        if (chosen != null) {
            b.add(Element.of("SystemMessageResponseList", Element.builder("SystemMessageResponse")
                    .leaf("SystemMessageID", "terms").leaf("ChosenOptionID", chosen).build()));
        }
        return b.build();
    }

    @Test
    void loginWithoutAnswerGets436WithTheMessageThenSucceedsWithAConformantAnswer() {
        Reply first = client.request(CspVersion.V1_3, null, login("sm-ok", null));
        assertEquals(436, first.code());
        Element message = first.primitive().child("Result").child("SystemMessageList").child("SystemMessage");
        assertEquals("terms", message.childText("SystemMessageID"));
        assertNotNull(message.childText("SystemMessageText"));
        assertEquals(2, message.child("AnswerOptions").children("AnswerOption").size());
        Reply second = client.request(CspVersion.V1_3, null, login("sm-ok", "1"));
        assertEquals(200, second.code());
        assertNotNull(second.primitive().childText("SessionID"));
    }

    @Test
    void tooManyNonConformantAnswersGive607() {
        assertEquals(436, client.request(CspVersion.V1_3, null, login("sm-bad", "2")).code());
        assertEquals(607, client.request(CspVersion.V1_3, null, login("sm-bad", "2")).code());
        assertEquals(607, client.request(CspVersion.V1_3, null, login("sm-bad", "1")).code(), "locked out for a while");
    }

    @Test
    void olderVersionsAreNotAskedAndDisabledVersionsGet505() {
        assertEquals(200, client.request(CspVersion.V1_2, null, login("sm-12", null)).code());
        Reply r = client.request(CspVersion.V1_1, null, login("sm-11", null));
        assertEquals(505, r.code());
        assertEquals(CspVersion.V1_1, r.message().version(), "answered in the client's own version");
    }
}
