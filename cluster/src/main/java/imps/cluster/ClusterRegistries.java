package imps.cluster;

import com.hazelcast.core.HazelcastInstance;
import imps.session.registry.SessionRegistries;

/** Builds the session core's shared state on a Hazelcast instance. */
public final class ClusterRegistries {
    private ClusterRegistries() {
    }

    /** {@code minimumClusterSize}: the split-brain protection size, as configured for HazelcastSetup. */
    public static SessionRegistries create(HazelcastInstance hz, int minimumClusterSize) {
        return new SessionRegistries(
                new HazelcastSessionDirectory(hz),
                new HazelcastSessionStore(hz),
                new HazelcastMembership(hz, minimumClusterSize),
                new HazelcastUserSessionRegistry(hz),
                new HazelcastExpiringStore<>(hz, "imps.login.challenges"),
                new HazelcastExpiringStore<>(hz, "imps.login.system-message-attempts"),
                new HazelcastWindowedCounters(hz, "imps.login.throttle"));
    }
}
