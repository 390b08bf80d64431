package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.store.PostgresServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node process started while its PostgreSQL is down (docs/store.md, "Operations"): it runs but is
 * not ready, requests that need the store answer CSP 503, and once the database is up the node
 * migrates the schema, imports the users file and is ready. A later outage and its end are logged as
 * a few single lines, without stack traces.
 */
class StoreStartTest {
    private static final CspVersion V = CspVersion.V1_2;

    @Test
    void aNodeStartsWhileTheDatabaseIsDownAndIsReadyOnceItIsUp() throws Exception {
        try (PostgresServer pg = PostgresServer.create()) {
            Map<String, String> env = Map.of("IMPS_STORE_ENABLED", "true", "IMPS_STORE_EMBEDDED", "false",
                    "IMPS_STORE_URL", pg.createDatabase(), "IMPS_STORE_USER", PostgresServer.USER,
                    "IMPS_STORE_PASSWORD", PostgresServer.PASSWORD, "IMPS_STORE_CONNECT_TIMEOUT_MILLIS", "1000",
                    "IMPS_STORE_RECONNECT_MAX_MILLIS", "1000", "IMPS_STORE_HEALTH_CHECK_MILLIS", "500");
            pg.stop();
            ProcessCluster cluster = new ProcessCluster(env, List.of());
            try {
                ProcessCluster.GatewayProcess node = cluster.startLive("store-down", 0);
                assertEquals(503, node.status("/health/ready"), "not ready without its store");
                CspClient client = node.client();
                Reply refused = client.request(V, null, CspClient.login2way("alice", "secret", "early-" + System.nanoTime(), null));
                assertEquals(503, refused.code(), "a login needs the account: 503, " + refused.text());

                pg.start();
                awaitStatus(node, 200);
                String sid = SubscriberScenario.session(client, "alice", "after-start");
                assertEquals(200, SubscriberScenario.createList(client, sid, "wv:alice/first").code(),
                        "the users file was imported and changes are stored once the database is up");

                pg.stop();
                awaitStatus(node, 503);
                for (int i = 0; i < 20; i++) {
                    assertEquals(503, SubscriberScenario.createList(client, sid, "wv:alice/down" + i).code());
                }
                pg.start();
                awaitStatus(node, 200);
                assertEquals(200, SubscriberScenario.createList(client, sid, "wv:alice/again").code());

                String log = node.log();
                List<String> traces = log.lines().filter(l -> l.startsWith("\tat ") || l.startsWith("Caused by")).toList();
                assertTrue(traces.isEmpty(), "no stack trace in the log:\n" + log);
                long unreachable = log.lines().filter(l -> l.contains("WARN") && l.contains("subscriber store unreachable")).count();
                assertTrue(unreachable >= 2 && unreachable <= 6,
                        "one WARN line per kind of failure and outage, not one per request: " + unreachable + "\n" + log);
                assertEquals(2, log.lines().filter(l -> l.contains("subscriber store reachable again")).count(),
                        "a line when each outage ends:\n" + log);
            } finally {
                cluster.destroyAll();
            }
        }
    }

    private static void awaitStatus(ProcessCluster.GatewayProcess node, int status) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (node.status("/health/ready") != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(status, node.status("/health/ready"), "/health/ready");
    }
}
