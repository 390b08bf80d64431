package imps.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import imps.config.GatewayConfig;
import imps.service.SharedMap;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads of a real Hazelcast member from a real event loop. The module's tests run with the common
 * pool's parallelism at 1, as on a node with two CPUs or fewer: there Hazelcast's default async
 * executor starts a new thread for every callback chained on one of its futures without an executor.
 */
class OnContextTest {
    private static final int READS = 500;
    private static HazelcastInstance hz;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Config config = HazelcastSetup.config(new GatewayConfig.Cluster("on-context-" + UUID.randomUUID(), "",
                "127.0.0.1", port, List.of("127.0.0.1:" + port), "", 0, "127.0.0.1", 0), "n" + port);
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        hz = Hazelcast.newHazelcastInstance(config);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close();
        hz.getLifecycleService().terminate();
    }

    @Test
    void theModuleRunsAsOnASmallNode() {
        assertEquals(1, ForkJoinPool.getCommonPoolParallelism(), "surefire's argLine in cluster/pom.xml");
    }

    @Test
    void aSharedMapReadStartsNoThreadAndAnswersOnTheCallersContext() throws Exception {
        SharedMap<String> map = new HazelcastSharedState(hz).map("on-context");
        hz.getMap(HazelcastSharedState.PREFIX + "on-context").set("present", "value");
        Context context = vertx.getOrCreateContext();
        List<Thread> answeredOn = new ArrayList<>();
        List<String> values = new ArrayList<>();
        long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        Future<Void> reads = Future.future(done -> context.runOnContext(v -> read(map, 0, answeredOn, values, done)));
        reads.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore;

        assertEquals(READS, values.size());
        assertEquals(READS / 2, values.stream().filter("value"::equals).count(), "every read of the present key");
        assertEquals(READS / 2, values.stream().filter("absent"::equals).count(), "every read of a missing key reads null");
        assertTrue(answeredOn.stream().allMatch(t -> t == answeredOn.get(0)) && answeredOn.get(0).getName().startsWith("vert.x-eventloop"),
                "every read answered on the caller's event loop: " + answeredOn.get(0));
        assertTrue(started < READS / 10, started + " threads started for " + READS + " reads");
    }

    /** One read after the other, alternating a present and a missing key, each from the answer of the last. */
    private static void read(SharedMap<String> map, int i, List<Thread> answeredOn, List<String> values,
                             io.vertx.core.Promise<Void> done) {
        if (i == READS) {
            done.complete();
            return;
        }
        map.get(i % 2 == 0 ? "present" : "missing").onComplete(ar -> {
            answeredOn.add(Thread.currentThread());
            values.add(ar.succeeded() ? (ar.result() == null ? "absent" : ar.result()) : "failed: " + ar.cause());
            read(map, i + 1, answeredOn, values, done);
        });
    }
}
