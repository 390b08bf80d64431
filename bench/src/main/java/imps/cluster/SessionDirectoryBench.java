package imps.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import imps.config.GatewayConfig;
import imps.protocol.SecureIds;
import io.vertx.core.Future;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Looking up a session's owner, as a node that does not own the session does for every request:
 * {@link HazelcastSessionDirectory#ownerOf} answered from the near cache, against a plain
 * {@code IMap.get} of the same entries without one. One embedded member, configured by the gateway's
 * own {@link HazelcastSetup} on loopback (TCP join, no multicast), holding 10 000 sessions.
 *
 * <p>On one member every entry is local; the production near cache keeps local entries too
 * ({@code cacheLocalEntries}, set after this benchmark showed that without it a one-member directory
 * never hit its near cache). A plain {@code IMap.get} of a map with the production near-cache setting is
 * measured too, and so is the directory's own path when nothing is cached (an async get and
 * {@link OnContext}). This class lives in imps.cluster because the map name and OnContext are
 * package-private.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED"})
@State(Scope.Thread)
public class SessionDirectoryBench {
    private static final int SESSIONS = 10_000;
    private static final String PLAIN = "bench.directory.plain";
    private static final String PRODUCTION = "bench.directory.production-near-cache";

    private HazelcastInstance hz;
    private HazelcastSessionDirectory directory;
    private IMap<String, String> plain;
    private IMap<String, String> production;
    private String[] lookups;
    private int next;

    @Setup
    public void setUp() {
        String node = "node-jmh";
        Config config = HazelcastSetup.config(new GatewayConfig.Cluster("imps-jmh-" + ProcessHandle.current().pid(), "",
                "127.0.0.1", 15900, List.of(), "", 1, "127.0.0.1", 0), node);
        config.setProperty("hazelcast.logging.type", "none");
        NearCacheConfig nearCache = config.getMapConfig(HazelcastSessionDirectory.MAP).getNearCacheConfig();
        config.getMapConfig(PRODUCTION).setNearCacheConfig(new NearCacheConfig(nearCache));
        hz = Hazelcast.newHazelcastInstance(config);
        directory = new HazelcastSessionDirectory(hz);
        plain = hz.getMap(PLAIN);
        production = hz.getMap(PRODUCTION);
        IMap<String, String> owners = hz.getMap(HazelcastSessionDirectory.MAP);
        List<String> ids = new ArrayList<>(SESSIONS);
        for (int i = 0; i < SESSIONS; i++) {
            String id = SecureIds.next();
            owners.set(id, node);
            plain.set(id, node);
            production.set(id, node);
            ids.add(id);
        }
        Collections.shuffle(ids, new Random(42));
        lookups = new String[SESSIONS];
        for (int i = 0; i < SESSIONS; i++) {
            lookups[i] = String.valueOf(ids.get(i).toCharArray());
            directory.ownerOf(lookups[i]).await();
            production.get(lookups[i]);
        }
        System.out.printf("%nnear-cache entries after one read of each of %d sessions: directory (local entries cached) %d,"
                        + " production setting %d%n", SESSIONS,
                owners.getLocalMapStats().getNearCacheStats().getOwnedEntryCount(),
                production.getLocalMapStats().getNearCacheStats().getOwnedEntryCount());
    }

    @TearDown
    public void tearDown() {
        hz.shutdown();
    }

    private String nextKey() {
        String key = lookups[next];
        next = next + 1 == lookups.length ? 0 : next + 1;
        return key;
    }

    @Benchmark
    public String directoryNearCache() {
        Future<String> owner = directory.ownerOf(nextKey());
        return owner.isComplete() ? owner.result() : owner.await();
    }

    @Benchmark
    public String imapGet() {
        return plain.get(nextKey());
    }

    @Benchmark
    public String imapGetProductionNearCache() {
        return production.get(nextKey());
    }

    @Benchmark
    public String directoryPathUncached() {
        return OnContext.future(plain.getAsync(nextKey())).await();
    }
}
