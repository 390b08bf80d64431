package imps.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API over real HTTP on a two-node cluster: sessions of both nodes searched and paged from
 * either node, one session's detail, a user's sessions forced out, the members, a drain of the other
 * node watched to its end, the SMS link; bad parameters 400 naming them, unknown ids 404; and the
 * OpenAPI file against the routes the port really serves.
 */
class AdminApiTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static final List<TestNode> nodes = new ArrayList<>();

    @BeforeAll
    static void start() {
        nodes.addAll(TestNode.cluster(2, "admin", Map.of("IMPS_SESSION_MAX_SESSIONS_PER_USER", "20")));
    }

    @AfterAll
    static void stop() throws Exception {
        for (TestNode n : nodes) {
            n.close();
        }
    }

    static HttpResponse<String> call(TestNode node, String method, String path) throws Exception {
        return TestNode.mgmtHttp().send(TestNode.mgmtRequest(node.mgmtUrl() + path)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return new JsonObject(r.body());
    }

    private static void assertError(HttpResponse<String> r, int status, String parameter) {
        assertEquals(status, r.statusCode(), r.body());
        JsonObject body = new JsonObject(r.body());
        assertNotNull(body.getString("error"), r.body());
        if (parameter != null) {
            assertEquals(parameter, body.getString("parameter"), r.body());
        }
    }

    private static Set<String> ids(JsonObject page) {
        Set<String> ids = new HashSet<>();
        page.getJsonArray("sessions").forEach(o -> ids.add(((JsonObject) o).getString("sessionId")));
        return ids;
    }

    @Test
    void sessionsOfBothNodesAreSearchedPagedAndShownInDetail() throws Exception {
        CspClient on0 = nodes.get(0).client();
        CspClient on1 = nodes.get(1).client();
        String a0 = on0.login(V, "frank", "secret", "adm-f0");
        String a1 = on1.login(V, "frank", "secret", "adm-f1");
        String g1 = on1.login(CspVersion.V1_3, "grace", "secret", "adm-g1");
        on1.request(CspVersion.V1_3, g1, CspClient.serviceRequest());

        JsonObject frank = ok(call(nodes.get(0), "GET", "/admin/sessions?user=wv:Frank@" + TestNode.DOMAIN));
        assertEquals(Set.of(a0, a1), ids(frank), "both of frank's sessions, one per node");
        assertEquals(Set.of("admin0", "admin1"), new HashSet<>(frank.getJsonArray("sessions").stream()
                .map(o -> ((JsonObject) o).getString("node")).toList()));
        assertEquals(Set.of(g1), ids(ok(call(nodes.get(0), "GET", "/admin/sessions?version=1.3&user=grace"))));
        assertEquals(Set.of(a1, g1), ids(ok(call(nodes.get(0), "GET", "/admin/sessions?node=admin1&bearer=http")))
                .stream().filter(id -> id.equals(a1) || id.equals(g1)).collect(java.util.stream.Collectors.toSet()));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = ok(call(nodes.get(1), "GET", "/admin/sessions?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)));
            assertTrue(page.getJsonArray("sessions").size() <= 1);
            page.getJsonArray("sessions").forEach(o -> paged.add(((JsonObject) o).getString("sessionId")));
            cursor = page.getString("next");
        } while (cursor != null);
        assertTrue(paged.containsAll(List.of(a0, a1, g1)), "every session once over the pages: " + paged);
        assertEquals(new TreeSet<>(paged).size(), paged.size(), "no session twice");
        assertEquals(new ArrayList<>(new TreeSet<>(paged)), paged, "in Session-ID order");

        JsonObject detail = ok(call(nodes.get(0), "GET", "/admin/sessions/" + g1));
        assertEquals("grace", detail.getString("userId"));
        assertEquals("admin1", detail.getString("node"), "read on its owner");
        assertEquals("1.3", detail.getString("version"));
        assertEquals("http", detail.getString("bearer"));
        assertTrue(detail.getBoolean("servicesNegotiated"));
        assertEquals(0, detail.getJsonObject("queue").getInteger("pending"));
        assertTrue(detail.containsKey("cir") && detail.getValue("cir") == null, "no CIR channel");
        assertTrue(detail.getInteger("idleSeconds") >= 0 && detail.getInteger("ageSeconds") >= 0);

        assertError(call(nodes.get(0), "GET", "/admin/sessions/no-such-session"), 404, null);
        assertError(call(nodes.get(0), "GET", "/admin/sessions?limit=0"), 400, "limit");
        assertError(call(nodes.get(0), "GET", "/admin/sessions?limit=ten"), 400, "limit");
        assertError(call(nodes.get(0), "GET", "/admin/sessions?version=2.0"), 400, "version");
        assertError(call(nodes.get(0), "GET", "/admin/sessions?bearer=pigeon"), 400, "bearer");
        assertError(call(nodes.get(0), "GET", "/admin/sessions?state=dead"), 400, "state");
        assertError(call(nodes.get(0), "GET", "/admin/sessions?colour=red"), 400, "colour");
        assertError(call(nodes.get(0), "GET", "/admin/sessions?node=nowhere"), 404, null);

        JsonObject ended = ok(call(nodes.get(1), "POST", "/admin/users/frank/disconnect"));
        assertEquals(2, ended.getInteger("sessionsEnded"), "601 to both of frank's sessions, one on each node");
        assertEquals(601, on0.poll(V, a0).code());
        assertEquals(601, on1.poll(V, a1).code());
        assertTrue(ids(ok(call(nodes.get(0), "GET", "/admin/sessions?user=frank"))).isEmpty(), "no live session left");
        assertEquals(Set.of(a0, a1), ids(ok(call(nodes.get(0), "GET", "/admin/sessions?user=frank&state=retained"))));
        assertEquals(0, ok(call(nodes.get(1), "POST", "/admin/users/frank/disconnect")).getInteger("sessionsEnded"));
        assertError(call(nodes.get(1), "POST", "/admin/users/nobody-here/disconnect"), 404, null);
    }

    @Test
    void membersAreListedAndAnotherNodeIsDrainedAndWatched() throws Exception {
        JsonObject cluster = ok(call(nodes.get(0), "GET", "/admin/cluster"));
        assertTrue(cluster.getBoolean("quorate"));
        JsonArray members = cluster.getJsonArray("members");
        assertEquals(2, members.size());
        for (Object o : members) {
            JsonObject m = (JsonObject) o;
            assertTrue(m.getBoolean("ready"), m.encode());
            assertEquals("idle", m.getString("drain"));
        }
        assertEquals("admin1", ok(call(nodes.get(0), "GET", "/admin/nodes/admin1")).getString("nodeId"));
        assertError(call(nodes.get(0), "GET", "/admin/nodes/nowhere"), 404, null);
        assertError(call(nodes.get(0), "POST", "/admin/nodes/nowhere/drain"), 404, null);
        assertError(call(nodes.get(0), "GET", "/admin/sms"), 404, null);

        CspClient on1 = nodes.get(1).client();
        List<String> moving = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            moving.add(on1.login(V, "heidi", "secret", "adm-h" + i));
        }
        HttpResponse<String> started = call(nodes.get(0), "POST", "/admin/nodes/admin1/drain");
        assertEquals(202, started.statusCode(), started.body());
        JsonObject progress = new JsonObject(started.body());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"done".equals(progress.getString("state")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            progress = ok(call(nodes.get(0), "GET", "/admin/nodes/admin1/drain"));
        }
        assertEquals("done", progress.getString("state"), progress.encode());
        assertTrue(progress.getInteger("sessionsMoved") >= 6, progress.encode());
        assertEquals(0, progress.getInteger("sessionsHeld"));
        assertFalse(ok(call(nodes.get(0), "GET", "/admin/nodes/admin1")).getBoolean("ready"), "a drained node is not ready");
        for (String sid : moving) {
            assertEquals("admin0", ok(call(nodes.get(1), "GET", "/admin/sessions/" + sid)).getString("node"));
            assertEquals(200, on1.request(V, sid, Element.empty("KeepAlive-Request")).code(), "the session goes on");
        }
    }

    @Test
    void theOpenApiFileDescribesExactlyTheRoutesServed() throws Exception {
        JsonNode spec;
        try (InputStream in = AdminApiTest.class.getClassLoader().getResourceAsStream("ops/openapi.yaml")) {
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        spec.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(method -> {
            if (Set.of("get", "post", "put", "patch", "delete", "head").contains(method)) {
                documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
            }
        }));
        Set<String> served = new TreeSet<>();
        nodes.get(0).node().operations().routes().forEach(r -> served.add(r.replaceAll(":([a-zA-Z]+)", "{$1}")));
        assertEquals(served, documented, "openapi.yaml must list every route of the management port, and only those");

        HttpResponse<String> file = call(nodes.get(0), "GET", "/admin/openapi.yaml");
        assertEquals(200, file.statusCode());
        assertTrue(file.body().startsWith("openapi: 3"), "served from the jar");
        for (JsonNode path : spec.path("paths")) {
            path.fields().forEachRemaining(op -> op.getValue().path("responses").fieldNames().forEachRemaining(code ->
                    assertTrue(code.matches("[1-5][0-9][0-9]"), "a response code: " + code)));
        }
        assertNull(spec.path("paths").get("/admin/sessions/:id"), "OpenAPI path templates use braces");
    }
}
