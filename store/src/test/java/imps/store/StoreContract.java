package imps.store;

import imps.auth.Account;
import imps.auth.AccountPage;
import imps.config.GatewayConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every subscriber store must do, run against the embedded H2 ({@link H2StoreTest}) and a real
 * PostgreSQL ({@link PostgresStoreTest}) with the same migrations.
 */
abstract class StoreContract {
    protected Database db;

    /** Settings of a new, empty database. */
    protected abstract GatewayConfig.Store freshStore();

    @BeforeEach
    void open() {
        db = Database.open(freshStore());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void migrationsCreateTheSchemaOnceAndAreCheckedOnEveryOpen() {
        GatewayConfig.Store settings = freshStore();
        try (Database first = Database.open(settings)) {
            new AccountTable(first).save(new Account("alice", "secret", true));
        }
        try (Database again = Database.open(settings)) {
            assertEquals("secret", new AccountTable(again).find("alice").password(), "data survives a reopen");
            int applied = again.call(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(1, applied, "V1 applied once, not again on the second open");
        }
    }

    @Test
    void accountsAreSavedFoundChangedAndDeleted() {
        AccountTable accounts = new AccountTable(db);
        assertNull(accounts.find("alice"));
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        accounts.save(new Account("alice", "secret", true, "Alice", created, created));
        Account found = accounts.find("alice");
        assertEquals(new Account("alice", "secret", true, "Alice", created, created), found);
        Instant later = created.plusSeconds(5);
        accounts.save(new Account("alice", "n3w", false, null, created, later));
        Account changed = accounts.find("alice");
        assertEquals("n3w", changed.password());
        assertFalse(changed.enabled());
        assertNull(changed.displayName());
        assertEquals(created, changed.created());
        assertEquals(later, changed.changed());
        assertEquals(1, accounts.count());
        accounts.delete("alice");
        assertNull(accounts.find("alice"));
        assertEquals(0, accounts.count());
    }

    @Test
    void insertAbsentIsIdempotentAndKeepsExistingAccounts() {
        AccountTable accounts = new AccountTable(db);
        List<Account> file = List.of(new Account("alice", "secret", true), new Account("bob", "secret", true));
        assertEquals(2, accounts.insertAbsent(file));
        accounts.save(new Account("alice", "changed", true));
        assertEquals(0, accounts.insertAbsent(file), "a second import inserts nothing");
        assertEquals("changed", accounts.find("alice").password(), "and overwrites nothing");
        assertEquals(1, accounts.insertAbsent(List.of(new Account("carol", "x", true), new Account("bob", "y", true))));
        assertEquals("secret", accounts.find("bob").password());
    }

    @Test
    void theUsersFileIsSeededOnlyOnceEvenAfterItsAccountsAreDeleted() {
        AccountTable accounts = new AccountTable(db);
        List<Account> file = List.of(new Account("alice", "secret", true), new Account("bob", "secret", true));
        assertEquals(2, accounts.seedOnce(file));
        accounts.deleteAll(List.of("alice", "bob"));
        assertEquals(-1, accounts.seedOnce(file));
        assertEquals(0, accounts.count(), "deleted demo users do not come back at the next start");
    }

    @Test
    void pagesFollowUserIdOrderWithPrefixAndCursor() {
        AccountTable accounts = new AccountTable(db);
        List<Account> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(new Account(String.format("user%02d", i), "p", true));
        }
        all.add(new Account("other", "p", true));
        all.add(new Account("us_r", "p", true));
        accounts.insertAbsent(all);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            AccountPage page = accounts.page("user", 10, cursor);
            page.accounts().forEach(a -> seen.add(a.userId()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(25, seen.size());
        assertEquals("user00", seen.get(0));
        assertEquals("user24", seen.get(24));
        assertEquals(List.of("us_r"), accounts.page("us_", 10, null).accounts().stream().map(Account::userId).toList(),
                "_ in a prefix is a character, not a wildcard");
        AccountPage exact = accounts.page("", 27, null);
        assertEquals(27, exact.accounts().size());
        assertNull(exact.next(), "a page that ends exactly at the last account has no next cursor");
    }

    @Test
    void entriesAreStoredReplacedLoadedInBulkAndDeleted() {
        EntryTable lists = new EntryTable(db, SubscriberTable.CONTACT_LISTS);
        assertNull(lists.load("alice"));
        lists.store("alice", row("v1"));
        assertEquals(json("v1"), lists.load("alice").data());
        lists.store("alice", row("v2 with ünïcödé and a \" quote"));
        assertEquals(json("v2 with ünïcödé and a \" quote"), lists.load("alice").data());
        Map<String, EntryTable.Row> many = new HashMap<>();
        for (int i = 0; i < 1200; i++) {
            many.put("u" + i, row("value" + i));
        }
        lists.storeAll(many);
        Map<String, EntryTable.Row> loaded = lists.loadAll(many.keySet());
        assertEquals(1200, loaded.size(), "more keys than one IN list holds");
        assertEquals(json("value777"), loaded.get("u777").data());
        lists.deleteAll(many.keySet());
        lists.delete("alice");
        assertEquals(0, lists.count());
    }

    @Test
    void expiredEntriesAreNotLoadedAndArePurged() {
        EntryTable reports = new EntryTable(db, SubscriberTable.DELIVERY_REPORTS);
        long now = System.currentTimeMillis();
        reports.store("gone", new EntryTable.Row(json("old"), now - 1000, "alice"));
        reports.store("live", new EntryTable.Row(json("new"), now + 60_000, "alice"));
        reports.store("forever", new EntryTable.Row(json("kept"), 0, "bob"));
        assertNull(reports.load("gone"));
        EntryTable.Row live = reports.load("live");
        assertNotNull(live);
        assertEquals(now + 60_000, live.expiresAtMillis());
        assertEquals(0, reports.load("forever").expiresAtMillis());
        assertEquals(1, reports.purgeExpired());
        assertEquals(2, reports.count());
    }

    @Test
    void aFailingStatementRollsTheWholeTransactionBack() {
        EntryTable lists = new EntryTable(db, SubscriberTable.CONTACT_LISTS);
        Map<String, EntryTable.Row> rows = new HashMap<>();
        rows.put("ok", row("x"));
        rows.put("x".repeat(300), row("key longer than the column"));
        try {
            lists.storeAll(rows);
        } catch (RuntimeException expected) {
            assertNull(lists.load("ok"), "nothing of a failed batch is kept");
            assertTrue(db.available(), "a bad statement is not an outage");
            return;
        }
        throw new AssertionError("a key longer than the column must be refused");
    }

    @Test
    void rowsAreFoundByTheirOwner() {
        EntryTable groups = new EntryTable(db, SubscriberTable.DISCUSSION_GROUPS);
        groups.store("alice/chess", new EntryTable.Row(json("a"), 0, "alice"));
        groups.store("/lobby", new EntryTable.Row(json("b"), 0, "alice"));
        groups.store("bob/go", new EntryTable.Row(json("c"), 0, "bob"));
        assertEquals(List.of("/lobby", "alice/chess"), groups.keysOwnedBy("alice").stream().sorted().toList());
        assertEquals("alice", groups.load("/lobby").owner());
        assertEquals(List.of(), groups.keysOwnedBy("carol"));
        assertEquals(List.of(), new EntryTable(db, SubscriberTable.CONTACT_LISTS).keysOwnedBy("alice"),
                "a table keyed by User-ID has no owner column");
    }

    /**
     * Schema version 1 kept Java-serialized values; version 2 rewrites them in their JSON forms at the
     * first start of the new release, with the owner columns filled.
     */
    @Test
    void valuesOfSchemaVersion1AreConvertedToTheirJsonForms() throws Exception {
        GatewayConfig.Store settings = freshStore();
        String contacts = "{\"v\":1,\"default\":\"friends\",\"lists\":[{\"key\":\"friends\",\"displayName\":\"Friends\","
                + "\"members\":{\"bob\":\"Bobby\",\"carol\":null}}]}";
        String group = "{\"v\":1,\"owner\":\"alice\",\"properties\":{\"Name\":\"Chess\",\"Topic\":null},"
                + "\"welcomeNote\":{\"name\":\"WelcomeNote\",\"children\":[{\"name\":\"ContentData\",\"text\":\"hi\"}]}}";
        String report = "{\"v\":1,\"sender\":\"bob\",\"messageInfo\":{\"name\":\"MessageInfo\",\"children\":"
                + "[{\"name\":\"MessageID\",\"text\":\"m1\"}]}}";
        LegacySchema.create(settings, Map.of(
                SubscriberTable.CONTACT_LISTS, Map.of("alice", legacy(SubscriberTable.CONTACT_LISTS, contacts)),
                SubscriberTable.DISCUSSION_GROUPS, Map.of("alice/chess", legacy(SubscriberTable.DISCUSSION_GROUPS, group)),
                SubscriberTable.DELIVERY_REPORTS, Map.of("m1", legacy(SubscriberTable.DELIVERY_REPORTS, report))));
        try (Database upgraded = Database.open(settings)) {
            assertEquals(contacts, new EntryTable(upgraded, SubscriberTable.CONTACT_LISTS).load("alice").data());
            EntryTable.Row g = new EntryTable(upgraded, SubscriberTable.DISCUSSION_GROUPS).load("alice/chess");
            assertEquals(group, g.data());
            assertEquals("alice", g.owner());
            assertEquals(List.of("m1"), new EntryTable(upgraded, SubscriberTable.DELIVERY_REPORTS).keysOwnedBy("bob"));
            assertEquals(report, new EntryTable(upgraded, SubscriberTable.DELIVERY_REPORTS).load("m1").data());
        }
    }

    @Test
    void aStoredValueOfANewerFormVersionIsRefusedNotMisread() {
        String newer = "{\"v\":2,\"groups\":[]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubscriberTable.GROUP_AUTO_JOIN.form().decode(newer));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SubscriberTable.BLOCK_LISTS.form().decode("{\"v\":1}"));
        assertThrows(IllegalArgumentException.class, () -> SubscriberTable.BLOCK_LISTS.form().decode("not json"));
    }

    /** The version-1 bytes of the value whose JSON form is {@code json}: Java serialization of the object. */
    private static byte[] legacy(SubscriberTable table, String json) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(table.form().decode(json));
        }
        return bytes.toByteArray();
    }

    private static EntryTable.Row row(String s) {
        return new EntryTable.Row(json(s));
    }

    /** A JSON document standing for a value; the table does not look into it. */
    private static String json(String s) {
        return new JsonObject().put("v", 1).put("value", s).encode();
    }
}
