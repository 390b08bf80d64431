package imps.app;

import imps.app.CspClient.Reply;
import imps.store.PostgresServer;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL stopped under load: changes get CSP 503 (never a hang), the node is not ready, no
 * acknowledged change is lost and none that was refused appears; once it is back, service resumes.
 */
class StoreOutageTest {
    @Test
    void aStoppedDatabaseMeans503AndNotReadyAndNothingAcknowledgedIsLost() throws Exception {
        Set<String> acked = Collections.synchronizedSet(new HashSet<>());
        try (PostgresServer pg = PostgresServer.create()) {
            Map<String, String> env = Map.of("IMPS_STORE_ENABLED", "true", "IMPS_STORE_EMBEDDED", "false",
                    "IMPS_STORE_URL", pg.createDatabase(), "IMPS_STORE_USER", PostgresServer.USER,
                    "IMPS_STORE_PASSWORD", PostgresServer.PASSWORD, "IMPS_STORE_CONNECT_TIMEOUT_MILLIS", "1000",
                    "IMPS_STORE_RECONNECT_MAX_MILLIS", "1000", "IMPS_SERVICES_MAX_CONTACT_LISTS", "100000",
                    "IMPS_SESSION_MAX_SESSIONS_PER_USER", "20");
            try (TestNode node = TestNode.start(env)) {
                CspClient client = node.client();
                String sid = SubscriberScenario.session(client, "alice", "outage");
                Set<String> refused = Collections.synchronizedSet(new HashSet<>());
                Set<String> others = Collections.synchronizedSet(new HashSet<>());
                Set<Integer> codes = Collections.synchronizedSet(new HashSet<>());
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicInteger counter = new AtomicInteger();
                ExecutorService load = Executors.newFixedThreadPool(4);
                for (int t = 0; t < 4; t++) {
                    load.submit(() -> {
                        while (running.get()) {
                            String list = "wv:alice/l" + counter.incrementAndGet();
                            Reply r = SubscriberScenario.createList(client, sid, list);
                            codes.add(r.code());
                            if (r.code() != 200 && r.code() != 503) {
                                others.add(r.code() + ": " + r.text());
                            }
                            (r.code() == 200 ? acked : refused).add(list);
                        }
                        return null;
                    });
                }
                Thread.sleep(1500);
                pg.stop();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (SubscriberScenario.get(node.mgmtUrl() + "/health/ready").statusCode() != 503 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(503, SubscriberScenario.get(node.mgmtUrl() + "/health/ready").statusCode(), "not ready while the store is down");
                Thread.sleep(2000);
                int refusedWhileDown = refused.size();
                pg.start();
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (SubscriberScenario.get(node.mgmtUrl() + "/health/ready").statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertEquals(200, SubscriberScenario.get(node.mgmtUrl() + "/health/ready").statusCode(), "ready again");
                int ackedBefore = acked.size();
                Thread.sleep(1500);
                running.set(false);
                load.shutdown();
                assertTrue(load.awaitTermination(60, TimeUnit.SECONDS), "no request hung");
                assertTrue(refusedWhileDown > 0, "changes were refused during the outage");
                assertEquals(Set.of(200, 503), codes, "only success or 503, never anything else: " + others);
                assertTrue(acked.size() > ackedBefore, "changes succeed again after the outage");
                Set<String> lists = new HashSet<>(SubscriberScenario.lists(client, sid));
                assertTrue(lists.containsAll(acked), "every acknowledged list is kept");
                Set<String> appeared = new HashSet<>(refused);
                appeared.retainAll(lists);
                assertTrue(appeared.isEmpty(), "no refused change took effect: " + appeared);
            }
            try (TestNode fresh = TestNode.start(env)) {
                CspClient client = fresh.client();
                Set<String> stored = new HashSet<>(SubscriberScenario.lists(client, SubscriberScenario.session(client, "alice", "after")));
                assertEquals(acked, stored, "a node with nothing in memory reads exactly the acknowledged lists from the store");
            }
        }
    }
}
