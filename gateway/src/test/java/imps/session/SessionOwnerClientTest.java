package imps.session;

import imps.session.registry.ClusterMembership;
import imps.session.registry.SessionDirectory;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(VertxExtension.class)
class SessionOwnerClientTest {

    /**
     * A directory whose owners the test changes. {@code cached} stands for a near cache that has not
     * heard of a change yet: {@link #ownerOf} answers from it first, {@link #currentOwnerOf} never does.
     */
    private static final class Directory implements SessionDirectory {
        final Map<String, String> owners = new ConcurrentHashMap<>();
        final Map<String, String> cached = new ConcurrentHashMap<>();

        public Future<Void> claim(String sessionId, String nodeId) {
            owners.put(sessionId, nodeId);
            return Future.succeededFuture();
        }

        public Future<String> ownerOf(String sessionId) {
            return Future.succeededFuture(cached.getOrDefault(sessionId, owners.get(sessionId)));
        }

        public Future<String> currentOwnerOf(String sessionId) {
            return Future.succeededFuture(owners.get(sessionId));
        }

        public Future<Boolean> takeOver(String sessionId, String formerOwner, String newOwner) {
            return Future.succeededFuture(owners.replace(sessionId, formerOwner, newOwner));
        }

        public Future<Void> release(String sessionId, String nodeId) {
            owners.remove(sessionId, nodeId);
            return Future.succeededFuture();
        }

        public Future<List<String>> shareOwnedBy(String nodeId) {
            return Future.succeededFuture(owners.entrySet().stream().filter(e -> e.getValue().equals(nodeId))
                    .map(Map.Entry::getKey).toList());
        }
    }

    /** Membership the test changes, announcing departures like the cluster does. */
    private static final class Members implements ClusterMembership {
        final Set<String> alive = ConcurrentHashMap.newKeySet();
        final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
        volatile boolean quorate = true;

        public boolean quorate() {
            return quorate;
        }

        public void onMerge(java.util.function.Supplier<io.vertx.core.Future<?>> reconcile) {
            throw new UnsupportedOperationException("merges are tested with a real cluster (SplitMergeTest)");
        }

        public boolean isAlive(String nodeId) {
            return alive.contains(nodeId);
        }

        public List<String> liveNodes() {
            return List.copyOf(alive);
        }

        public void onDeparture(Consumer<String> listener) {
            listeners.add(listener);
        }

        void leave(String nodeId) {
            alive.remove(nodeId);
            listeners.forEach(l -> l.accept(nodeId));
        }
    }

    @Test
    void aRequestToAnOwnerThatLeavesIsRetriedAtOnceNotAfterTheTimeout(Vertx vertx, VertxTestContext test) {
        Directory directory = new Directory();
        Members members = new Members();
        members.alive.addAll(List.of("me", "dead", "heir"));
        directory.claim("S1", "dead");
        SessionOwnerClient client = new SessionOwnerClient(vertx, "me", new LocalSessions(), directory, members, 60_000,
                imps.telemetry.Telemetry.NONE);
        List<String> tried = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();

        client.<String>withOwner("S1", node -> {
            tried.add(node);
            // The dead node never answers; the heir does.
            return node.equals("dead") ? Promise.<String>promise().future() : Future.succeededFuture("answered by " + node);
        }).onComplete(test.succeeding(answer -> test.verify(() -> {
            assertEquals("answered by heir", answer);
            assertEquals(List.of("dead", "heir"), tried);
            assertEquals(true, System.nanoTime() - started < 30_000_000_000L, "not after the 60 s owner time-out");
            test.completeNow();
        })));

        vertx.setTimer(100, t -> {
            directory.owners.put("S1", "heir");
            members.leave("dead");
        });
    }

    @Test
    void belowTheQuorumNoSessionIsServedNotEvenOneHeldHere(Vertx vertx, VertxTestContext test) {
        Directory directory = new Directory();
        Members members = new Members();
        members.alive.add("me");
        members.quorate = false;
        directory.claim("S1", "me");
        SessionOwnerClient client = new SessionOwnerClient(vertx, "me", new LocalSessions(), directory, members, 60_000,
                imps.telemetry.Telemetry.NONE);
        List<String> called = new CopyOnWriteArrayList<>();

        client.withOwner("S1", node -> {
            called.add(node);
            return Future.succeededFuture("served");
        }).onComplete(test.failing(err -> test.verify(() -> {
            assertEquals(imps.protocol.StatusCode.SERVICE_UNAVAILABLE, ((imps.protocol.CspException) err).status());
            assertEquals(List.of(), called, "the owner was never asked");
            test.completeNow();
        })));
    }

    @Test
    void afterANotHereTheOwnerIsReadPastTheCache(Vertx vertx, VertxTestContext test) {
        Directory directory = new Directory();
        Members members = new Members();
        members.alive.addAll(List.of("me", "old", "new"));
        directory.claim("S1", "new");
        directory.cached.put("S1", "old");
        SessionOwnerClient client = new SessionOwnerClient(vertx, "me", new LocalSessions(), directory, members, 60_000,
                imps.telemetry.Telemetry.NONE);
        List<String> tried = new CopyOnWriteArrayList<>();

        client.<String>withOwner("S1", node -> {
            tried.add(node);
            // The node the stale cache names has handed the session over (a drain) and says so.
            return node.equals("old")
                    ? Future.failedFuture(new io.vertx.core.eventbus.ReplyException(io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE,
                            imps.bus.EventBusAddresses.NOT_HERE, "not here"))
                    : Future.succeededFuture("answered by " + node);
        }).onComplete(test.succeeding(answer -> test.verify(() -> {
            assertEquals("answered by new", answer);
            assertEquals(List.of("old", "new"), tried, "one retry, not one per cache refresh");
            test.completeNow();
        })));
    }
}
