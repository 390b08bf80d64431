package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import imps.session.registry.SessionDirectory;
import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The session directory as a replicated Hazelcast map: Session-ID → owning node. Removal is
 * conditional on the owner, so a node cleaning up late can never erase a newer owner's entry
 * (docs/cluster.md, "Who owns a session").
 */
public final class HazelcastSessionDirectory implements SessionDirectory {
    static final String MAP = "imps.session.directory";
    /** How long a share query waits for the partitions of a departed member to be promoted here. */
    private static final long MIGRATION_WAIT_MILLIS = 10_000;
    private final HazelcastInstance hz;
    private final IMap<String, String> owners;
    /** The same map, written with an owner's name already in Hazelcast's serialized form. */
    private final IMap<String, Object> ownersWritten;
    /** Owners' names in serialized form, one per node: a cluster has few nodes and many sessions. */
    private final Map<String, Data> ownerNames = new ConcurrentHashMap<>();

    public HazelcastSessionDirectory(HazelcastInstance hz) {
        this.hz = hz;
        this.owners = hz.getMap(MAP);
        this.ownersWritten = hz.getMap(MAP);
    }

    /**
     * The name is handed to Hazelcast serialized, and always as the same instance: a value in serialized
     * form is stored as it is given, so every session a node claims for itself shares one copy of the
     * node's name on its partition owner instead of holding its own (about 64 bytes a session).
     */
    @Override
    public Future<Void> claim(String sessionId, String nodeId) {
        Data name = ownerNames.computeIfAbsent(nodeId,
                id -> ((SerializationServiceSupport) hz).getSerializationService().toData(id));
        return OnContext.future(ownersWritten.setAsync(sessionId, name));
    }

    @Override
    public Future<String> ownerOf(String sessionId) {
        return OnContext.future(owners.getAsync(sessionId));
    }

    /**
     * An entry processor runs on the partition owner and never consults the near cache, whose
     * invalidations Hazelcast sends in batches (up to seconds after a change).
     */
    @Override
    public Future<String> currentOwnerOf(String sessionId) {
        return OnContext.future(owners.submitToKey(sessionId, new ReadOwner()));
    }

    @Override
    public Future<Boolean> takeOver(String sessionId, String formerOwner, String newOwner) {
        return OnContext.future(owners.submitToKey(sessionId, new TakeOver(formerOwner, newOwner)));
    }

    /**
     * The entries of the partitions this member owns: every partition has one owner, so the shares
     * are disjoint and complete. After a member left, its partitions are promoted on the survivors
     * from their backups; the query waits for that (a partition still migrating would be missed and
     * its sessions left to be taken over on first use). It scans the local entries, so it runs off
     * the event loop.
     */
    @Override
    public Future<List<String>> shareOwnedBy(String nodeId) {
        return OnContext.future(CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MIGRATION_WAIT_MILLIS);
            while (!hz.getPartitionService().isClusterSafe() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
            return List.copyOf(owners.localKeySet(Predicates.equal("this", nodeId)));
        }));
    }

    @Override
    public Future<Void> release(String sessionId, String nodeId) {
        return OnContext.future(owners.submitToKey(sessionId, new ReleaseIfOwner(nodeId))).mapEmpty();
    }

    /** Reads the entry on its partition owner. */
    record ReadOwner() implements EntryProcessor<String, String, String>, ReadOnly {
        @Override
        public String process(Map.Entry<String, String> entry) {
            return entry.getValue();
        }

        @Override
        public EntryProcessor<String, String, String> getBackupProcessor() {
            return null;
        }
    }

    /** Replaces the owner only while {@code formerOwner} is still recorded. */
    record TakeOver(String formerOwner, String newOwner) implements EntryProcessor<String, String, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, String> entry) {
            if (formerOwner.equals(entry.getValue())) {
                entry.setValue(newOwner);
                return true;
            }
            return false;
        }
    }

    /** Removes the entry only while {@code nodeId} is still its owner. */
    record ReleaseIfOwner(String nodeId) implements EntryProcessor<String, String, Boolean> {
        @Override
        public Boolean process(Map.Entry<String, String> entry) {
            if (nodeId.equals(entry.getValue())) {
                entry.setValue(null);
                return true;
            }
            return false;
        }
    }
}
