package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import io.vertx.core.json.JsonObject;
import imps.app.ProcessCluster.GatewayProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The cluster with every node in its own JVM (docs/cluster.md): what one JVM cannot show. A node
 * killed with SIGKILL runs no shutdown hook and says no goodbye to the cluster; the kernel resets its
 * sockets and the others notice only through Hazelcast's failure detection. Drain and SIGTERM act on
 * a real process ({@link ProcessCluster}).
 *
 * <p>The methods run in order: the drain takes node C out of the cluster at the end, and the drain
 * test counts the sessions C owns, so the tests before it log in through A, B and D only.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProcessClusterTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static final HttpClient HTTP = ProcessCluster.HTTP;
    private static ProcessCluster cluster;
    private static GatewayProcess a;
    private static GatewayProcess b;
    private static GatewayProcess c;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ProcessCluster(Map.of(), List.of());
        a = cluster.start("pa", 0);
        // The others join a running member, so none of them can form a cluster of its own.
        int seed = a.clusterPort;
        CompletableFuture<GatewayProcess> startB = CompletableFuture.supplyAsync(() -> cluster.start("pb", seed));
        CompletableFuture<GatewayProcess> startC = CompletableFuture.supplyAsync(() -> cluster.start("pc", seed));
        b = startB.get();
        c = startC.get();
    }

    @AfterAll
    static void stop() {
        cluster.destroyAll();
    }

    @Test
    @Order(1)
    void aSessionLoggedInOnOneProcessIsUsedThroughTheOthers() {
        String clientId = "proc-cross-" + System.nanoTime();
        String alice = a.client().login(V, "alice", "secret", clientId);
        Reply ka = b.client().request(V, alice, Element.builder("KeepAlive-Request").leaf("TimeToLive", 900).build());
        assertEquals(200, ka.code(), ka.text());
        assertEquals("900", ka.primitive().childText("KeepAliveTime"));
        assertEquals("Service-Response", c.client().request(V, alice, CspClient.serviceRequest()).primitive().name(),
                "negotiated through C on the session A owns");
        assertEquals("GetSPInfo-Response", b.client().request(V, alice, Element.empty("GetSPInfo-Request")).primitive().name());
        assertEquals("900", c.client().request(V, alice, Element.empty("KeepAlive-Request")).primitive().childText("KeepAliveTime"),
                "one context, whichever process the request reaches");

        String carol = b.client().login(V, "carol", "secret", clientId);
        b.client().request(V, carol, CspClient.serviceRequest());
        b.client().drain(V, carol);
        assertEquals(200, c.client().request(V, alice, sendMessage("wv:carol", "across processes")).code(),
                "a service transaction through C, from A's session to B's");
        assertEquals(List.of("across processes"), contents(a.client().drain(V, carol)));

        assertEquals(200, c.client().request(V, alice, Element.empty("Logout-Request")).code());
        assertEquals(604, b.client().request(V, alice, Element.empty("KeepAlive-Request")).code());
        assertEquals(604, a.client().request(V, alice, Element.empty("KeepAlive-Request")).code());
        assertEquals(200, a.client().request(V, carol, Element.empty("Logout-Request")).code());
    }

    @Test
    @Order(2)
    void racingLoginsWithOneClientIdOnTwoProcessesAdmitExactlyOne() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String clientId = "proc-race-" + round + "-" + System.nanoTime();
                CyclicBarrier together = new CyclicBarrier(2);
                CompletableFuture<Reply> viaA = CompletableFuture.supplyAsync(() -> loginWhenReleased(a, clientId, together), two);
                CompletableFuture<Reply> viaB = CompletableFuture.supplyAsync(() -> loginWhenReleased(b, clientId, together), two);
                Reply first = viaA.get(90, TimeUnit.SECONDS);
                Reply second = viaB.get(90, TimeUnit.SECONDS);
                List<Integer> codes = new ArrayList<>(List.of(first.code(), second.code()));
                Collections.sort(codes);
                assertEquals(List.of(200, 608), codes, "round " + round + ": exactly one login wins, the other is a duplicate Client-ID");
                Reply winner = first.code() == 200 ? first : second;
                Reply loser = first.code() == 200 ? second : first;
                assertNotNull(winner.primitive().childText("SessionID"));
                assertNull(loser.primitive().childText("SessionID"));
                assertEquals(200, c.client().request(CspVersion.V1_3, winner.primitive().childText("SessionID"),
                        Element.empty("Logout-Request")).code());
            }
        } finally {
            two.shutdownNow();
        }
    }

    private static Reply loginWhenReleased(GatewayProcess node, String clientId, CyclicBarrier together) {
        CspClient client = node.client();
        try {
            together.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return client.request(CspVersion.V1_3, null, CspClient.login2way("bob", "secret", clientId, null));
    }

    @Test
    @Order(3)
    void queuedMessagesSurviveTheOwnerBeingKilledWithSigkill() throws Exception {
        GatewayProcess d = cluster.start("pd", a.clusterPort);
        CspClient viaD = d.client();
        String bob = viaD.login(V, "bob", "secret", "proc-kill-bob-" + System.nanoTime());
        assertEquals("Service-Response", viaD.request(V, bob, CspClient.serviceRequest()).primitive().name());
        viaD.drain(V, bob);
        assertEquals(200, b.client().request(V, bob, Element.empty("KeepAlive-Request")).code(),
                "D is a member of the cluster: B reaches the session D owns");

        CspClient viaA = a.client();
        String alice = viaA.login(V, "alice", "secret", "proc-kill-alice-" + System.nanoTime());
        viaA.request(V, alice, CspClient.serviceRequest());
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String text = "queued " + i;
            assertEquals(200, viaA.request(V, alice, sendMessage("wv:bob", text)).code());
            sent.add(text);
        }

        long pid = d.process.pid();
        d.process.destroyForcibly();
        assertTrue(d.process.waitFor(30, TimeUnit.SECONDS), "the owner process ended");
        assertEquals(128 + 9, d.process.exitValue(), "ended by SIGKILL");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "no process " + pid + " any more");

        CspClient viaB = b.client();
        Reply ka = viaB.request(V, bob, Element.empty("KeepAlive-Request"));
        assertEquals(200, ka.code(), "same Session-ID on a survivor, no new login: " + ka.text());
        assertEquals(Boolean.TRUE, ka.message().poll(), "the queued messages survived the owner");
        List<Element> got = viaB.drain(V, bob);
        assertEquals(sent, contents(got), "every queued message, in order, once");
        assertEquals(sent.size(), new HashSet<>(got.stream().map(p -> p.child("MessageInfo").childText("MessageID")).toList()).size(),
                "distinct Message-IDs");
        assertTrue(c.client().drain(V, bob).isEmpty(), "acknowledged messages are not delivered again");

        assertEquals(200, viaA.request(V, alice, sendMessage("wv:bob", "after the kill")).code());
        assertEquals(List.of("after the kill"), contents(c.client().drain(V, bob)));
        viaA.request(V, alice, Element.empty("Logout-Request"));
        viaB.request(V, bob, Element.empty("Logout-Request"));
    }

    @Test
    @Order(4)
    void aDrainedProcessHandsItsSessionsToTheOthersAndLeavesOnSigterm() throws Exception {
        CspClient viaC = c.client();
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String sid = viaC.login(V, "carol", "secret", "proc-drain-" + i + "-" + System.nanoTime());
            viaC.request(V, sid, CspClient.serviceRequest());
            viaC.drain(V, sid);
            assertEquals(String.valueOf(700 + i), viaC.request(V, sid,
                    Element.builder("KeepAlive-Request").leaf("TimeToLive", 700 + i).build()).primitive().childText("KeepAliveTime"));
            sessions.add(sid);
        }
        CspClient viaA = a.client();
        String alice = viaA.login(V, "alice", "secret", "proc-drain-alice-" + System.nanoTime());
        viaA.request(V, alice, CspClient.serviceRequest());
        assertEquals(200, viaA.request(V, alice, sendMessage("wv:carol", "across the drain")).code(),
                "queued in each of carol's sessions on C");

        // KeepAlives through A and B for every session while C drains, and one full round after.
        List<String> problems = new CopyOnWriteArrayList<>();
        AtomicBoolean drainAnswered = new AtomicBoolean();
        CountDownLatch firstRound = new CountDownLatch(1);
        AtomicInteger keepAlives = new AtomicInteger();
        Thread load = new Thread(() -> {
            List<CspClient> survivors = List.of(a.client(), b.client());
            boolean last;
            do {
                last = drainAnswered.get();
                for (int i = 0; i < sessions.size(); i++) {
                    try {
                        Reply r = survivors.get(keepAlives.getAndIncrement() % 2).request(V, sessions.get(i), Element.empty("KeepAlive-Request"));
                        if (r.status() != 200 || r.code() != 200 || !String.valueOf(700 + i).equals(r.primitive().childText("KeepAliveTime"))) {
                            problems.add("session " + i + ": HTTP " + r.status() + " " + r.text());
                        }
                    } catch (RuntimeException e) {
                        problems.add("session " + i + ": " + e);
                    }
                }
                firstRound.countDown();
            } while (!last);
        }, "keep-alives-during-drain");
        load.start();
        assertTrue(firstRound.await(120, TimeUnit.SECONDS));

        HttpResponse<String> drained = HTTP.send(TestNode.mgmtRequest(c.mgmtUrl() + "/admin/drain")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        drainAnswered.set(true);
        load.join(TimeUnit.SECONDS.toMillis(180));
        assertFalse(load.isAlive());
        assertEquals(200, drained.statusCode(), drained.body());
        assertEquals(sessions.size(), new JsonObject(drained.body()).getInteger("sessionsMoved"),
                "every session C owned moved: " + drained.body());
        assertEquals(List.of(), problems, "no request failed while the sessions moved");
        assertTrue(keepAlives.get() >= 2 * sessions.size());

        assertEquals(503, c.status("/health/ready"), "a drained node is not ready");
        assertEquals(200, c.status("/health/live"), "it stays up until it is stopped");
        for (int i = 0; i < sessions.size(); i++) {
            CspClient survivor = i % 2 == 0 ? viaA : b.client();
            assertEquals(List.of("across the drain"), contents(survivor.drain(V, sessions.get(i))), "session " + i + "'s queue moved");
        }

        c.process.destroy();
        assertTrue(c.process.waitFor(90, TimeUnit.SECONDS), "SIGTERM stops the drained node");
        assertEquals(128 + 15, c.process.exitValue(), "ended by SIGTERM, through the shutdown hook");
        for (int i = 0; i < sessions.size(); i++) {
            Reply r = (i % 2 == 0 ? b.client() : viaA).request(V, sessions.get(i), Element.empty("KeepAlive-Request"));
            assertEquals(200, r.code(), r.text());
            assertEquals(String.valueOf(700 + i), r.primitive().childText("KeepAliveTime"));
        }
        viaA.request(V, alice, Element.empty("Logout-Request"));
    }

    private static Element sendMessage(String recipient, String text) {
        return Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", recipient)))).build())
                .leaf("ContentData", text).build();
    }

    /** The texts of the NewMessages among server-initiated primitives; anything else fails the test. */
    private static List<String> contents(List<Element> primitives) {
        List<String> texts = new ArrayList<>();
        for (Element p : primitives) {
            assertEquals("NewMessage", p.name(), "only messages were queued: " + primitives);
            texts.add(p.childText("ContentData"));
        }
        return texts;
    }

    /** A gateway node in a JVM of its own. */
}
