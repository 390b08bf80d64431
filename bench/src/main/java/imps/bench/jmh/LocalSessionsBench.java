package imps.bench.jmh;

import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.session.ClientCapabilities;
import imps.session.LocalSessions;
import imps.protocol.SecureIds;
import imps.session.SessionActor;
import imps.session.SessionContext;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The first step of routing an inband request on the owning node: {@link LocalSessions#get} by
 * Session-ID, with 10 000 and 100 000 sessions, against a plain ConcurrentHashMap and HashMap holding
 * the same actors under the same keys. Lookups go through every session in a shuffled order, with key
 * strings that are equal to the map's keys but not the same objects, as a decoded request's
 * Session-ID is; so the key comparison really reads both strings and the working set is the whole map.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class LocalSessionsBench {
    @Param({"10000", "100000"})
    public int sessions;

    private Vertx vertx;
    private final LocalSessions local = new LocalSessions();
    private final ConcurrentHashMap<String, SessionActor> concurrent = new ConcurrentHashMap<>();
    private final HashMap<String, SessionActor> plain = new HashMap<>();
    private String[] lookups;
    private int next;

    @Setup
    public void setUp() {
        vertx = Vertx.vertx();
        Context context = vertx.getOrCreateContext();
        Element clientId = Element.of("ClientID", Element.leaf("URL", "JiMMY"));
        ClientCapabilities defaults = ClientCapabilities.defaults(30);
        List<String> ids = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            String id = SecureIds.next();
            SessionContext session = new SessionContext(id, "user" + i, clientId, CspVersion.V1_2,
                    "XML", "cookie-" + i, 600, defaults, System.nanoTime());
            SessionActor actor = new SessionActor(session, context);
            local.put(actor);
            concurrent.put(id, actor);
            plain.put(id, actor);
            ids.add(id);
        }
        Collections.shuffle(ids, new Random(42));
        lookups = new String[sessions];
        for (int i = 0; i < sessions; i++) {
            lookups[i] = String.valueOf(ids.get(i).toCharArray());
        }
    }

    @TearDown
    public void tearDown() {
        vertx.close().await();
    }

    private String nextKey() {
        String key = lookups[next];
        next = next + 1 == lookups.length ? 0 : next + 1;
        return key;
    }

    @Benchmark
    public SessionActor localSessions() {
        return local.get(nextKey());
    }

    @Benchmark
    public SessionActor concurrentHashMap() {
        return concurrent.get(nextKey());
    }

    @Benchmark
    public SessionActor hashMap() {
        return plain.get(nextKey());
    }
}
