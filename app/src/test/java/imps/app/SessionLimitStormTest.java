package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * session.maxSessions under a login storm: concurrent logins beyond the limit are each answered 609
 * (a Login-Response without Session-ID), exactly as many as the limit are admitted, the node stays
 * ready and the sessions already in keep working; a slot freed during a storm is taken by exactly one
 * login. The figures under load are in docs/benchmarks.md (bench/session-limit.sh).
 */
class SessionLimitStormTest {
    private static final int LIMIT = 20;
    private static final int STORM = 80;
    private static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_SESSION_MAX_SESSIONS", Integer.toString(LIMIT),
                "IMPS_SESSION_MAX_SESSIONS_PER_USER", "1000"));
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void aStormBeyondTheLimitGets609AndTheLimitHoldsExactly() throws Exception {
        List<Reply> replies = storm("first", STORM);
        List<String> admitted = new ArrayList<>();
        int refused = 0;
        for (Reply r : replies) {
            assertEquals(200, r.status());
            assertEquals("Login-Response", r.primitive().name());
            if (r.code() == 200) {
                admitted.add(r.primitive().childText("SessionID"));
            } else {
                assertEquals(609, r.code(), "a login beyond the limit gets 609, nothing else");
                assertEquals(null, r.primitive().childText("SessionID"));
                refused++;
            }
        }
        assertEquals(LIMIT, admitted.size(), "exactly the limit is admitted");
        assertEquals(STORM - LIMIT, refused);
        assertReady();
        CspClient client = node.client();
        for (String sid : admitted) {
            assertEquals(200, client.request(CspVersion.V1_2, sid, Element.empty("KeepAlive-Request")).code(),
                    "the sessions admitted keep working");
        }

        assertEquals(200, client.request(CspVersion.V1_2, admitted.remove(0), Element.empty("Logout-Request")).code());
        List<Reply> race = storm("second", 16);
        List<Reply> winners = race.stream().filter(r -> r.code() == 200).toList();
        assertEquals(1, winners.size(), "one slot freed, one login admitted");
        assertEquals(15, race.stream().filter(r -> r.code() == 609).count());
        admitted.add(winners.get(0).primitive().childText("SessionID"));
        for (String sid : admitted) {
            client.request(CspVersion.V1_2, sid, Element.empty("Logout-Request"));
        }
        assertEquals(200, client.request(CspVersion.V1_2, null, CspClient.login2way("carol", "secret", "after-storm", null)).code(),
                "every slot comes back");
    }

    /** {@code n} logins sent at once from 16 threads, each with a Client-ID of its own. */
    private static List<Reply> storm(String tag, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Reply>> pending = new ArrayList<>();
            String[] users = {"alice", "bob", "carol", "dave"};
            for (int i = 0; i < n; i++) {
                String user = users[i % users.length];
                String clientUrl = tag + "-" + i;
                pending.add(pool.submit(() -> node.client().request(CspVersion.V1_2, null,
                        CspClient.login2way(user, "secret", clientUrl, null))));
            }
            List<Reply> replies = new ArrayList<>();
            for (Future<Reply> f : pending) {
                replies.add(f.get(120, TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertReady() throws Exception {
        HttpResponse<Void> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(node.mgmtUrl() + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, ready.statusCode(), "the node stays ready");
    }
}
