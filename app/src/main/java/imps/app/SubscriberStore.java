package imps.app;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import imps.auth.Account;
import imps.auth.UserDirectory;
import imps.auth.YamlUserDirectory;
import imps.cluster.HazelcastAccounts;
import imps.cluster.StoredMaps;
import imps.config.GatewayConfig;
import imps.store.AccountTable;
import imps.store.Database;
import imps.store.EntryTable;
import imps.store.SubscriberTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The node's subscriber store as {@code store.*} configures it (docs/store.md): the database, the
 * Hazelcast maps written through to it, and where accounts come from. With {@code store.enabled}
 * false there is no database: the maps live in memory only and accounts come from the users file.
 */
final class SubscriberStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubscriberStore.class);
    private static final long PURGE_EVERY_MILLIS = Duration.ofHours(1).toMillis();
    private final GatewayConfig config;
    private final Database db;

    private SubscriberStore(GatewayConfig config, Database db) {
        this.config = config;
        this.db = db;
    }

    /**
     * Opens the database; the schema is migrated, and on the first start the users file imported
     * (when so configured), as soon as the database answers: a node starts while it is down, not ready.
     */
    static SubscriberStore open(GatewayConfig config) {
        GatewayConfig.Store s = config.store();
        if (!s.enabled()) {
            return new SubscriberStore(config, null);
        }
        if (s.embedded() && sharesTheCluster(config.cluster())) {
            throw new IllegalArgumentException("store.embedded keeps subscriber data on this node only; a cluster of"
                    + " several nodes needs one shared PostgreSQL (store.embedded: false, store.url)");
        }
        // The users file is read now, so that a wrong path stops the start even while the database is down.
        Collection<Account> seed = s.accountsInStore() && s.seedUsers()
                ? YamlUserDirectory.load(config.usersFile(), config.csp().domain()).accounts() : List.of();
        Database db = Database.start(s, started -> {
            if (!seed.isEmpty()) {
                int seeded = new AccountTable(started).seedOnce(seed);
                if (seeded >= 0) {
                    log.info("first start on this store: {} accounts imported from {}", seeded, config.usersFile());
                }
            }
        });
        return new SubscriberStore(config, db);
    }

    /** Whether other members are configured or looked for: an embedded store serves one node alone. */
    private static boolean sharesTheCluster(GatewayConfig.Cluster c) {
        String self = c.host() + ":" + c.port();
        return !c.kubernetesServiceDns().isBlank()
                || c.members().stream().anyMatch(m -> !(m.contains(":") ? m : m + ":" + c.port()).equals(self));
    }

    /** Adds the write-through map stores to the member's configuration, before it starts. */
    void configure(Config hazelcast) {
        if (db != null) {
            StoredMaps.configure(hazelcast, db, config.store().cacheEntriesPerNode(),
                    Duration.ofSeconds(config.services().offlineMessageTtlSeconds()));
        }
    }

    UserDirectory users(HazelcastInstance hz) {
        return config.store().accountsInStore() ? new HazelcastAccounts(hz, db)
                : YamlUserDirectory.load(config.usersFile(), config.csp().domain());
    }

    /** False while the store is unreachable: requests that need it get 503, the node is not ready. */
    boolean available() {
        return db == null || db.available();
    }

    /** The store's database, for its pool and failure metrics; null when the store is off. */
    Database database() {
        return db;
    }

    Future<Void> forgetUser(HazelcastInstance hz, String userId) {
        return StoredMaps.forgetUser(hz, db, userId);
    }

    /** Removes expired delivery reports from the store now and every hour (Hazelcast expires its copies itself). */
    void purgeExpiredEvery(Vertx vertx) {
        if (db == null) {
            return;
        }
        EntryTable reports = new EntryTable(db, SubscriberTable.DELIVERY_REPORTS);
        Runnable purge = () -> db.async(reports::purgeExpired).whenComplete((n, err) -> {
            if (err != null) {
                log.debug("purging expired delivery reports failed", err);
            }
        });
        purge.run();
        vertx.setPeriodic(PURGE_EVERY_MILLIS, id -> purge.run());
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
        }
    }
}
