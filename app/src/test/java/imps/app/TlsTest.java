package imps.app;

import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlEncoder;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import imps.transport.base.ServerTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS on the HTTP bearer, the management port and the TCP CIR port, with a CA made for the test and
 * real TLS clients (java.net.http, SSLSocket): the certificate from the configured PEM files, TLS 1.2
 * and 1.3 only, the files re-read when they change (a pair whose key does not belong to its
 * certificate is not applied), and a node whose files do not fit together does not start and says so.
 */
class TlsTest {
    private static final XmlDecoder DECODER = new XmlDecoder(XmlLimits.DEFAULT);
    private static TestCa ca;
    private static Path certFile;
    private static Path keyFile;
    private static TestNode node;

    @BeforeAll
    static void start() throws IOException {
        ca = TestCa.create();
        Path dir = Files.createTempDirectory("imps-tls");
        certFile = dir.resolve("tls.crt");
        keyFile = dir.resolve("tls.key");
        ca.issue("first").writeTo(certFile, keyFile);
        Map<String, String> env = new HashMap<>();
        for (String listener : new String[] {"HTTP", "MGMT", "TCP_CIR"}) {
            env.put("IMPS_" + listener + "_TLS_ENABLED", "true");
            env.put("IMPS_" + listener + "_TLS_CERT_FILE", certFile.toString());
            env.put("IMPS_" + listener + "_TLS_KEY_FILE", keyFile.toString());
        }
        node = TestNode.start(env);
    }

    @AfterAll
    static void stop() throws Exception {
        node.close();
    }

    @Test
    void aClientLogsInOverHttpsAndTheCirUrlItIsToldIsHttps() throws Exception {
        HttpResponse<byte[]> login = post(loginRequest("alice", "tls-login"));
        assertEquals(200, login.statusCode());
        assertEquals("200", DECODER.decode(login.body()).first().primitive().child("Result").childText("Code"));
        SSLSession tls = login.sslSession().orElseThrow();
        assertTrue(ServerTls.PROTOCOLS.contains(tls.getProtocol()), "negotiated " + tls.getProtocol());
        assertEquals("CN=first", ((java.security.cert.X509Certificate) tls.getPeerCertificates()[0])
                .getSubjectX500Principal().getName());
        assertEquals("https", node.config().http().scheme(), "standalone HTTP CIR URLs are announced as https");
    }

    @Test
    void tls12AndTls13AreSpokenAndOlderVersionsAreNot() throws Exception {
        for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
            try (SSLSocket socket = tlsSocket(node.config().http().port(), protocol)) {
                socket.startHandshake();
                assertEquals(protocol, socket.getSession().getProtocol());
            }
        }
        for (String protocol : new String[] {"TLSv1.1", "TLSv1"}) {
            assertThrows(SSLHandshakeException.class, () -> {
                try (SSLSocket socket = tlsSocket(node.config().http().port(), protocol)) {
                    socket.startHandshake();
                }
            }, protocol + " must not be negotiated");
        }
        assertEquals(Set.of("TLSv1.2", "TLSv1.3"), ServerTls.PROTOCOLS);
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoCspAnswer() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.config().http().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /imps HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n<a").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String first = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            assertTrue(first == null || !first.startsWith("HTTP/1.1 200"), "cleartext got: " + first);
        } catch (IOException closedByPeer) {
            // the TLS server drops a connection that does not start with a handshake
        }
    }

    @Test
    void theManagementPortAndTheCirPortSpeakTls() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(ca.sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + node.config().mgmt().port() + "/health/ready")).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode());
        String sid = sessionOverHttps();
        try (SSLSocket cir = tlsSocket(node.config().tcpCir().port(), "TLSv1.3")) {
            cir.setSoTimeout(20_000);
            cir.getOutputStream().write(("HELO " + sid + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            cir.getOutputStream().flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(cir.getInputStream(), StandardCharsets.US_ASCII));
            assertEquals("OK", in.readLine());
            assertEquals("OK", in.readLine());
        }
    }

    /**
     * A renewed pair replaces the certificate without a restart; a pair whose key belongs to another
     * certificate is not applied and the current one stays.
     */
    @Test
    void changedFilesAreAppliedAndAMismatchedPairIsNot() throws Exception {
        TestCa.Pem third = ca.issue("third");
        TestCa.Pem fourth = ca.issue("fourth");
        new TestCa.Pem(third.chain(), fourth.key()).writeTo(certFile, keyFile);
        Thread.sleep(ServerTls.CHECK_MILLIS + 2_000);
        assertEquals("CN=first", servedSubject(), "a key of another certificate is not applied");
        TestCa.Pem second = ca.issue("second");
        second.writeTo(certFile, keyFile);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String served = servedSubject();
        while (!served.equals("CN=second") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            served = servedSubject();
        }
        assertEquals("CN=second", served, "the renewed certificate is served without a restart");
        assertEquals(200, post(loginRequest("bob", "after-reload")).statusCode());
    }

    @Test
    void aNodeWhoseKeyDoesNotBelongToItsCertificateDoesNotStartAndSaysWhy() throws IOException {
        Path dir = Files.createTempDirectory("imps-tls-bad");
        Path cert = dir.resolve("tls.crt");
        Path key = dir.resolve("tls.key");
        new TestCa.Pem(ca.issue("a").chain(), ca.issue("b").key()).writeTo(cert, key);
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> TestNode.start(Map.of(
                "IMPS_HTTP_TLS_ENABLED", "true", "IMPS_HTTP_TLS_CERT_FILE", cert.toString(),
                "IMPS_HTTP_TLS_KEY_FILE", key.toString())).close());
        assertTrue(String.valueOf(failed.getCause()).contains("http.tls: the key does not belong to the certificate"),
                "the failure says why: " + failed.getCause());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> TestNode.start(Map.of(
                "IMPS_MGMT_TLS_ENABLED", "true", "IMPS_MGMT_TLS_CERT_FILE", dir.resolve("none.crt").toString(),
                "IMPS_MGMT_TLS_KEY_FILE", key.toString())).close());
        assertTrue(String.valueOf(missing.getCause()).contains("mgmt.tls.certFile: cannot read"),
                "the failure names the file: " + missing.getCause());
    }

    private static String sessionOverHttps() throws Exception {
        return DECODER.decode(post(loginRequest("carol", "tls-cir")).body()).first().primitive().childText("SessionID");
    }

    private static byte[] loginRequest(String user, String clientUrl) {
        return new XmlEncoder().encode(CspMessage.of(CspVersion.V1_2, null, new Transaction(TransactionMode.REQUEST, "1",
                CspClient.login2way(user, "secret", clientUrl, null))));
    }

    private static String servedSubject() throws IOException {
        try (SSLSocket socket = tlsSocket(node.config().http().port(), "TLSv1.3")) {
            socket.startHandshake();
            return ((java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName();
        }
    }

    private static SSLSocket tlsSocket(int port, String protocol) throws IOException {
        SSLContext context = ca.sslContext();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        socket.setEnabledProtocols(new String[] {protocol});
        return socket;
    }

    private static HttpResponse<byte[]> post(byte[] body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(ca.sslContext())
                .connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + node.config().http().port() + "/imps"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/vnd.wv.csp.xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
