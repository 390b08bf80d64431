package imps.app;

import com.hazelcast.map.IMap;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.session.OutboundQueue;
import imps.session.QueueReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The queue's replica is kept by changes (docs/cluster.md, "Replication"). When it does not hold what
 * the owner's change was made from (here a copy of the session left behind on another node wrote over
 * it), the owner sends the whole queue, so the node that takes the session over after the owner's
 * loss delivers exactly what the owner held.
 */
class QueueReplicaFailoverTest {
    private static final List<TestNode> nodes = new ArrayList<>();
    private static final CspVersion V = CspVersion.V1_2;

    @BeforeAll
    static void start() {
        nodes.addAll(TestNode.cluster(2, "q", Map.of()));
    }

    @AfterAll
    static void stop() throws Exception {
        nodes.get(0).close();
    }

    @Test
    void aReplicaOverwrittenByAStaleCopyIsReplacedByTheOwnersWholeQueue() throws Exception {
        CspClient n0 = nodes.get(0).client();
        CspClient n1 = nodes.get(1).client();
        String bob = n1.login(V, "bob", "secret", "qr-bob");
        n1.request(V, bob, CspClient.serviceRequest());
        n1.drain(V, bob);
        String alice = n0.login(V, "alice", "secret", "qr-alice");
        n0.request(V, alice, CspClient.serviceRequest());

        assertEquals(200, n0.request(V, alice, send("one")).code());
        OutboundQueue stale = new OutboundQueue();
        stale.offer(Element.builder("NewMessage")
                .add(Element.of("MessageInfo", Element.leaf("MessageID", "stale-1")))
                .leaf("ContentData", "stale").build(), true, null, true, 10);
        QueueReplica staleReplica = new QueueReplica();
        staleReplica.apply(stale.replicaChange(System.nanoTime(), System.currentTimeMillis()));
        IMap<String, QueueReplica> queues = ClusterPartition.hazelcast(nodes.get(0)).getMap("imps.session.queues");
        queues.put(bob, staleReplica);

        assertEquals(200, n0.request(V, alice, send("two")).code());
        assertEquals(1, Scrape.of(nodes.get(1)).sum("imps_cluster_queue_replica_refusals_total"),
                "the owner counts the refusal");
        nodes.get(1).crash();

        List<Element> got = n0.drain(V, bob);
        assertEquals(List.of("one", "two"), got.stream().map(e -> e.childText("ContentData")).toList(),
                "the owner's partial change was refused and its whole queue followed");
    }

    private static Element send(String text) {
        return Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:bob")))).build())
                .leaf("ContentData", text).build();
    }
}
