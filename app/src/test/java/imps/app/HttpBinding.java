package imps.app;

import imps.app.CspClient.Reply;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * CSP over HTTP POST in XML or WBXML. The request that starts a login goes to one node and every
 * other request (the second round of a 4-way login included) to another, which is the same node
 * unless the run is about forwarding: then everything after the start of the login reaches a node
 * that does not own the session.
 */
final class HttpBinding implements CspBinding {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String XML_ROOT_END = "</WV-CSP-Message>";

    private final String loginUrl;
    private final String requestUrl;
    private final CspSyntax syntax;
    private final CspVersion version;
    private final CspCodecs codecs = new CspCodecs(XmlLimits.DEFAULT, WbxmlLimits.DEFAULT, PtsLimits.DEFAULT);

    private HttpBinding(String loginUrl, String requestUrl, CspSyntax syntax, CspVersion version) {
        if (syntax == CspSyntax.PTS) {
            throw new IllegalArgumentException("PTS travels over SMS");
        }
        this.loginUrl = loginUrl;
        this.requestUrl = requestUrl;
        this.syntax = syntax;
        this.version = version;
    }

    /** Every request to {@code node}. */
    static HttpBinding to(TestNode node, CspSyntax syntax, CspVersion version) {
        return new HttpBinding(node.cspUrl(), node.cspUrl(), syntax, version);
    }

    /** Requests that start a login to {@code loginNode}, everything else to {@code requestNode}. */
    static HttpBinding forwarded(TestNode loginNode, TestNode requestNode, CspSyntax syntax, CspVersion version) {
        return new HttpBinding(loginNode.cspUrl(), requestNode.cspUrl(), syntax, version);
    }

    @Override
    public CspVersion version() {
        return version;
    }

    @Override
    public String bearer() {
        return "HTTP";
    }

    @Override
    public boolean carriesSessionFlags() {
        return true;
    }

    @Override
    public Connection open(Device device) {
        return new HttpConnection();
    }

    @Override
    public String toString() {
        return "HTTP " + syntax + " " + version.label();
    }

    /** An outband Login-Request that is not the answer to a 4-way challenge. */
    private static boolean startsLogin(CspMessage request) {
        Element primitive = request.first().primitive();
        return request.sessionType() == SessionType.OUTBAND && primitive.name().equals("Login-Request")
                && !primitive.has("DigestBytes");
    }

    private final class HttpConnection implements Connection {
        private CspClient login;
        private CspClient requests;

        HttpConnection() {
            connect();
        }

        private void connect() {
            java.net.http.HttpClient http = CspClient.newHttpClient();
            login = new CspClient(loginUrl, TIMEOUT, syntax, http);
            requests = new CspClient(requestUrl, TIMEOUT, syntax, http);
        }

        @Override
        public Optional<CspMessage> exchange(CspMessage request) {
            return answer((startsLogin(request) ? login : requests).send(request));
        }


        @Override
        public CspMessage exchangeRaw(byte[] body) {
            return answer(requests.postRaw(contentType(), body))
                    .orElseThrow(() -> new AssertionError("no answer to " + body.length + " bytes"));
        }

        @Override
        public byte[] undecodable(String sessionId, String transactionId) {
            byte[] whole = codecs.get(syntax).encode(CspMessage.of(version, sessionId,
                    Transaction.request(transactionId, Element.empty("KeepAlive-Request"))));
            if (syntax == CspSyntax.WBXML) {
                // Without the END of WV-CSP-Message the document stops inside its root element.
                return Arrays.copyOf(whole, whole.length - 1);
            }
            String xml = new String(whole, StandardCharsets.UTF_8);
            if (!xml.endsWith(XML_ROOT_END)) {
                throw new IllegalStateException("the XML encoder no longer ends with " + XML_ROOT_END + ": " + xml);
            }
            return xml.substring(0, xml.length() - XML_ROOT_END.length()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void dropBearer() {
            // A new client has no pooled connection: the next request opens a new TCP connection.
            connect();
        }

        private String contentType() {
            return syntax == CspSyntax.WBXML ? version.wbxmlContentType() : version.xmlContentType();
        }

        private Optional<CspMessage> answer(Reply reply) {
            if (reply.status() != 200) {
                throw new AssertionError("CSP is answered in HTTP 200, got " + reply.status() + ": " + reply.text());
            }
            if (reply.body().length == 0) {
                return Optional.empty();
            }
            if (!contentType().equals(reply.contentType())) {
                throw new AssertionError("the answer comes in the request's content type " + contentType()
                        + ", got " + reply.contentType());
            }
            return Optional.of(reply.message());
        }
    }
}
