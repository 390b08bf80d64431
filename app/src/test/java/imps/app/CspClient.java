package imps.app;

import imps.auth.PasswordDigest;
import imps.codec.DecodeException;
import imps.codec.CspCodecs;
import imps.codec.CspSyntax;
import imps.codec.pts.PtsLimits;
import imps.codec.wbxml.WbxmlLimits;
import imps.codec.xml.XmlLimits;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.SessionType;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal CSP client over real HTTP, for tests: builds requests, POSTs them, decodes the answers. */
public final class CspClient {
    private static final HttpClient HTTP = newHttpClient();
    private final HttpClient http;
    private final String url;
    private final Duration timeout;
    private final CspSyntax syntax;
    private final CspCodecs codecs = new CspCodecs(XmlLimits.DEFAULT, WbxmlLimits.DEFAULT, PtsLimits.DEFAULT);
    private final AtomicInteger txIds = new AtomicInteger(1);

    CspClient(String url) {
        this(url, Duration.ofSeconds(15), CspSyntax.XML);
    }

    /**
     * With {@code timeout} per HTTP exchange, for requests the gateway may legitimately hold longer,
     * writing its requests in {@code syntax} (XML or WBXML).
     */
    CspClient(String url, Duration timeout, CspSyntax syntax) {
        this(url, timeout, syntax, HTTP);
    }

    /** Over {@code http}'s own connections, e.g. a client of its own whose connections a test can drop. */
    CspClient(String url, Duration timeout, CspSyntax syntax, HttpClient http) {
        this.url = url;
        this.timeout = timeout;
        this.syntax = syntax;
        this.http = http;
    }

    /** An HTTP/1.1 client with a connection pool of its own. */
    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    CspClient(String url, Duration timeout) {
        this(url, timeout, CspSyntax.XML);
    }

    /** An HTTP answer: status, content type and raw body, plus the decoded CSP message when there is one. */
    public record Reply(int status, String contentType, byte[] body, CspMessage message) {
        public Element primitive() {
            return message.first().primitive();
        }

        public Transaction transaction() {
            return message.first();
        }

        public int code() {
            Element p = primitive();
            Element result = p.child("Result");
            return Integer.parseInt(result.childText("Code"));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Reply postRaw(String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String ct = r.headers().firstValue("Content-Type").orElse(null);
            CspMessage m = null;
            if (r.statusCode() == 200 && r.body().length > 0) {
                try {
                    m = codecs.get(ct != null && ct.contains("wbxml") ? CspSyntax.WBXML : CspSyntax.XML).decode(r.body());
                } catch (DecodeException e) {
                    if (e.kind() == DecodeException.Kind.UNSUPPORTED_VERSION) {
                        return new Reply(r.statusCode(), ct, r.body(), null);
                    }
                    throw new AssertionError("gateway sent undecodable CSP: " + new String(r.body(), StandardCharsets.UTF_8), e);
                }
            }
            return new Reply(r.statusCode(), ct, r.body(), m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply send(CspMessage message) {
        return postRaw(syntax == CspSyntax.WBXML ? message.version().wbxmlContentType() : message.version().xmlContentType(),
                codecs.get(syntax).encode(message));
    }

    public String nextTransactionId() {
        return Integer.toString(txIds.getAndIncrement());
    }

    /** Sends one request primitive, inband when {@code sessionId} is non-null. */
    public Reply request(CspVersion v, String sessionId, Element primitive) {
        return send(new CspMessage(v, sessionId == null ? SessionType.OUTBAND : SessionType.INBAND, sessionId,
                List.of(new Transaction(TransactionMode.REQUEST, nextTransactionId(), primitive)), null, null));
    }

    /** Sends a client response to a server transaction. */
    public Reply respond(CspVersion v, String sessionId, String transactionId, Element primitive) {
        return send(new CspMessage(v, SessionType.INBAND, sessionId,
                List.of(new Transaction(TransactionMode.RESPONSE, transactionId, primitive)), null, null));
    }

    public static Element clientId(String url) {
        return Element.of("ClientID", Element.leaf("URL", url));
    }

    public static Element login2way(String user, String password, String clientUrl, Integer ttl) {
        return Element.builder("Login-Request")
                .leaf("UserID", user)
                .add(clientId(clientUrl))
                .leaf("Password", password)
                .leaf("TimeToLive", ttl)
                .leaf("SessionCookie", "cookie-" + clientUrl)
                .build();
    }

    /** Logs in with a password and returns the Session-ID, failing the test otherwise. */
    public String login(CspVersion v, String user, String password, String clientUrl) {
        Reply r = request(v, null, login2way(user, password, clientUrl, null));
        if (r.message() == null || r.primitive().childText("SessionID") == null) {
            throw new AssertionError("login failed: " + r.text());
        }
        return r.primitive().childText("SessionID");
    }

    /** Logs in 4-way with the given scheme; returns the final reply. */
    public Reply login4way(CspVersion v, String user, String password, String clientUrl, String schema) {
        Element round1 = Element.builder("Login-Request").leaf("UserID", user).add(clientId(clientUrl))
                .leaf("DigestSchema", schema).leaf("SessionCookie", "c4-" + clientUrl).build();
        String tx = nextTransactionId();
        Reply challenge = send(CspMessage.of(v, null, new Transaction(TransactionMode.REQUEST, tx, round1)));
        if (challenge.code() != 401) {
            return challenge;
        }
        String nonce = challenge.primitive().childText("Nonce");
        String chosen = challenge.primitive().childText("DigestSchema");
        Element round2 = Element.builder("Login-Request").leaf("UserID", user).add(clientId(clientUrl))
                .leaf("DigestBytes", PasswordDigest.digest(chosen, nonce, password))
                .leaf("SessionCookie", "c4-" + clientUrl).build();
        return send(CspMessage.of(v, null, new Transaction(TransactionMode.REQUEST, tx, round2)));
    }

    public static Element serviceRequest() {
        return Element.builder("Service-Request")
                .add(Element.of("Functions", Element.of("WVCSPFeat", Element.empty("FundamentalFeat"),
                        Element.empty("PresenceFeat"), Element.empty("IMFeat"), Element.empty("GroupFeat"))))
                .leaf("AllFunctionsRequest", "T")
                .build();
    }

    /**
     * Polls and answers everything queued for the session, the way a client does (MessageDelivered
     * for NewMessage, Status for the rest); returns the server-initiated primitives in order.
     */
    public List<Element> drain(CspVersion v, String sessionId) {
        List<Element> got = new java.util.ArrayList<>();
        Reply r = poll(v, sessionId);
        while (r.body().length > 0 && r.transaction().mode() == TransactionMode.REQUEST) {
            Element p = r.primitive();
            got.add(p);
            Element answer = p.name().equals("NewMessage")
                    ? Element.of("MessageDelivered", Element.leaf("MessageID", p.child("MessageInfo").childText("MessageID")))
                    : Element.of("Status", Element.of("Result", Element.leaf("Code", "200")));
            Reply answered = respond(v, sessionId, r.transaction().transactionId(), answer);
            if (answered.body().length > 0) {
                throw new AssertionError("a client's answer gets an empty 200, got: " + answered.text());
            }
            r = poll(v, sessionId);
        }
        return got;
    }

    /** One Polling-Request, as clients send it (no Transaction-ID). */
    public Reply poll(CspVersion v, String sessionId) {
        return send(new CspMessage(v, SessionType.INBAND, sessionId,
                List.of(new Transaction(TransactionMode.REQUEST, null, Element.empty("Polling-Request"))), null, null));
    }
}
