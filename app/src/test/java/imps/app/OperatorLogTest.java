package imps.app;

import imps.protocol.CspVersion;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's log of a node process with {@code log.format: json}: every line one JSON object; a
 * refused login and a forced logout one line each, naming user, code and session, never the
 * password or a message body; a drain its start and end.
 */
class OperatorLogTest {
    @Test
    void sessionEventsAreOneJsonLineEachWithoutSecrets() throws Exception {
        ProcessCluster cluster = new ProcessCluster(Map.of("IMPS_LOG_FORMAT", "json"), List.of());
        try {
            ProcessCluster.GatewayProcess node = cluster.start("json-log", 0);
            CspClient client = node.client();
            String password = "not-the-password-4711";
            assertEquals(409, client.request(CspVersion.V1_2, null, CspClient.login2way("nina", password, "log-1", null)).code());
            String sid = client.login(CspVersion.V1_2, "nina", "secret", "log-2");
            HttpResponse<String> forced = TestNode.mgmtHttp().send(TestNode.mgmtRequest(node.mgmtUrl()
                    + "/admin/sessions/" + sid + "/disconnect").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, forced.statusCode());
            assertEquals(200, TestNode.mgmtHttp().send(TestNode.mgmtRequest(node.mgmtUrl() + "/admin/drain")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            String log = awaitLine(node, "drain finished");
            List<JsonObject> lines = log.lines().filter(l -> l.startsWith("{")).map(JsonObject::new).toList();
            assertTrue(log.lines().filter(l -> !l.isBlank()).allMatch(l -> l.startsWith("{") || l.startsWith("IMPS gateway ")),
                    "every log line is JSON (the ready banner goes to standard output):\n" + log);
            JsonObject refused = one(lines, "login refused");
            assertEquals("INFO", refused.getString("level"));
            assertEquals("imps.events", refused.getString("logger"));
            assertTrue(refused.getString("message").contains("user=nina") && refused.getString("message").contains("code=409"),
                    refused.encode());
            assertTrue(refused.containsKey("time") && refused.containsKey("thread"));
            JsonObject disconnected = one(lines, "session disconnected");
            assertTrue(disconnected.getString("message").contains("code=601")
                    && disconnected.getString("message").contains(sid), disconnected.encode());
            one(lines, "drain started");
            assertFalse(log.contains(password), "no password in the log");
            assertFalse(log.contains("secret"), "no password in the log");
        } finally {
            cluster.destroyAll();
        }
    }

    private static JsonObject one(List<JsonObject> lines, String start) {
        List<JsonObject> found = lines.stream().filter(l -> l.getString("message", "").startsWith(start)).toList();
        assertEquals(1, found.size(), start + ": " + found);
        return found.get(0);
    }

    private static String awaitLine(ProcessCluster.GatewayProcess node, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String log = node.log();
        while (!log.contains(marker) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            log = node.log();
        }
        return log;
    }
}
