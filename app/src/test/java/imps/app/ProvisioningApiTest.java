package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.store.AccountTable;
import imps.store.Database;
import imps.store.EntryTable;
import imps.store.SubscriberTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static imps.app.SubscriberScenario.get;
import static imps.app.SubscriberScenario.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The provisioning API over real HTTP on a node with the embedded store, and what a change does to logins. */
class ProvisioningApiTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static TestNode node;
    private static Path dataDir;
    private static String users;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("imps-provisioning");
        node = TestNode.start(Map.of("IMPS_STORE_ENABLED", "true", "IMPS_STORE_DATA_DIR", dataDir.toString()));
        users = node.mgmtUrl() + "/admin/users";
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static JsonObject json(HttpResponse<String> r) {
        return new JsonObject(r.body());
    }

    private static Reply login(String user, String password) {
        return node.client().request(CspVersion.V1_2, null, CspClient.login2way(user, password, "prov-" + System.nanoTime(), null));
    }

    @Test
    void aCreatedUserLogsInAndChangesTakeEffectAtOnce() throws Exception {
        HttpResponse<String> created = send("POST", users, "{\"userId\":\"WV:Olga@" + TestNode.DOMAIN
                + "\",\"password\":\"pw1\",\"displayName\":\"Olga\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("/admin/users/olga", created.headers().firstValue("Location").orElse(null));
        JsonObject account = json(created);
        assertEquals("olga", account.getString("userId"));
        assertFalse(account.containsKey("password"), "passwords are never returned");
        assertEquals(200, login("wv:olga", "pw1").code());

        assertEquals(409, send("POST", users, "{\"userId\":\"olga\",\"password\":\"x\"}").statusCode());

        HttpResponse<String> read = get(users + "/wv:olga");
        assertEquals(200, read.statusCode());
        assertEquals("Olga", json(read).getString("displayName"));
        assertTrue(json(read).getBoolean("enabled"));

        assertEquals(200, send("PATCH", users + "/olga", "{\"password\":\"pw2\"}").statusCode());
        assertEquals(409, login("olga", "pw1").code(), "the old password no longer works");
        assertEquals(200, login("olga", "pw2").code());
        HttpResponse<String> disabled = send("PATCH", users + "/olga", "{\"enabled\":false,\"displayName\":\"O.\"}");
        assertEquals(200, disabled.statusCode());
        assertFalse(json(disabled).getBoolean("enabled"));
        assertEquals("O.", json(disabled).getString("displayName"));
        assertEquals(403, login("olga", "pw2").code());
        assertEquals(200, send("PATCH", users + "/olga", "{\"enabled\":true}").statusCode());
        assertEquals(200, login("olga", "pw2").code());
    }

    @Test
    void theUsersFileWasImportedAndAccountsArePagedInOrder() throws Exception {
        assertEquals(200, get(users + "/alice").statusCode(), "the test users file was imported at the first start");
        for (int i = 0; i < 7; i++) {
            assertEquals(201, send("POST", users, "{\"userId\":\"page" + i + "\",\"password\":\"p\"}").statusCode());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse<String> page = get(users + "?prefix=page&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.statusCode(), page.body());
            JsonArray list = json(page).getJsonArray("users");
            list.forEach(u -> seen.add(((JsonObject) u).getString("userId")));
            cursor = json(page).getString("next");
            pages++;
        } while (cursor != null);
        assertEquals(List.of("page0", "page1", "page2", "page3", "page4", "page5", "page6"), seen);
        assertEquals(3, pages);
    }

    @Test
    void badInputIs400NamingTheFieldAndUnknownUsersAre404() throws Exception {
        assertBad(send("POST", users, "{\"password\":\"p\"}"), "userId");
        assertBad(send("POST", users, "{\"userId\":\"nopw\"}"), "password");
        assertBad(send("POST", users, "{\"userId\":42,\"password\":\"p\"}"), "userId");
        assertBad(send("POST", users, "{\"userId\":\"x1\",\"password\":7}"), "password");
        assertBad(send("POST", users, "{\"userId\":\"x2\",\"password\":\"p\",\"enabled\":\"yes\"}"), "enabled");
        assertBad(send("POST", users, "{\"userId\":\"x3\",\"password\":\"p\",\"admin\":true}"), "admin");
        assertBad(send("POST", users, "{\"userId\":\"x4@elsewhere.net\",\"password\":\"p\"}"), "userId");
        assertBad(send("POST", users, "{\"userId\":\"x 5\",\"password\":\"p\"}"), "userId");
        assertBad(send("POST", users, "{\"userId\":\"x6\",\"password\":\"\\u4e2d\"}"), "password");
        assertBad(send("PATCH", users + "/alice", "{\"enabled\":null}"), "enabled");
        assertBad(get(users + "?limit=abc"), "limit");
        assertBad(get(users + "?limit=100000"), "limit");
        HttpResponse<String> notJson = send("POST", users, "{userId:");
        assertEquals(400, notJson.statusCode());
        assertTrue(json(notJson).getString("error").contains("not JSON"));
        assertEquals(400, send("POST", users, "[1,2]").statusCode());
        assertEquals(400, send("PATCH", users + "/alice", "{}").statusCode());
        HttpResponse<String> huge = send("POST", users, "{\"userId\":\"big\",\"password\":\"" + "p".repeat(100_000) + "\"}");
        assertEquals(413, huge.statusCode());
        assertTrue(json(huge).getString("error").contains("larger"));
        assertEquals(404, get(users + "/ghost").statusCode());
        assertEquals(404, send("PATCH", users + "/ghost", "{\"enabled\":false}").statusCode());
        assertEquals(404, send("DELETE", users + "/ghost", null).statusCode());
        assertEquals(404, get(users + "/x1").statusCode(), "nothing of a refused request was created");
    }

    /**
     * Victor has every kind of data: a contact list, a block list, a presence authorization, an
     * auto-join group that he owns, a message kept for him and a delivery report owed to him. After the
     * DELETE none of it is left, in memory or in the store.
     */
    @Test
    void deletingAUserEndsItsSessionsWith601AndRemovesAllItsData() throws Exception {
        assertEquals(201, send("POST", users, "{\"userId\":\"victor\",\"password\":\"secret\"}").statusCode());
        CspClient client = node.client();
        String first = SubscriberScenario.session(client, "victor", "doomed");
        assertEquals(200, SubscriberScenario.createList(client, first, "wv:victor/pals", "alice").code());
        assertEquals(200, SubscriberScenario.block(client, first, "frank").code());
        assertEquals(200, client.request(V, first, Element.of("CancelAuth-Request", Element.leaf("UserID", "wv:alice"))).code());
        assertEquals(200, client.request(V, first, Element.builder("CreateGroup-Request").leaf("GroupID", "wv:victor/club")
                .leaf("JoinGroup", "F").leaf("SubscribeNotification", "F").build()).code());
        assertEquals("JoinGroup-Response", client.request(V, first, Element.builder("JoinGroup-Request")
                .leaf("GroupID", "wv:victor/club").add(Element.of("OwnProperties", Element.builder("Property")
                        .leaf("Name", "AutoJoin").leaf("Value", "T").build())).build()).primitive().name());
        assertEquals(200, client.request(V, first, Element.builder("SendMessage-Request").leaf("DeliveryReport", "T")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", 5)
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", "wv:dave")))).build())
                .leaf("ContentData", "later").build()).code(), "kept for dave, a report owed to victor");
        client.request(V, first, Element.empty("Logout-Request"));
        String alice = SubscriberScenario.session(client, "alice", "to-victor");
        assertEquals(200, SubscriberScenario.message(client, alice, "victor", "while you were out").code());
        // A live session that did not negotiate services: the kept message stays kept.
        String sid = client.login(V, "victor", "secret", "live-" + System.nanoTime());

        try (Database db = Database.open(node.config().store())) {
            for (SubscriberTable table : SubscriberTable.values()) {
                EntryTable rows = new EntryTable(db, table);
                if (table.perUser()) {
                    assertNotNull(rows.load("victor"), "before: victor has a row in " + table.table());
                } else {
                    assertEquals(1, rows.keysOwnedBy("victor").size(), "before: victor owns a row in " + table.table());
                }
            }
            HttpResponse<String> deleted = send("DELETE", users + "/victor", null);
            assertEquals(200, deleted.statusCode(), deleted.body());
            assertEquals(1, json(deleted).getInteger("sessionsEnded"));
            for (SubscriberTable table : SubscriberTable.values()) {
                EntryTable rows = new EntryTable(db, table);
                assertNull(rows.load("victor"), "after: no row of victor's in " + table.table());
                assertEquals(List.of(), rows.keysOwnedBy("victor"), "after: victor owns nothing in " + table.table());
            }
            assertNull(new AccountTable(db).find("victor"));
        }
        Reply r = SubscriberScenario.poll(client, sid);
        assertEquals("Disconnect", r.primitive().name());
        assertEquals(601, r.code());
        assertEquals(531, login("victor", "secret").code());
        assertEquals(404, get(users + "/victor").statusCode());
        assertEquals(531, SubscriberScenario.message(client, alice, "victor", "gone?").code(),
                "a deleted user is unknown to the services too");
        assertEquals(800, client.request(V, alice, Element.of("GetGroupProps-Request", Element.leaf("GroupID", "wv:victor/club")))
                .code(), "the groups he owned are gone, from memory too");
        assertEquals(201, send("POST", users, "{\"userId\":\"victor\",\"password\":\"secret\"}").statusCode());
        String again = SubscriberScenario.session(client, "victor", "reborn");
        assertFalse(SubscriberScenario.lists(client, again).contains("wv:victor/pals"), "the old user's lists are gone");
        assertTrue(client.drain(V, again).stream().noneMatch(p -> p.name().equals("NewMessage")),
                "and so are the messages kept for him");
    }

    /** What a DELETE that failed half-way (503 after the account went) left behind goes with the next DELETE. */
    @Test
    void deletingAnUnknownUserIs404AndRemovesWhatIsLeftUnderItsUserId() throws Exception {
        try (Database db = Database.open(node.config().store())) {
            EntryTable lists = new EntryTable(db, SubscriberTable.CONTACT_LISTS);
            EntryTable groups = new EntryTable(db, SubscriberTable.DISCUSSION_GROUPS);
            lists.store("zoe", new EntryTable.Row("{\"v\":1,\"default\":null,\"lists\":[]}"));
            groups.store("zoe/left", new EntryTable.Row("{\"v\":1,\"owner\":\"zoe\",\"properties\":{}}", 0, "zoe"));
            assertEquals(404, send("DELETE", users + "/zoe", null).statusCode());
            assertNull(lists.load("zoe"));
            assertEquals(List.of(), groups.keysOwnedBy("zoe"));
        }
    }

    @Test
    void aReadOnlyUsersFileRefusesChanges() throws Exception {
        try (TestNode file = TestNode.start(Map.of("IMPS_STORE_ENABLED", "false"))) {
            String url = file.mgmtUrl() + "/admin/users";
            assertEquals(405, send("POST", url, "{\"userId\":\"zed\",\"password\":\"p\"}").statusCode());
            assertEquals(405, send("DELETE", url + "/alice", null).statusCode());
            HttpResponse<String> alice = get(url + "/alice");
            assertEquals(200, alice.statusCode());
            assertNull(json(alice).getString("created"));
        }
    }

    private static void assertBad(HttpResponse<String> r, String field) {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, new JsonObject(r.body()).getString("field"), r.body());
    }
}
