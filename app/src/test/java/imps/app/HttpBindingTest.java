package imps.app;

import imps.app.CspClient.Reply;
import imps.protocol.CspVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP binding (OMA-TS-IMPS_CSP_Transport; README.md, "Bearers") and hostile input: only bodies
 * that are not CSP at all get HTTP errors; CSP that is wrong gets HTTP 200 with Status 400; DTDs
 * and entities are never expanded; oversize bodies are refused before they are read.
 */
class HttpBindingTest {
    private static final String V12 = "http://www.openmobilealliance.org/DTD/WV-CSP1.2";
    private static TestNode node;
    private static CspClient client;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("IMPS_HTTP_MAX_BODY_BYTES", "4096", "IMPS_XML_MAX_DEPTH", "12"));
        client = node.client();
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    private static String keepAlive(String ns, String inner) {
        return "<WV-CSP-Message xmlns=\"" + ns + "\"><Session><SessionDescriptor><SessionType>Inband</SessionType>"
                + "<SessionID>s1</SessionID></SessionDescriptor><Transaction><TransactionDescriptor>"
                + "<TransactionMode>Request</TransactionMode><TransactionID>9</TransactionID></TransactionDescriptor>"
                + "<TransactionContent xmlns=\"" + ns.replace("CSP", "TRC") + "\">" + inner
                + "</TransactionContent></Transaction></Session></WV-CSP-Message>";
    }

    private static Reply post(String contentType, String body) {
        return client.postRaw(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void wrongPathIs404AndGetIs405() throws Exception {
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(node.cspUrl())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(node.cspUrl() + "x"))
                .POST(HttpRequest.BodyPublishers.ofString("<a/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());
    }

    @Test
    void contentTypesOfTheBindingAreAcceptedAndEchoed() {
        for (String ct : new String[] {"application/vnd.wv.csp.xml", "application/vnd.wv.csp+xml", "text/xml",
                "application/xml; charset=utf-8"}) {
            Reply r = post(ct, keepAlive(V12, "<KeepAlive-Request/>"));
            assertEquals(200, r.status(), ct);
            assertEquals(ct.split(";")[0], r.contentType(), "reply in the request's content type");
            assertEquals(604, r.code());
        }
    }

    @Test
    void otherContentTypesAre415() {
        assertEquals(415, post("application/json", "{}").status());
        assertEquals(400, post("application/vnd.wv.csp.wbxml", "x").status(), "WBXML is served: 'x' is not WBXML CSP");
    }

    @Test
    void bodyThatIsNotCspIsHttp400() {
        assertEquals(400, post("text/xml", "<html><body>hi</body></html>").status());
        assertEquals(400, post("text/xml", "not xml at all").status());
        assertEquals(400, post("text/xml", "").status());
    }

    @Test
    void malformedCspIsStatus400EchoingWhatCouldBeRead() {
        String broken = keepAlive(V12, "<KeepAlive-Request>").replace("</WV-CSP-Message>", "");
        Reply r = post("application/vnd.wv.csp.xml", broken);
        assertEquals(200, r.status());
        assertEquals("Status", r.primitive().name());
        assertEquals(400, r.code());
        assertEquals("s1", r.message().sessionId());
        assertEquals("9", r.transaction().transactionId());

        Reply noMode = post("text/xml", keepAlive(V12, "<KeepAlive-Request/>").replace("Request</TransactionMode>", "Ask</TransactionMode>"));
        assertEquals(400, noMode.code());
        Reply twoPrimitives = post("text/xml", keepAlive(V12, "<KeepAlive-Request/><Logout-Request/>"));
        assertEquals(400, twoPrimitives.code());
    }

    @Test
    void unsupportedCspVersionIs505InAVersionTheGatewaySpeaks() {
        String ns = "http://www.openmobilealliance.org/DTD/WV-CSP1.0";
        Reply r = post("text/xml", keepAlive(ns, "<Login-Request/>").replace("Inband", "Outband")
                .replace("<SessionID>s1</SessionID>", ""));
        assertEquals(200, r.status());
        assertFalse(r.text().contains(ns), "a namespace from the request is never written back: " + r.text());
        assertTrue(r.text().contains("xmlns=\"" + V12 + "\""), r.text());
        assertTrue(r.text().contains("<Code>505</Code>"), r.text());
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE WV-CSP-Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + keepAlive(V12, "<KeepAlive-Request><TimeToLive>&x;</TimeToLive></KeepAlive-Request>");
        Reply r = post("text/xml", xxe);
        assertEquals(200, r.status());
        assertEquals(400, r.code());
        assertFalse(r.text().contains("root:"), "no file content leaks");
    }

    @Test
    void entityExpansionIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE WV-CSP-Message [<!ENTITY a \"aaaaaaaaaa\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY ").append((char) ('a' + i)).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append('&').append((char) ('a' + i - 1)).append(';');
            }
            dtd.append("\">");
        }
        dtd.append("]>");
        Reply r = post("text/xml", dtd + keepAlive(V12, "<KeepAlive-Request><TimeToLive>&j;</TimeToLive></KeepAlive-Request>"));
        assertEquals(200, r.status());
        assertEquals(400, r.code());
    }

    @Test
    void aPlainPublicDoctypeIsToleratedAndNotFetched() {
        String body = "<?xml version=\"1.0\"?><!DOCTYPE WV-CSP-Message PUBLIC \"-//OMA//DTD WV-CSP 1.2//EN\" "
                + "\"http://www.openmobilealliance.org/DTD/WV-CSP.DTD\">" + keepAlive(V12, "<KeepAlive-Request/>");
        Reply r = post("text/xml", body);
        assertEquals(604, r.code(), "parsed as CSP: the session is unknown");
    }

    @Test
    void tooDeepNestingIsStatus400() {
        String deep = "<a>".repeat(20) + "</a>".repeat(20);
        Reply r = post("text/xml", keepAlive(V12, "<KeepAlive-Request>" + deep + "</KeepAlive-Request>"));
        assertEquals(400, r.code());
    }

    @Test
    void oversizeBodyIs413() {
        String big = keepAlive(V12, "<KeepAlive-Request><TimeToLive>" + "1".repeat(5000) + "</TimeToLive></KeepAlive-Request>");
        assertEquals(413, post("text/xml", big).status());
    }

    @Test
    void oversizeChunkedBodyIs413() throws Exception {
        try (Socket s = new Socket("127.0.0.1", node.config().http().port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + node.config().http().path() + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/xml\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 10; i++) {
                    out.write(("3e8\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (java.io.IOException closedEarly) {
                // the server may close the connection before the rest is written
            }
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", status);
        }
    }

    @Test
    void replyIsWellFormedUtf8WithDeclaration() {
        Reply r = client.request(CspVersion.V1_2, null, imps.protocol.Element.empty("GetSPInfo-Request"));
        assertTrue(r.text().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><WV-CSP-Message"));
        assertFalse(r.text().contains("<!DOCTYPE"));
        assertNotNull(r.message());
    }
}
