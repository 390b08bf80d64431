package imps.app;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The management port: liveness and readiness. */
class ManagementApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void liveAndReadyOnceTheNodeHasJoinedAndListens() throws Exception {
        try (TestNode node = TestNode.start()) {
            HttpResponse<String> live = HTTP.send(HttpRequest.newBuilder(URI.create(node.mgmtUrl() + "/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, live.statusCode());
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create(node.mgmtUrl() + "/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode());
            JsonObject report = new JsonObject(ready.body());
            assertEquals("UP", report.getString("status"));
            assertEquals(new JsonObject().put("accepting", true).put("quorum", true).put("store", true)
                    .put("bearers", new JsonObject().put("http", "UP").put("tcp-cir", "UP").put("udp-cir", "UP")), report.getJsonObject("checks"),
                    "each check named, every bearer of the default configuration listening");
            HttpResponse<String> sms = HTTP.send(HttpRequest.newBuilder(URI.create(node.mgmtUrl() + "/health/sms")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, sms.statusCode(), "no SMS link on the embedded default: " + sms.body());
            node.node().stop().toCompletionStage().toCompletableFuture().get();
            assertTrue(!node.node().isReady(), "a stopping node is no longer ready");
        }
    }
}
