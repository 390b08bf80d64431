package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import imps.session.registry.SessionDirectory;
import io.vertx.core.Future;

import java.util.Map;

/**
 * The session directory as a replicated Hazelcast map: Session-ID → owning node. Removal is
 * conditional on the owner, so a node cleaning up late can never erase a newer owner's entry
 * (design.md §6, the XMPP clean-up races).
 */
public final class HazelcastSessionDirectory implements SessionDirectory {
    static final String MAP = "imps.session.directory";
    private final IMap<String, String> owners;

    public HazelcastSessionDirectory(HazelcastInstance hz) {
        this.owners = hz.getMap(MAP);
    }

    @Override
    public Future<Void> claim(String sessionId, String nodeId) {
        return OnContext.future(owners.setAsync(sessionId, nodeId));
    }

    @Override
    public Future<String> ownerOf(String sessionId) {
        return OnContext.future(owners.getAsync(sessionId));
    }

    @Override
    public Future<Boolean> takeOver(String sessionId, String formerOwner, String newOwner) {
        return OnContext.future(owners.submitToKey(sessionId, new TakeOver(formerOwner, newOwner)));
    }

    @Override
    public Future<Void> release(String sessionId, String nodeId) {
        return OnContext.future(owners.submitToKey(sessionId, new ReleaseIfOwner(nodeId))).mapEmpty();
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
