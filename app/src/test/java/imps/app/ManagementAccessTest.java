package imps.app;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access control of the management port over real HTTP: no token, a wrong one, a read-only one
 * trying a change, a browser's Basic credentials with and without X-Requested-With; open and
 * protected health and metrics; a node with no token configured; refusals counted and logged
 * without the credential.
 */
class ManagementAccessTest {
    private static final String OPERATOR = "operator-token-4f1c";
    private static final String READER = "reader-token-77aa";

    private static HttpResponse<String> send(TestNode node, String method, String path, String authorization,
                                             String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.mgmtUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return TestNode.mgmtHttp().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString(("ops:" + token).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyAdminRouteNeedsAValidTokenAndOnlyAnOperatorTokenMayChangeAnything() throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (TestNode node = TestNode.start(Map.of("IMPS_MGMT_TOKENS", OPERATOR + ",second-operator-token",
                "IMPS_MGMT_READ_ONLY_TOKENS", READER))) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            HttpResponse<String> none = send(node, "GET", "/admin/cluster", null);
            assertEquals(401, none.statusCode());
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer realm="), none.headers().toString());
            assertTrue(none.body().contains("\"error\""));
            HttpResponse<String> wrong = send(node, "GET", "/admin/cluster", "Bearer wrong-" + OPERATOR);
            assertEquals(401, wrong.statusCode());
            assertFalse(wrong.body().contains(OPERATOR), "the credential is never echoed");
            assertEquals(401, send(node, "GET", "/admin/sessions", "Bearer " + OPERATOR.substring(0, 10)).statusCode(),
                    "a prefix of a token is no token");
            assertEquals(401, send(node, "POST", "/admin/drain", "Bearer").statusCode());
            assertEquals(401, send(node, "GET", "/admin/users", "Token " + OPERATOR).statusCode(), "unknown scheme");
            assertEquals(401, send(node, "GET", "/ops/", null).statusCode());
            assertTrue(send(node, "GET", "/ops/", null).headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "),
                    "a browser is asked for Basic credentials");

            assertEquals(200, send(node, "GET", "/admin/cluster", "Bearer " + OPERATOR).statusCode());
            assertEquals(200, send(node, "GET", "/admin/cluster", "Bearer second-operator-token").statusCode());
            assertEquals(200, send(node, "GET", "/admin/sessions", "Bearer " + READER).statusCode(), "a reader may read");
            HttpResponse<String> readerChange = send(node, "POST", "/admin/users/alice/disconnect", "Bearer " + READER);
            assertEquals(403, readerChange.statusCode(), "a reader may not change anything");
            assertEquals(403, send(node, "POST", "/admin/drain", "Bearer " + READER).statusCode());
            assertTrue(node.node().isReady(), "nothing was drained");

            assertEquals(200, send(node, "GET", "/ops/", basic(OPERATOR)).statusCode(), "the page with Basic");
            assertEquals(403, send(node, "POST", "/admin/users/alice/disconnect", basic(OPERATOR)).statusCode(),
                    "a browser's change without X-Requested-With (a foreign page could have sent it)");
            assertEquals(200, send(node, "POST", "/admin/users/alice/disconnect", basic(OPERATOR),
                    "X-Requested-With", "ops").statusCode());
            assertEquals(401, send(node, "GET", "/ops/", basic("nope")).statusCode());

            assertEquals(200, send(node, "GET", "/health/live", null).statusCode(), "health is open by default");
            assertEquals(200, send(node, "GET", "/health/ready", null).statusCode());
            HttpResponse<String> metrics = send(node, "GET", "/metrics", null);
            assertEquals(200, metrics.statusCode(), "metrics are open by default");
            Scrape scrape = Scrape.parse(metrics.body());
            assertEquals(5, scrape.sum("imps_mgmt_auth_failures_total", "reason", "missing"), "the request without a token,"
                    + " the bare 'Bearer', the unknown scheme and the page twice");
            assertEquals(3, scrape.sum("imps_mgmt_auth_failures_total", "reason", "invalid"));
            assertEquals(2, scrape.sum("imps_mgmt_auth_failures_total", "reason", "read_only"));
            assertEquals(1, scrape.sum("imps_mgmt_auth_failures_total", "reason", "cross_site"));
            Thread.sleep(200);
        } finally {
            System.setErr(stderr);
        }
        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("refused GET /admin/cluster from 127.0.0.1: invalid"), lines);
        assertTrue(lines.contains("refused POST /admin/drain from 127.0.0.1: read only"), lines);
        assertFalse(lines.contains(OPERATOR.substring(0, 10)) || lines.contains(READER), "no credential in the log:\n" + lines);
        assertFalse(lines.contains(Base64.getEncoder().encodeToString(("ops:" + OPERATOR).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void healthAndMetricsCanBeProtectedAndANodeWithoutTokensLetsNobodyIn() throws Exception {
        try (TestNode node = TestNode.start(Map.of("IMPS_MGMT_TOKENS", OPERATOR, "IMPS_MGMT_HEALTH_OPEN", "false",
                "IMPS_MGMT_METRICS_OPEN", "false"))) {
            assertEquals(401, send(node, "GET", "/health/ready", null).statusCode());
            assertEquals(401, send(node, "GET", "/metrics", null).statusCode());
            assertEquals(200, send(node, "GET", "/health/ready", "Bearer " + OPERATOR).statusCode());
            HttpResponse<String> metrics = send(node, "GET", "/metrics", "Bearer " + OPERATOR);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        }
        try (TestNode closed = TestNode.start(Map.of("IMPS_MGMT_TOKENS", ""))) {
            assertEquals(401, send(closed, "GET", "/admin/cluster", "Bearer " + TestNode.MGMT_TOKEN).statusCode());
            assertEquals(401, send(closed, "POST", "/admin/drain", "Bearer ").statusCode());
            assertEquals(401, send(closed, "GET", "/ops/", basic("")).statusCode());
            assertEquals(200, send(closed, "GET", "/health/live", null).statusCode(), "probes still work");
            assertTrue(closed.node().isReady());
        }
    }
}
