package imps.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import imps.auth.Account;
import imps.auth.AccountChange;
import imps.auth.AccountPage;
import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.Element;
import imps.protocol.StatusCode;
import imps.service.SharedMap;
import imps.service.im.MessagingService;
import imps.store.Database;
import imps.store.EntryTable;
import imps.store.PostgresServer;
import imps.store.SubscriberTable;
import io.vertx.core.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Serializable;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The services' maps and the accounts on real Hazelcast members written through to a real database:
 * PostgreSQL for clusters of two members, the embedded H2 for one.
 */
class StoredMapsTest {
    private static final SubscriberTable AUTO_JOIN = SubscriberTable.GROUP_AUTO_JOIN;
    private final List<HazelcastInstance> members = new ArrayList<>();
    private final List<Database> databases = new ArrayList<>();
    @TempDir
    Path dir;

    @AfterEach
    void shutdown() {
        members.forEach(m -> m.getLifecycleService().terminate());
        databases.forEach(Database::close);
    }

    @Test
    void aChangeIsCommittedBeforeItIsAnsweredAndReadBackByAFreshCluster() throws Exception {
        GatewayConfig.Store settings = PostgresServer.settings(PostgresServer.shared().createDatabase());
        String name = "stored-" + UUID.randomUUID();
        HazelcastInstance a = member(name, settings, null, 0);
        HazelcastInstance b = member(name, settings, a, 0);
        SharedMap<HashSet<String>> groups = new HazelcastSharedState(b).map(AUTO_JOIN.mapName());
        for (int i = 0; i < 20; i++) {
            String user = "user" + i;
            await(groups.compute(user, slot -> {
                slot.set(set("groups of " + user));
                return null;
            }));
            assertEquals(set("groups of " + user), stored(databases.get(0), user), "the row is committed when the change is answered");
        }
        await(groups.compute("user3", slot -> {
            slot.set(null);
            return null;
        }));
        a.getLifecycleService().terminate();
        b.getLifecycleService().terminate();
        HazelcastInstance fresh = member(name, settings, null, 0);
        SharedMap<HashSet<String>> again = new HazelcastSharedState(fresh).map(AUTO_JOIN.mapName());
        assertEquals(set("groups of user7"), await(again.get("user7")), "read through after a full restart");
        assertNull(await(again.get("user3")), "a removal is durable too");
        assertEquals(set("groups of user9", "more"), await(again.compute("user9", slot -> {
            HashSet<String> v = slot.get();
            v.add("more");
            slot.set(v);
            return slot.get();
        })), "an entry processor on an entry not in memory starts from the stored value");
    }

    @Test
    void aKeyWithoutARowIsLookedUpInTheStoreOnceAndNothingIsWrittenForIt() throws Exception {
        GatewayConfig.Store settings = embedded(dir.resolve("absent"));
        HazelcastInstance hz = member("stored-" + UUID.randomUUID(), settings, null, 0);
        SharedMap<HashSet<String>> groups = new HazelcastSharedState(hz).map(AUTO_JOIN.mapName());
        EntryTable table = new EntryTable(databases.get(0), AUTO_JOIN);
        assertNull(await(groups.get("dave")));
        assertEquals("none", await(groups.compute("dave", slot -> slot.get() == null ? "none" : "some")));
        assertEquals(0, table.count(), "reading and leaving an absent value writes nothing");
        await(groups.compute("dave", slot -> {
            slot.set(null);
            return null;
        }));
        table.store("dave", new EntryTable.Row(AUTO_JOIN.form().encode(set("behind the cluster's back"))));
        assertNull(await(groups.get("dave")), "the absence is remembered in memory: the store is not asked again");
        await(groups.compute("dave", slot -> {
            slot.set(set("chess"));
            return null;
        }));
        assertEquals(set("chess"), stored(databases.get(0), "dave"), "a value set on an absent key is written through");
        await(groups.compute("dave", slot -> {
            slot.set(null);
            return null;
        }));
        assertEquals(0, table.count(), "and removed again");

        SharedMap<Serializable> discussionGroups = new HazelcastSharedState(hz).map(SubscriberTable.DISCUSSION_GROUPS.mapName());
        assertNull(await(discussionGroups.get("nobody/none")));
        // The node's near copy of the groups map (HazelcastSetup) may keep the miss, but it is bounded
        // and evicts; the map itself, which never evicts groups, must hold nothing for the address.
        assertEquals(0, hz.getMap(HazelcastSharedState.PREFIX + SubscriberTable.DISCUSSION_GROUPS.mapName())
                        .getLocalMapStats().getOwnedEntryCount(),
                "a group address without a group is not remembered: clients may name any, and groups are not evicted");
    }

    @Test
    void concurrentChangesFromTwoMembersLoseNoUpdate() throws Exception {
        GatewayConfig.Store settings = PostgresServer.settings(PostgresServer.shared().createDatabase());
        String name = "stored-" + UUID.randomUUID();
        HazelcastInstance a = member(name, settings, null, 0);
        HazelcastInstance b = member(name, settings, a, 0);
        List<SharedMap<HashSet<String>>> maps = List.of(new HazelcastSharedState(a).map(AUTO_JOIN.mapName()),
                new HazelcastSharedState(b).map(AUTO_JOIN.mapName()));
        List<Future<Void>> changes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String n = "g" + i;
            changes.add(maps.get(i % 2).compute("alice", slot -> {
                HashSet<String> v = slot.get() == null ? new HashSet<>() : slot.get();
                v.add(n);
                slot.set(v);
                return null;
            }));
        }
        await(Future.all(changes));
        assertEquals(200, stored(databases.get(0), "alice").size(), "every change of both members is in the stored value");
    }

    @Test
    void anUnreachableStoreFailsTheChangeWith503AndLeavesTheEntryAsItWas() throws Exception {
        try (PostgresServer server = PostgresServer.create()) {
            GatewayConfig.Store settings = PostgresServer.settings(server.createDatabase());
            HazelcastInstance hz = member("stored-" + UUID.randomUUID(), settings, null, 0);
            SharedMap<HashSet<String>> groups = new HazelcastSharedState(hz).map(AUTO_JOIN.mapName());
            await(groups.compute("bob", slot -> {
                slot.set(set("one"));
                return null;
            }));
            server.stop();
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                ExecutionException e = failure(groups.compute("bob", slot -> {
                    slot.set(set("two"));
                    return null;
                }));
                CspException csp = assertInstanceOf(CspException.class, e.getCause());
                assertEquals(StatusCode.SERVICE_UNAVAILABLE, csp.status());
            }
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 10, "refused within the store's timeouts");
            assertEquals(set("one"), await(groups.get("bob")), "the refused change is not in memory either");
            assertFalse(databases.get(0).available());
            server.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!databases.get(0).available() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            await(groups.compute("bob", slot -> {
                slot.set(set("three"));
                return null;
            }));
            assertEquals(set("three"), stored(databases.get(0), "bob"));
        }
    }

    @Test
    void accountsAreProvisionedThroughTheClusterAndListedFromTheStore() throws Exception {
        GatewayConfig.Store settings = PostgresServer.settings(PostgresServer.shared().createDatabase());
        String name = "stored-" + UUID.randomUUID();
        HazelcastInstance a = member(name, settings, null, 0);
        HazelcastInstance b = member(name, settings, a, 0);
        HazelcastAccounts onA = new HazelcastAccounts(a, databases.get(0));
        HazelcastAccounts onB = new HazelcastAccounts(b, databases.get(1));
        assertTrue(await(onA.create(new Account("carol", "pw", true, "Carol", java.time.Instant.now(), java.time.Instant.now()))));
        assertFalse(await(onB.create(new Account("carol", "other", true))), "a taken User-ID");
        assertEquals("pw", await(onB.find("carol")).password());
        Account changed = await(onB.change("carol", new AccountChange("new", false, null)));
        assertEquals("new", changed.password());
        assertFalse(changed.enabled());
        assertEquals("Carol", changed.displayName());
        assertNull(await(onA.change("nobody", new AccountChange("x", null, null))));
        for (int i = 0; i < 5; i++) {
            await(onA.create(new Account("load" + i, "pw", true)));
        }
        AccountPage page = await(onB.list("load", 3, null));
        assertEquals(List.of("load0", "load1", "load2"), page.accounts().stream().map(Account::userId).toList());
        assertEquals(List.of("load3", "load4"), await(onB.list("load", 3, page.next())).accounts().stream()
                .map(Account::userId).toList());
        assertEquals("new", await(onA.remove("carol")).password());
        assertNull(await(onB.find("carol")));
        assertNull(await(onB.remove("carol")));
        assertNull(new imps.store.AccountTable(databases.get(0)).find("carol"), "the removal is in the store");
    }

    /**
     * import-users writes accounts to the database while nodes run. A node that looked such an account
     * up before and did not find it keeps that absence near it for ACCOUNT_COPY_SECONDS at most.
     */
    @Test
    void anAccountWrittenToTheStoreDirectlyIsFoundOnceTheNodesCopyOfItsAbsenceLapses() throws Exception {
        GatewayConfig.Store settings = PostgresServer.settings(PostgresServer.shared().createDatabase());
        HazelcastInstance hz = member("stored-" + UUID.randomUUID(), settings, null, 0);
        HazelcastAccounts accounts = new HazelcastAccounts(hz, databases.get(0));
        assertNull(await(accounts.find("zoe")));
        new imps.store.AccountTable(databases.get(0)).save(new Account("zoe", "pw", true));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(StoredMaps.ACCOUNT_COPY_SECONDS + 20);
        Account found = await(accounts.find("zoe"));
        while (found == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = await(accounts.find("zoe"));
        }
        assertNotNull(found, "the account imported behind the node's back is found");
        assertEquals("pw", found.password());
    }

    @Test
    void aBoundedCacheEvictsToTheStoreAndReadsBackOnDemandButKeepsEveryGroup() throws Exception {
        GatewayConfig.Store settings = embedded(dir.resolve("evict"));
        HazelcastInstance hz = member("stored-" + UUID.randomUUID(), settings, null, 300);
        SharedMap<HashSet<String>> autoJoin = new HazelcastSharedState(hz).map(AUTO_JOIN.mapName());
        SharedMap<Serializable> groups = new HazelcastSharedState(hz).map(SubscriberTable.DISCUSSION_GROUPS.mapName());
        Serializable group = SubscriberTable.DISCUSSION_GROUPS.<Serializable>form().decode("{\"v\":1,\"owner\":\"alice\",\"properties\":{}}");
        for (int i = 0; i < 3000; i++) {
            String key = "u" + i;
            await(autoJoin.compute(key, slot -> {
                slot.set(set("group " + key));
                return null;
            }));
            await(groups.compute("alice/g" + i, slot -> {
                slot.set(group);
                return null;
            }));
        }
        int inMemory = hz.getMap(HazelcastSharedState.PREFIX + AUTO_JOIN.mapName()).size();
        assertTrue(inMemory < 3000, "the cache is bounded: " + inMemory + " of 3000 in memory");
        for (int i = 0; i < 3000; i += 7) {
            assertEquals(set("group u" + i), await(autoJoin.get("u" + i)));
        }
        assertEquals(3000, hz.getMap(HazelcastSharedState.PREFIX + SubscriberTable.DISCUSSION_GROUPS.mapName()).size(),
                "groups, whose joined members live in memory only, are never evicted");
    }

    @Test
    void expiringEntriesAreStoredWithTheirExpiryAndOwner() throws Exception {
        GatewayConfig.Store settings = embedded(dir.resolve("expiring"));
        HazelcastInstance hz = member("stored-" + UUID.randomUUID(), settings, null, 0);
        SharedMap<MessagingService.PendingReport> reports = new HazelcastSharedState(hz).expiringMap(
                SubscriberTable.DELIVERY_REPORTS.mapName(), Duration.ofSeconds(3600));
        await(reports.compute("m1", slot -> {
            slot.set(new MessagingService.PendingReport("bob", Element.of("MessageInfo", Element.leaf("MessageID", "m1"))));
            return null;
        }));
        EntryTable.Row row = new EntryTable(databases.get(0), SubscriberTable.DELIVERY_REPORTS).load("m1");
        long left = row.expiresAtMillis() - System.currentTimeMillis();
        assertTrue(left > 3500_000 && left <= 3600_000, "stored with the map's time-to-live, " + left + " ms left");
        assertEquals("bob", row.owner(), "the sender owns the row");
    }

    private static HashSet<String> set(String... values) {
        return new HashSet<>(List.of(values));
    }

    /** The auto-join value stored under {@code key}, read from the table. */
    private static HashSet<String> stored(Database db, String key) {
        EntryTable.Row row = new EntryTable(db, AUTO_JOIN).load(key);
        assertNotNull(row, "a row for " + key);
        return AUTO_JOIN.<HashSet<String>>form().decode(row.data());
    }

    private HazelcastInstance member(String name, GatewayConfig.Store settings, HazelcastInstance seed, int cacheEntries) {
        Database db = Database.open(settings);
        databases.add(db);
        int port = freePort();
        // Every member of a test cluster joins through TCP/IP, the first one through its own address.
        List<String> join = List.of("127.0.0.1:" + (seed == null ? port : seed.getCluster().getLocalMember().getAddress().getPort()));
        Config config = HazelcastSetup.config(new GatewayConfig.Cluster(name, "", "127.0.0.1", port, join, "", 0, "127.0.0.1", 0),
                "n" + port);
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        StoredMaps.configure(config, db, cacheEntries, Duration.ofSeconds(3600));
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(config);
        members.add(hz);
        return hz;
    }

    private static GatewayConfig.Store embedded(Path dataDir) {
        return new GatewayConfig.Store(true, true, dataDir.toString(), "", "imps", "", 4, 1000, 5, 100, 1000, 500,
                "store", true, 0);
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static ExecutionException failure(Future<?> f) throws Exception {
        try {
            f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e;
        }
        return fail("the change was expected to fail");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
