package imps.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import imps.config.GatewayConfig;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.session.ClientCapabilities;
import imps.session.OutboundQueue;
import imps.session.QueueReplica;
import imps.session.SessionContext;
import imps.session.SessionSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session replicas on two real Hazelcast members: the queue's changes, applied in place on the
 * primary and on the backup, survive the loss of the member that held the primary.
 */
class HazelcastSessionStoreTest {
    private static final long WALL = 1_763_700_000_000L;
    private static final OutboundQueue.Retransmission RETRANSMISSION =
            new OutboundQueue.Retransmission(TimeUnit.SECONDS.toNanos(60), 3);
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        members.forEach(m -> m.getLifecycleService().terminate());
        vertx.close();
    }

    @Test
    void queueChangesSurviveTheLossOfThePrimary() throws Exception {
        String cluster = "store-" + UUID.randomUUID();
        HazelcastInstance first = member(cluster, null);
        HazelcastInstance second = member(cluster, first);
        SessionContext session = new SessionContext("S-" + UUID.randomUUID(), "wv:bob@example.net",
                Element.of("ClientID", Element.leaf("URL", "u")), CspVersion.V1_2, "XML", null, 60,
                ClientCapabilities.defaults(30), 0);
        OutboundQueue queue = session.queueToChange();
        HazelcastSessionStore store = new HazelcastSessionStore(first);
        await(() -> store.save(session.snapshot(0, WALL)));
        int text = 0;
        for (int i = 0; i < 20; i++) {
            queue.offer(message(text++), true, null, true, 200);
        }
        assertTrue(await(() -> store.saveQueue(session.sessionId(), queue.replicaChange(0, WALL))));
        for (int i = 0; i < 30; i++) {
            queue.offer(message(text++), true, null, true, 200);
            OutboundQueue.ServerTransaction t = queue.next(0, "http", RETRANSMISSION);
            queue.answer(t.transactionId());
            assertTrue(await(() -> store.saveQueue(session.sessionId(), queue.replicaChange(0, WALL))),
                    "a partial change applies to the version it was made from");
        }
        QueueReplica expected = new QueueReplica();
        queue.replicaRefused();
        expected.apply(queue.replicaChange(0, WALL));

        HazelcastInstance primary = first.getPartitionService().getPartition(session.sessionId()).getOwner().getUuid()
                .equals(first.getCluster().getLocalMember().getUuid()) ? first : second;
        HazelcastInstance survivor = primary == first ? second : first;
        primary.getLifecycleService().terminate();
        HazelcastSessionStore after = new HazelcastSessionStore(survivor);
        SessionSnapshot loaded = await(() -> after.load(session.sessionId()));
        assertEquals(expected.state(), loaded.queue(), "the backup applied every change");
        assertEquals(20, loaded.queue().pending().size());
        assertEquals("message 30", loaded.queue().pending().get(0).primitive().childText("ContentData"));
        assertEquals(session.sessionId(), loaded.sessionId());

        await(() -> after.delete(session.sessionId(), true));
        assertNull(await(() -> after.load(session.sessionId())));
        assertNull(survivor.getMap(HazelcastSessionStore.QUEUES).get(session.sessionId()), "the queue went too");
    }

    private static Element message(int n) {
        return Element.builder("NewMessage").leaf("ContentData", "message " + n).build();
    }

    /** Runs a store call on an event loop, as the session hosts do, and waits for its outcome. */
    private <T> T await(Callable<Future<T>> call) throws Exception {
        return Future.<T>future(p -> vertx.runOnContext(v -> {
            try {
                call.call().onComplete(p);
            } catch (Exception e) {
                p.fail(e);
            }
        })).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private HazelcastInstance member(String cluster, HazelcastInstance seed) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int seedPort = seed == null ? port : seed.getCluster().getLocalMember().getAddress().getPort();
        Config config = HazelcastSetup.config(new GatewayConfig.Cluster(cluster, "", "127.0.0.1", port,
                List.of("127.0.0.1:" + seedPort), "", 0, "127.0.0.1", 0), "n" + port);
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        members.add(hz);
        return hz;
    }
}
