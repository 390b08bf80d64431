package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Login (OMA-TS-IMPS_CSP-V1_3 §7.1) over real HTTP, in every version. */
class LoginTest {
    private static TestNode node;
    private static CspClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "100", "IMPS_LOGIN_NONCE_TTL_SECONDS", "2"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String unique(String base) {
        return base + "-" + System.nanoTime();
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void twoWayLoginReturnsSessionIdKeepAliveAndCapabilityRequest(CspVersion v) {
        Reply r = client.request(v, null, CspClient.login2way("wv:alice@example.net", "secret", unique("c"), 1200));
        assertEquals(200, r.status());
        assertEquals(v.xmlContentType(), r.contentType());
        assertEquals(v, r.message().version());
        assertEquals(SessionType.OUTBAND, r.message().sessionType(), "login answers are outband");
        Element p = r.primitive();
        assertEquals("Login-Response", p.name());
        assertEquals("ClientID", p.children().get(0).name(), "ClientID echoed first");
        assertEquals(200, r.code());
        String sid = p.childText("SessionID");
        assertNotNull(sid);
        assertTrue(sid.length() >= 22 && sid.matches("[A-Za-z0-9_-]+"), "128-bit URL-safe Session-ID: " + sid);
        assertEquals("1200", p.childText("KeepAliveTime"), "KeepAliveTime follows the requested TimeToLive");
        assertEquals("T", p.childText("CapabilityRequest"));
    }

    @Test
    void sessionIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            String sid = client.login(CspVersion.V1_2, "carol", "secret", unique("u"));
            assertTrue(ids.add(sid));
        }
    }

    @Test
    void keepAliveTimeIsCappedAndNeverBelowMinimum() {
        Reply high = client.request(CspVersion.V1_2, null, CspClient.login2way("alice", "secret", unique("hi"), 999_999));
        assertEquals(String.valueOf(node.config().session().keepAliveMaxSeconds()), high.primitive().childText("KeepAliveTime"));
        Reply low = client.request(CspVersion.V1_2, null, CspClient.login2way("alice", "secret", unique("lo"), 1));
        assertEquals(String.valueOf(node.config().session().keepAliveMinSeconds()), low.primitive().childText("KeepAliveTime"));
        Reply none = client.request(CspVersion.V1_2, null, CspClient.login2way("alice", "secret", unique("no"), null));
        assertEquals(String.valueOf(node.config().session().keepAliveDefaultSeconds()), none.primitive().childText("KeepAliveTime"));
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void wrongPasswordIs409UnknownUserIs531DisabledUserIs403(CspVersion v) {
        Reply wrong = client.request(v, null, CspClient.login2way("alice", "nope", unique("w"), null));
        assertEquals(409, wrong.code());
        assertNull(wrong.primitive().childText("SessionID"));
        assertEquals(531, client.request(v, null, CspClient.login2way("nobody", "x", unique("n"), null)).code());
        assertEquals(531, client.request(v, null, CspClient.login2way("alice@other.org", "secret", unique("d"), null)).code(),
                "a foreign domain is another user");
        assertEquals(403, client.request(v, null, CspClient.login2way("mallory", "secret", unique("m"), null)).code());
    }

    @Test
    void userIdsAreComparedWithoutSchemeCaseOrHomeDomain() {
        assertEquals(200, client.request(CspVersion.V1_2, null, CspClient.login2way("BOB", "secret", unique("b1"), null)).code());
        assertEquals(200, client.request(CspVersion.V1_2, null, CspClient.login2way("wv:bob", "secret", unique("b2"), null)).code());
        assertEquals(200, client.request(CspVersion.V1_2, null, CspClient.login2way("wv:Bob@EXAMPLE.NET", "secret", unique("b3"), null)).code());
    }

    @ParameterizedTest
    @EnumSource(CspVersion.class)
    void fourWayLoginWithMd5AndSha(CspVersion v) {
        for (String schema : List.of("MD5", "SHA")) {
            Reply r = client.login4way(v, "alice", "secret", unique("4w" + schema), schema);
            assertEquals(200, r.code(), r.text());
            assertNotNull(r.primitive().childText("SessionID"));
        }
    }

    @Test
    void challengeIs401WithNonceAndChosenSchemaAndNoSessionId() {
        Element round1 = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(unique("ch")))
                .leaf("DigestSchema", "SHA").leaf("DigestSchema", "MD5").leaf("SessionCookie", "k").build();
        Reply r = client.request(CspVersion.V1_2, null, round1);
        assertEquals(401, r.code());
        Element p = r.primitive();
        assertNotNull(p.childText("Nonce"));
        assertEquals("MD5", p.childText("DigestSchema"), "the server's preferred scheme among those offered");
        assertNull(p.childText("SessionID"));
        assertTrue(p.childText("Nonce").length() >= 22, "nonce has 128 bits");
    }

    @Test
    void noncesAreFreshSingleUseAndShortLived() throws InterruptedException {
        String clientUrl = unique("nonce");
        Element round1 = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(clientUrl))
                .leaf("DigestSchema", "MD5").leaf("SessionCookie", "k1").build();
        String n1 = client.request(CspVersion.V1_2, null, round1).primitive().childText("Nonce");
        String n2 = client.request(CspVersion.V1_2, null, round1).primitive().childText("Nonce");
        assertNotEquals(n1, n2, "every challenge gets a new nonce");
        Element round2 = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(clientUrl))
                .leaf("DigestBytes", imps.auth.PasswordDigest.digest("MD5", n2, "secret")).leaf("SessionCookie", "k1").build();
        Reply ok = client.request(CspVersion.V1_2, null, round2);
        assertEquals(200, ok.code());
        client.request(CspVersion.V1_2, ok.primitive().childText("SessionID"), Element.empty("Logout-Request"));
        Reply replay = client.request(CspVersion.V1_2, null, round2);
        assertEquals(409, replay.code(), "a used nonce cannot be replayed");

        String n3 = client.request(CspVersion.V1_2, null, round1).primitive().childText("Nonce");
        Thread.sleep(3500);
        Element late = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(clientUrl))
                .leaf("DigestBytes", imps.auth.PasswordDigest.digest("MD5", n3, "secret")).leaf("SessionCookie", "k1").build();
        assertEquals(409, client.request(CspVersion.V1_2, null, late).code(), "an expired nonce is refused");
    }

    @Test
    void wrongDigestIs409() {
        String clientUrl = unique("wd");
        Element round1 = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(clientUrl))
                .leaf("DigestSchema", "MD5").leaf("SessionCookie", "k").build();
        String nonce = client.request(CspVersion.V1_3, null, round1).primitive().childText("Nonce");
        Element round2 = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(clientUrl))
                .leaf("DigestBytes", imps.auth.PasswordDigest.digest("MD5", nonce, "wrong")).leaf("SessionCookie", "k").build();
        assertEquals(409, client.request(CspVersion.V1_3, null, round2).code());
    }

    @Test
    void noMatchingDigestSchemeIs543() {
        Element round1 = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(unique("md4")))
                .leaf("DigestSchema", "MD4").leaf("DigestSchema", "PWD").leaf("SessionCookie", "k").build();
        assertEquals(543, client.request(CspVersion.V1_2, null, round1).code());
    }

    @Test
    void commaSeparatedSchemaListOfWv11IsUnderstood() {
        Element round1 = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId(unique("11")))
                .leaf("DigestSchema", "PWD,SHA,MD4,MD5,MD6").leaf("SessionCookie", "k").build();
        Reply r = client.request(CspVersion.V1_1, null, round1);
        assertEquals(401, r.code());
        assertEquals("MD5", r.primitive().childText("DigestSchema"));
    }

    @Test
    void clientIdOfALiveSessionIs608AndFreeAgainAfterLogout() {
        String clientUrl = unique("dup");
        String sid = client.login(CspVersion.V1_3, "alice", "secret", clientUrl);
        Reply dup = client.request(CspVersion.V1_3, null, CspClient.login2way("alice", "secret", clientUrl, null));
        assertEquals(608, dup.code());
        assertNull(dup.primitive().childText("SessionID"));
        assertEquals(200, client.request(CspVersion.V1_3, null, CspClient.login2way("carol", "secret", clientUrl, null)).code(),
                "a Client-ID is unique per user only");
        client.request(CspVersion.V1_3, sid, Element.empty("Logout-Request"));
        assertEquals(200, client.request(CspVersion.V1_3, null, CspClient.login2way("alice", "secret", clientUrl, null)).code());
    }

    @Test
    void loginWithoutClientIdOrCredentialsIsStatus400() {
        Element noClient = Element.builder("Login-Request").leaf("UserID", "alice").leaf("Password", "secret")
                .leaf("SessionCookie", "k").build();
        Reply r = client.request(CspVersion.V1_2, null, noClient);
        assertEquals("Status", r.primitive().name());
        assertEquals(400, r.code());
        Element noCredentials = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId("x"))
                .leaf("SessionCookie", "k").build();
        Reply r2 = client.request(CspVersion.V1_2, null, noCredentials);
        assertEquals("Status", r2.primitive().name());
        assertEquals(400, r2.code());
        Element noCookie = Element.builder("Login-Request").leaf("UserID", "alice").add(CspClient.clientId("nc"))
                .leaf("Password", "secret").build();
        Reply r3 = client.request(CspVersion.V1_2, null, noCookie);
        assertEquals("Status", r3.primitive().name());
        assertEquals(400, r3.code(), "the SessionCookie is mandatory: CIRs quote it");
    }

    @Test
    void piggyBackedNegotiationIn13LoginIsAnsweredInline() {
        Element login = Element.builder("Login-Request")
                .leaf("UserID", "alice").add(CspClient.clientId(unique("pig")))
                .leaf("Password", "secret").leaf("SessionCookie", "k")
                .add(Element.of("CapabilityList", Element.leaf("ClientType", "MOBILE_PHONE"),
                        Element.leaf("SupportedBearer", "HTTP"), Element.leaf("SupportedCIRMethod", "STCP"),
                        Element.leaf("ServerPollMin", "45")))
                .add(Element.of("Functions", Element.of("WVCSPFeat", Element.empty("FundamentalFeat"))))
                .leaf("AllFunctionsRequest", "T")
                .build();
        Reply r = client.request(CspVersion.V1_3, null, login);
        assertEquals(200, r.code());
        Element p = r.primitive();
        assertEquals("F", p.childText("CapabilityRequest"),
                "capabilities were negotiated inline (OMA-TS-IMPS_CSP-V1_3 §7.1)");
        assertEquals("45", p.child("AgreedCapabilityList").childText("ServerPollMin"));
        assertNotNull(p.child("AllFunctions"));
        String sid = p.childText("SessionID");
        Reply info = client.request(CspVersion.V1_3, sid, Element.empty("GetSPInfo-Request"));
        assertEquals("GetSPInfo-Response", info.primitive().name(), "services agreed inline are usable at once");
    }
}
