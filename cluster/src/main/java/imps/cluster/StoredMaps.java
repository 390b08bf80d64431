package imps.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MapStoreConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import imps.store.AccountTable;
import imps.store.Database;
import imps.store.EntryTable;
import imps.store.SubscriberTable;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Hazelcast maps that are kept in the subscriber store (docs/store.md): the accounts and the
 * services' maps named in {@link SubscriberTable}. Each is written through (write delay 0: a change
 * returns once its row is committed), read through on a miss, loaded lazily (never all keys at
 * start) and, with {@code store.cacheEntriesPerNode}, bounded in memory: least recently used entries
 * are evicted, which loses nothing because they are in the store. Maps not named here (sessions,
 * presence, watchers, login state) stay in memory only.
 */
public final class StoredMaps {
    static final String ACCOUNTS = "imps.accounts";
    /** How long a node's near copy of an account, or of its absence, lasts (docs/store.md, "Operations"). */
    static final int ACCOUNT_COPY_SECONDS = 10;

    private StoredMaps() {
    }

    /**
     * Adds the map stores to {@code config} before the member starts. {@code reportTtl}: how long
     * pending delivery reports are kept (the same time-to-live the services give that map).
     */
    public static void configure(Config config, Database db, int cacheEntriesPerNode, Duration reportTtl) {
        for (SubscriberTable table : SubscriberTable.values()) {
            // A group's joined members are sessions, kept in memory only (GroupForm): evicting a group
            // would forget who is in it. Groups are few beside users; they stay in memory once used,
            // and an address without a group is not remembered: clients name any address they like,
            // and that memory would have no bound. The other maps are keyed by users (and reports by
            // message, with a time-to-live).
            boolean groups = table == SubscriberTable.DISCUSSION_GROUPS;
            MapConfig map = stored(config, HazelcastSharedState.PREFIX + table.mapName(),
                    new TableMapStore(new EntryTable(db, table), !groups), groups ? 0 : cacheEntriesPerNode);
            if (table.expiring()) {
                map.setTimeToLiveSeconds((int) reportTtl.toSeconds());
            }
        }
        // Every login and every message reads accounts: each node keeps a near copy, dropped on every
        // change made through the cluster. An account written to the database directly (import-users
        // while nodes run) may have been looked up and not found: the copy of that miss lasts at most
        // ACCOUNT_COPY_SECONDS.
        stored(config, ACCOUNTS, new AccountMapStore(new AccountTable(db)), cacheEntriesPerNode)
                .setNearCacheConfig(HazelcastSetup.nearCache().setTimeToLiveSeconds(ACCOUNT_COPY_SECONDS));
    }

    private static MapConfig stored(Config config, String name, Object store, int cacheEntriesPerNode) {
        MapConfig map = config.getMapConfig(name);
        map.setMapStoreConfig(new MapStoreConfig().setEnabled(true).setImplementation(store).setWriteDelaySeconds(0)
                .setInitialLoadMode(MapStoreConfig.InitialLoadMode.LAZY));
        if (cacheEntriesPerNode > 0) {
            map.setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                    .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(cacheEntriesPerNode));
        }
        return map;
    }

    /**
     * Removes what the services keep for {@code userId}, from memory and store: the rows under the
     * User-ID (contact lists, block and grant lists, presence authorizations, auto-join groups, kept
     * offline messages) and the rows the user owns (discussion groups, delivery reports owed to the
     * user), found by the tables' owner columns.
     */
    public static Future<Void> forgetUser(HazelcastInstance hz, Database db, String userId) {
        List<Future<?>> removals = new ArrayList<>();
        for (SubscriberTable table : SubscriberTable.values()) {
            IMap<String, Object> map = hz.getMap(HazelcastSharedState.PREFIX + table.mapName());
            if (table.perUser()) {
                removals.add(OnContext.future(map.removeAsync(userId)));
            } else if (table.ownerColumn() != null) {
                EntryTable rows = new EntryTable(db, table);
                removals.add(OnContext.future(db.async(() -> rows.keysOwnedBy(userId)))
                        .compose(keys -> Future.all(keys.stream().map(k -> OnContext.future(map.removeAsync(k))).toList())));
            }
        }
        return Future.all(removals).mapEmpty();
    }
}
