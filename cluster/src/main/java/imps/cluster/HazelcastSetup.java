package imps.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.config.NetworkConfig;
import imps.config.GatewayConfig;
import imps.service.SharedState;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;

/**
 * Hazelcast membership from {@link GatewayConfig.Cluster}: Vert.x's own cluster maps (from the
 * vertx-hazelcast defaults) plus our network settings. With no members listed this is a one-member
 * cluster bound to the configured host and port that looks for no other member (no multicast, no
 * port scan), the embedded default, on the same code path as a real cluster (docs/cluster.md).
 */
public final class HazelcastSetup {
    private static final String QUORUM = "imps-quorum";

    private HazelcastSetup() {
    }

    /**
     * A near cache kept up to date by invalidation on change, holding entries of this member's own
     * partitions too: Hazelcast leaves them out by default, and a read of a local partition still goes
     * through the partition thread (about 50 times a near-cache hit in SessionDirectoryBench). Values
     * are kept as objects: a hit hands out the cached instance, which readers must not change. A miss
     * is kept too; the copy holds at most Hazelcast's default of 10 000 entries per map and drops the
     * least recently used, so addresses clients make up cannot fill memory.
     */
    static NearCacheConfig nearCache() {
        return new NearCacheConfig().setInMemoryFormat(InMemoryFormat.OBJECT).setInvalidateOnChange(true)
                .setCacheLocalEntries(true);
    }

    public static Config config(GatewayConfig.Cluster cluster, String nodeId) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(ClusterSecret.clusterName(cluster.name(), cluster.secret()));
        config.setInstanceName("imps-" + nodeId);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        if (!cluster.secret().isEmpty()) {
            // Hazelcast starts every log line with the cluster name; with a secret that name is what
            // admits a member, and logs are read by more people than the secret is given to.
            config.setProperty("hazelcast.logging.details.enabled", "false");
        }
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.getMemberAttributeConfig().setAttribute(HazelcastMembership.NODE_ATTRIBUTE, nodeId);
        if (cluster.minimumClusterSize() > 1) {
            // Session ownership, the session replicas and the admission counters refuse writes in a
            // partition smaller than the quorum, so two halves of a split cluster cannot both take a
            // session over or admit the same Client-ID.
            config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(QUORUM, true, cluster.minimumClusterSize()));
        }
        for (String map : new String[] {HazelcastSessionDirectory.MAP, HazelcastSessionStore.MAP,
                HazelcastSessionStore.QUEUES, HazelcastUserSessionRegistry.USERS, HazelcastUserSessionRegistry.COUNTERS}) {
            MapConfig mapConfig = config.getMapConfig(map);
            if (cluster.minimumClusterSize() > 1) {
                mapConfig.setSplitBrainProtectionName(QUORUM);
            }
            // After a split, the bigger side's entries win whole: each session keeps the owner, the
            // replica and the user's session list of one side, never a mix of the two (a per-entry
            // "latest update" could pair one side's owner with the other side's replica). Entries only
            // the smaller side has (sessions it created meanwhile) are added, and its nodes then
            // reconcile what they hold against the result (SessionCore.reconcileOwnership).
            mapConfig.setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), 100));
        }
        // A queue's replica is changed in place by each change its owner sends (QueueReplica): kept as
        // an object, a change costs what it carries, not the whole queue read and written again.
        config.getMapConfig(HazelcastSessionStore.QUEUES).setInMemoryFormat(InMemoryFormat.OBJECT);
        // Requests that land on a node that does not own their session look the owner up on every
        // request: keep the directory near each node, invalidated on change. Invalidations travel in
        // batches, so an entry can be stale: that costs one extra hop, the node named answers "not
        // here" and the router reads the entry again past the near cache
        // (HazelcastSessionDirectory.currentOwnerOf).
        config.getMapConfig(HazelcastSessionDirectory.MAP).setNearCacheConfig(nearCache());
        // Every message to a user looks the user's live sessions up, and most messages, group messages
        // and presence updates read a service map that rarely changes (SharedState.READ_MOSTLY): near
        // each node too. A node reading a user's session list from before a login elsewhere still finds
        // the session: a message that reaches none of the sessions it knows of looks again past the near
        // cache before it is kept offline (HazelcastUserSessionRegistry.currentSessionsOf).
        config.getMapConfig(HazelcastUserSessionRegistry.USERS).setNearCacheConfig(nearCache());
        for (String map : SharedState.READ_MOSTLY) {
            config.getMapConfig(HazelcastSharedState.PREFIX + map).setNearCacheConfig(nearCache());
        }
        // Invalidations of near copies on other nodes go out in batches; a batch waits at most this long
        // (Hazelcast's default is 10 s), so a block or a join made on one node holds on the others within
        // about a second even when little else changes.
        config.setProperty("hazelcast.map.invalidation.batch.frequency.seconds", "1");
        NetworkConfig network = config.getNetworkConfig();
        // The member binds exactly the configured port: with auto-increment a second node on the same
        // host would take the next port and, listing the host as a member, join the first one.
        network.setPort(cluster.port()).setPortAutoIncrement(false);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(false);
        if (!cluster.kubernetesServiceDns().isBlank()) {
            // In a pod the member binds its pod address; peers come from the headless Service's DNS records.
            // Each pod has an address of its own, so the next port is only ever taken when two members
            // share one host (a test on loopback); they still find each other through the Service port.
            network.setPortAutoIncrement(true);
            join.getKubernetesConfig().setEnabled(true)
                    .setProperty("service-dns", cluster.kubernetesServiceDns())
                    .setProperty("service-port", Integer.toString(cluster.port()));
            return config;
        }
        network.getInterfaces().setEnabled(true).addInterface(cluster.host());
        if (!cluster.members().isEmpty()) {
            // Only the members listed, each at the port given (a member without a port is looked for at
            // the cluster port only). With none listed the node joins nobody: a one-member cluster.
            join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        }
        return config;
    }
}
