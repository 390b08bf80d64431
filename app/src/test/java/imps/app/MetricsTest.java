package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.transport.sms.smpp.SmscSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * /metrics after real traffic: logins of every kind over HTTP, a message that wakes its recipient
 * through a TCP CIR connection and is collected, a full queue, an undecodable body, a login over SMS
 * through the SMSC simulator, logout and forced logout. Each scrape is compared with the one before,
 * series by series and label by label.
 */
class MetricsTest {
    private static final CspVersion V = CspVersion.V1_2;
    private static final String GATEWAY_NUMBER = "3590";
    private static SmscSimulator smsc;
    private static TestNode node;
    private static CspClient http;

    @BeforeAll
    static void start() throws Exception {
        smsc = SmscSimulator.start("imps", "secret");
        node = TestNode.start(Map.of(
                "IMPS_SMS_ENABLED", "true",
                "IMPS_SMS_ADDRESS", GATEWAY_NUMBER,
                "IMPS_SMS_SMPP_HOST", smsc.host(),
                "IMPS_SMS_SMPP_PORT", Integer.toString(smsc.port()),
                "IMPS_SESSION_MAX_QUEUED_PRIMITIVES", "2"));
        smsc.awaitBound(Duration.ofSeconds(20));
        http = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (smsc != null) {
            smsc.close();
        }
    }

    private static String session(String user, String clientUrl, boolean stcp) {
        String sid = http.login(V, user, "secret", clientUrl);
        Element.Builder caps = Element.builder("CapabilityList").leaf("SupportedBearer", "HTTP");
        if (stcp) {
            caps.leaf("SupportedCIRMethod", "STCP");
        }
        assertEquals("ClientCapability-Response", http.request(V, sid, Element.of("ClientCapability-Request", caps.build()))
                .primitive().name());
        assertEquals("Service-Response", http.request(V, sid, CspClient.serviceRequest()).primitive().name());
        return sid;
    }

    private static Element message(String to, String text) {
        return Element.builder("SendMessage-Request").leaf("DeliveryReport", "F")
                .add(Element.builder("MessageInfo").leaf("ContentType", "text/plain").leaf("ContentSize", text.length())
                        .add(Element.of("Recipient", Element.of("User", Element.leaf("UserID", to)))).build())
                .leaf("ContentData", text).build();
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    @Test
    void trafficOverHttpTcpCirAndSmsShowsInTheScrape() throws Exception {
        Scrape before = Scrape.of(node);

        String alice = session("alice", "m-alice", false);
        assertEquals(409, http.request(V, null, CspClient.login2way("alice", "wrong", "m-wrong", null)).code());
        assertEquals(200, http.login4way(V, "carol", "secret", "m-carol", "MD5").code());
        assertEquals(400, http.postRaw("text/xml", "<html><body/></html>".getBytes(StandardCharsets.UTF_8)).status());
        String bob = session("bob", "m-bob", true);
        String dave = session("dave", "m-dave", false);

        try (Socket socket = new Socket("127.0.0.1", node.config().tcpCir().port())) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(("HELO " + bob + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("OK", in.readLine());
            assertEquals(1, Scrape.of(node).sum("imps_tcp_cir_connections"), "one bound TCP CIR connection");

            assertEquals(200, http.request(V, alice, message("bob", "hello bob")).code());
            assertEquals("WVCI 1.2 cookie-m-bob", in.readLine(), "bob is woken through his TCP CIR connection");
            assertEquals("NewMessage", http.drain(V, bob).get(0).name());
        }
        Reply empty = http.poll(V, bob);
        assertEquals(0, empty.body().length, "nothing left to collect");

        assertEquals(200, http.request(V, alice, message("dave", "one")).code());
        assertEquals(200, http.request(V, alice, message("dave", "two")).code());
        Reply refused = http.request(V, alice, message("dave", "three"));
        assertTrue(refused.text().contains("507"), "dave's queue holds 2: " + refused.text());
        assertEquals(200, http.request(V, alice, Element.of("KeepAlive-Request", Element.leaf("KeepAliveTime", "600"))).code());

        SmsPhone phone = new SmsPhone(smsc, "+4917011111", GATEWAY_NUMBER);
        phone.send("WV12LR1 CI=http://phone.example.net/1 TL=600 SC=sms1 PW=secret UI=wv:erin");
        CspMessage smsLogin = phone.receive();
        assertEquals("Login-Response", smsLogin.first().primitiveName());

        Scrape after = Scrape.of(node);
        assertEquals(4, delta(before, after, "imps_logins_total", "kind", "2-way", "code", "200"),
                "alice, bob, dave over HTTP and erin over SMS");
        assertEquals(1, delta(before, after, "imps_logins_total", "kind", "2-way", "code", "409"));
        assertEquals(1, delta(before, after, "imps_logins_total", "kind", "4-way", "code", "401"), "the challenge round");
        assertEquals(1, delta(before, after, "imps_logins_total", "kind", "4-way", "code", "200"));

        assertEquals(1, after.sum("imps_sessions", "state", "live", "version", "1.2", "syntax", "PTS", "bearer", "sms"));
        assertEquals(4, after.sum("imps_sessions", "state", "live", "version", "1.2", "syntax", "XML", "bearer", "http"),
                "alice, carol, bob, dave");
        assertEquals(2, after.sum("imps_queue_depth"), "dave's two uncollected messages");

        assertEquals(3, delta(before, after, "imps_queue_queued_total"), "one message for bob, two for dave");
        assertEquals(1, delta(before, after, "imps_queue_full_total"));
        assertEquals(1, delta(before, after, "imps_cir_wakeups_total", "method", "STCP"));
        assertEquals(1, delta(before, after, "imps_queue_deliveries_total", "cir", "STCP"));
        assertTrue(delta(before, after, "imps_polls_total", "result", "empty") >= 2, "the drain's last poll and the extra one");
        assertEquals(1, delta(before, after, "imps_polls_total", "result", "collected"));
        assertEquals(0, after.sum("imps_tcp_cir_connections"), "the CIR socket closed");

        assertEquals(1, delta(before, after, "imps_transactions_seconds_count", "primitive", "KeepAlive-Request", "code", "200"));
        assertEquals(3, delta(before, after, "imps_transactions_seconds_count", "primitive", "SendMessage-Request", "code", "200"));
        assertTrue(after.has("imps_transactions_seconds_bucket", "primitive", "Login-Request", "code", "409", "le", "0.001"),
                "latency histogram with SLO buckets");
        assertEquals(after.sum("imps_transactions_seconds_count", "primitive", "KeepAlive-Request", "code", "200"),
                after.sum("imps_transactions_seconds_bucket", "primitive", "KeepAlive-Request", "code", "200", "le", "+Inf"));

        assertEquals(1, delta(before, after, "imps_decode_failures_total", "syntax", "XML"));
        assertEquals(1, delta(before, after, "imps_http_responses_total", "class", "4xx"), "the body that is not CSP");
        assertTrue(delta(before, after, "imps_http_responses_total", "class", "2xx") >= 15);

        assertEquals(1, after.sum("imps_sms_link_up"));
        assertTrue(delta(before, after, "imps_sms_received_total") >= 1, "the login SMS");
        assertTrue(delta(before, after, "imps_sms_submitted_total") >= 1, "its answer");

        assertEquals(1, after.sum("imps_cluster_members"));
        assertEquals(1, after.sum("imps_cluster_quorate"));
        assertEquals(1, after.sum("imps_node_ready"));
        assertTrue(after.sum("imps_cluster_replica_writes_seconds_count", "result", "ok") > 0, "contexts replicated");
        assertTrue(after.has("jvm_memory_used_bytes"), "JVM metrics");
        assertTrue(after.has("jvm_gc_pause_seconds_count") || after.has("jvm_gc_memory_allocated_bytes_total"), "GC metrics");
        assertTrue(after.has("vertx_pool_in_use"), "Vert.x pool metrics");
        assertFalse(after.has("vertx_http_server_requests_total"), "Vert.x HTTP server metrics are off: they cost too much");
        assertTrue(after.has("imps_event_loop_delay_seconds_count"), "event-loop delay");
        assertTrue(after.samples().stream().filter(s -> s.name().startsWith("imps_"))
                .allMatch(s -> node.node().nodeId().equals(s.labels().get("node"))), "every gateway metric names its node");

        http.request(V, alice, Element.empty("Logout-Request"));
        assertEquals(200, TestNode.mgmtHttp().send(TestNode.mgmtRequest(node.mgmtUrl() + "/admin/sessions/" + dave + "/disconnect")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        Scrape ended = Scrape.of(node);
        assertEquals(1, delta(after, ended, "imps_session_ends_total", "cause", "logout"));
        assertEquals(1, delta(after, ended, "imps_session_ends_total", "cause", "forced_logout"));
        assertEquals(2, ended.sum("imps_sessions", "state", "retained"), "both kept for recovery");
    }
}
