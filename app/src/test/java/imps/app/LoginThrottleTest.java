package imps.app;

import imps.app.SourceClient.Answer;
import imps.throttle.LoginThrottle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Login throttling over real HTTP (login.throttle.*), with clients on several loopback addresses
 * against two nodes of one cluster: failures counted on one node refuse on the other, a refused login
 * is a Login-Response with 503 whatever its password, and the user's own logins from elsewhere still
 * succeed while an attacker is refused.
 */
class LoginThrottleTest {
    private static final int PER_SOURCE = 5;
    private static final int PER_USER = 3;
    private static TestNode first;
    private static TestNode second;

    @BeforeAll
    static void start() {
        String name = TestNode.uniqueClusterName();
        String port = Integer.toString(TestNode.freePort());
        String members = "127.0.0.1:" + port;
        Map<String, String> throttle = Map.of("IMPS_LOGIN_THROTTLE_MAX_FAILURES_PER_SOURCE", Integer.toString(PER_SOURCE),
                "IMPS_LOGIN_THROTTLE_MAX_FAILURES_PER_USER", Integer.toString(PER_USER),
                "IMPS_LOGIN_THROTTLE_MAX_NONCES_PER_SOURCE", "3",
                "IMPS_SESSION_MAX_SESSIONS_PER_USER", "50",
                "IMPS_HTTP_TRUSTED_PROXIES", "127.0.0.20,127.0.0.24/30");
        java.util.HashMap<String, String> a = new java.util.HashMap<>(throttle);
        a.putAll(Map.of("IMPS_CLUSTER_NAME", name, "IMPS_CLUSTER_PORT", port, "IMPS_CLUSTER_MEMBERS", members));
        java.util.HashMap<String, String> b = new java.util.HashMap<>(throttle);
        b.putAll(Map.of("IMPS_CLUSTER_NAME", name, "IMPS_CLUSTER_MEMBERS", members));
        first = TestNode.start(a);
        second = TestNode.start(b);
    }

    @AfterAll
    static void stop() throws Exception {
        second.close();
        first.close();
    }

    private static SourceClient from(String address, TestNode node) {
        return new SourceClient(address, node.config().http().port());
    }

    /**
     * An attacker guessing dave's password is refused once dave has PER_USER failures, without its
     * guesses being checked, while dave logs in from his own address; a guess of his own from there
     * then makes his address one that failed for him, which is refused too until the window ends.
     */
    @Test
    void aUserUnderAttackStillLogsInFromElsewhere() {
        SourceClient attacker = from("127.0.0.2", first);
        for (int i = 0; i < PER_USER; i++) {
            assertEquals(409, attacker.login("dave", "guess" + i, "atk-" + i).code());
        }
        Answer refused = attacker.login("dave", "secret", "atk-right");
        assertEquals(503, refused.code(), "the attacker is refused even with the right password: it is not checked");
        assertEquals("Login-Response", refused.primitive().name());
        assertEquals(null, refused.primitive().childText("SessionID"));
        assertEquals(503, from("127.0.0.2", second).login("dave", "secret", "atk-other-node").code(),
                "the counts are the cluster's: the other node refuses as well");

        SourceClient dave = from("127.0.0.3", second);
        Answer own = dave.login("dave", "secret", "dave-phone");
        assertEquals(200, own.code(), "the attacker's failures do not lock dave out where he logs in from");
        assertNotNull(own.primitive().childText("SessionID"));
        assertEquals(409, dave.login("dave", "typo", "dave-typo").code(), "his own address is still checked");
        assertEquals(503, dave.login("dave", "secret", "dave-again").code(),
                "after failing for a user under attack an address is refused for that user until the window ends");
        assertEquals(200, from("127.0.0.3", first).login("erin", "secret", "erin-same-address").code(),
                "the rule is per user: other users at that address are checked as usual");
    }

    /** An address with PER_SOURCE failures, whatever the users, is refused for every user. */
    @Test
    void anAddressWithTooManyFailuresIsRefusedForEveryUser() throws Exception {
        SourceClient sprayer = from("127.0.0.4", first);
        String[] users = {"frank", "grace", "ghost-1", "heidi", "ghost-2"};
        for (int i = 0; i < PER_SOURCE; i++) {
            int expected = users[i].startsWith("ghost") ? 531 : 409;
            assertEquals(expected, (i % 2 == 0 ? sprayer : from("127.0.0.4", second)).login(users[i], "nope", "spray-" + i).code());
        }
        assertEquals(503, sprayer.login("ivan", "secret", "spray-right").code(), "refused for a user it never tried");
        assertEquals(503, from("127.0.0.4", second).login("ghost-3", "x", "spray-unknown").code(),
                "and for unknown users: the account is not even looked up");
        assertEquals(200, from("127.0.0.5", first).login("ivan", "secret", "ivan-own").code(), "other addresses are not affected");
        LoginThrottle.Counters counts = first.node().core().loginThrottle().counters();
        assertTrue(counts.refusedBySource() >= 1 && counts.failures() >= 3, "counted: " + counts);
        Scrape scrape = Scrape.of(first);
        assertEquals(counts.refusedBySource(), scrape.sum("imps_login_throttle_total", "event", "refused_source"),
                "published on the management port: " + counts);
        assertTrue(scrape.sum("imps_login_throttle_total", "event", "failure") >= counts.failures());
    }

    /**
     * Behind a load balancer listed in http.trustedProxies the address that counts is the one it
     * forwards: one client behind it is refused, another is not. A client that is not a trusted proxy
     * cannot choose its address with the header.
     */
    @Test
    void behindATrustedProxyTheForwardedAddressCounts() {
        for (int i = 0; i < PER_SOURCE; i++) {
            String proxy = i % 2 == 0 ? "127.0.0.20" : "127.0.0.25";
            assertEquals(531, new SourceClient(proxy, first.config().http().port(), forwarded("203.0.113.7"))
                    .login("ghost-lb-" + i, "nope", "lb-" + i).code());
        }
        assertEquals(503, new SourceClient("127.0.0.20", second.config().http().port(), forwarded("203.0.113.7"))
                .login("mike", "secret", "lb-refused").code(), "the forwarded address is refused");
        assertEquals(200, new SourceClient("127.0.0.20", first.config().http().port(), forwarded("203.0.113.8"))
                .login("mike", "secret", "lb-other-client").code(), "another client behind the same proxy is not");
        assertEquals(503, new SourceClient("127.0.0.20", first.config().http().port(), forwarded("203.0.113.7, 127.0.0.24"))
                .login("nina", "secret", "lb-two-hops").code(),
                "a chain of trusted proxies is walked from the right: the client before them is the one refused");
        SourceClient spoofer = new SourceClient("127.0.0.21", first.config().http().port(), forwarded("203.0.113.8"));
        for (int i = 0; i < PER_SOURCE; i++) {
            assertEquals(531, spoofer.login("ghost-spoof-" + i, "x", "spoof-" + i).code());
        }
        assertEquals(200, new SourceClient("127.0.0.20", first.config().http().port(), forwarded("203.0.113.8"))
                .login("mike", "secret", "lb-not-spoofed").code(),
                "X-Forwarded-For from an address that is no trusted proxy names nobody");
        assertEquals(503, from("127.0.0.21", first).login("mike", "secret", "spoofer-itself").code(),
                "its failures count for its own address");
    }

    private static String forwarded(String chain) {
        return "X-Forwarded-For: " + chain + "\r\n";
    }

    /** An address gets a bounded number of 4-way challenges per nonce lifetime; others are not affected. */
    @Test
    void fourWayChallengesPerAddressAreBounded() {
        SourceClient asker = from("127.0.0.6", first);
        for (int i = 0; i < 3; i++) {
            assertEquals(401, asker.challenge("judy", "nonce-" + i).code());
        }
        assertEquals(503, asker.challenge("judy", "nonce-4").code());
        assertEquals(503, from("127.0.0.6", second).challenge("ken", "nonce-5").code(), "cluster-wide");
        assertEquals(401, from("127.0.0.7", first).challenge("judy", "nonce-6").code());
        assertTrue(first.node().core().loginThrottle().counters().refusedChallenges()
                + second.node().core().loginThrottle().counters().refusedChallenges() >= 2);
    }
}
