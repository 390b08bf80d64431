package imps.transport.http;

import imps.codec.CspCodec;
import imps.codec.CspCodecs;
import imps.codec.CspSyntax;
import imps.codec.pts.PtsLimits;
import imps.bus.Bearer;
import imps.router.CirRequests;
import imps.transport.base.BearerReadiness;
import imps.transport.base.BearerVerticle;
import imps.transport.base.CspExchange;
import imps.limits.SourceConnections;
import imps.limits.SourceRate;
import imps.transport.base.ServerTls;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;

/**
 * The HTTP bearer (OMA-TS-IMPS_CSP_Transport, HTTP binding): CSP XML or WBXML POSTed to the SAP path.
 * It only moves bytes: it decodes with the codec of the request's content type, hands the message to
 * the {@link CspExchange}, and encodes whatever comes back in the request's syntax and content type. Every CSP answer travels in an HTTP 200 (clients
 * treat anything else as a transport failure); HTTP errors are kept for requests that are not CSP at
 * all or that HTTP itself refuses: another HTTP version (505), a malformed chunked body or a
 * Transfer-Encoding other than chunked (400), an expectation other than 100-continue (417), a
 * Content-Encoding other than identity (415). Each of those closes the connection.
 * <p>
 * Per client address it holds at most {@code http.maxConnectionsPerSource} connections (one more is
 * closed at once) and answers at most {@code http.maxRequestsPerSecondPerSource} requests a second
 * (429 beyond, the body unread); the client's address is the peer's, or the one a trusted proxy
 * forwarded ({@link TrustedProxies}). A connection must complete a request head within
 * {@code idleTimeoutSeconds} of opening or of its previous answer, however it trickles bytes, and a
 * body within {@code bodyTimeoutSeconds} of its head (else 408); see {@link ConnectionClock}.
 */
public final class HttpTransportVerticle extends BearerVerticle {
    /** Below the SAP path: the per-session standalone HTTP CIR URL, {@code <path>/cir/<Session-ID>}. */
    public static final String CIR_PATH = "/cir/";
    private final HttpTransportOptions options;
    private final CspExchange exchange;
    private final CirRequests cir;
    private final CspCodecs codecs;
    private final SourceConnections connections;
    private final SourceRate rate;
    private final TrustedProxies proxies;
    /** This instance's open connections and their deadlines; touched on its event loop only. */
    private ConnectionClocks clocks;
    private HttpServer server;

    /**
     * @param connections open connections per client address, shared by every instance of this listener
     * @param rate        requests per second per client address, shared likewise
     * @param readiness   where this instance reports that it listens (as bearer {@code http})
     */
    public HttpTransportVerticle(HttpTransportOptions options, CspExchange exchange, CirRequests cir,
                                 SourceConnections connections, SourceRate rate, BearerReadiness readiness) {
        super(readiness, "http");
        this.options = options;
        this.exchange = exchange;
        this.cir = cir;
        this.connections = connections;
        this.rate = rate;
        this.proxies = new TrustedProxies(options.trustedProxies());
        this.codecs = new CspCodecs(options.xmlLimits(), options.wbxmlLimits(), PtsLimits.DEFAULT);
    }

    @Override
    protected Future<?> open() {
        clocks = new ConnectionClocks(vertx, options.idleTimeoutSeconds() * 1000L, options.bodyTimeoutSeconds() * 1000L);
        HttpServerOptions plain = new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setIdleTimeout(options.idleTimeoutSeconds())
                .setMaxFormAttributeSize(0);
        return ServerTls.apply(vertx, "http", options.tls(), plain).compose(serverOptions -> {
            server = vertx.createHttpServer(serverOptions).connectionHandler(this::connected).requestHandler(this::handle)
                    // With a WebSocket handshake handler set, Vert.x hands requests of an HTTP version it
                    // does not know to the request handler instead of answering 501 itself.
                    .webSocketHandshakeHandler(handshake -> handshake.reject(404));
            return server.listen();
        }).onSuccess(s -> ServerTls.keepCurrent(vertx, "http", options.tls(), s::updateSSLOptions));
    }

    private void connected(HttpConnection connection) {
        String source = TrustedProxies.hostAddress(connection.remoteAddress());
        if (!connections.tryOpen(source)) {
            connection.close();
            return;
        }
        clocks.opened(connection, source);
        connection.closeHandler(v -> {
            clocks.closed(connection);
            connections.closed(source);
        });
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        ConnectionClocks.Open open = clocks.of(request.connection());
        if (open != null) {
            open.clock().requestStarted(request, System.nanoTime());
        }
        response.endHandler(v -> {
            exchange.telemetry().httpResponse(response.getStatusCode());
            if (open != null) {
                open.clock().answered(System.nanoTime());
            }
        });
        String client = proxies.clientOf(open != null ? open.peer() : TrustedProxies.hostAddress(request.remoteAddress()), request);
        if (!rate.tryAcquire(client)) {
            response.putHeader(HttpHeaders.RETRY_AFTER, "1");
            refuse(request, 429, "Too many requests from this address; try again in a second");
            return;
        }
        if (request.version() == null) {
            refuse(request, 505, "HTTP/1.1 or HTTP/1.0 only");
            return;
        }
        // A body that breaks the chunked framing (a bad chunk size, an oversize chunk extension) or
        // that the connection loses midway: answered 400 when the answer can still be sent.
        request.exceptionHandler(err -> refuse(request, 400, "Malformed HTTP body"));
        Refusal framing = framingProblem(request);
        if (framing != null) {
            refuse(request, framing.status(), framing.text());
            return;
        }
        if (request.method() == HttpMethod.GET && request.path().startsWith(options.path() + CIR_PATH)) {
            standaloneCir(request, request.path().substring(options.path().length() + CIR_PATH.length()));
            return;
        }
        if (!options.path().equals(request.path())) {
            plain(response, 404, "Not found: the CSP endpoint is " + options.path());
            return;
        }
        if (request.method() != HttpMethod.POST) {
            response.putHeader(HttpHeaders.ALLOW, "POST");
            plain(response, 405, "CSP primitives are POSTed");
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        String media = CspMediaType.mediaType(contentType);
        CspSyntax syntax = CspMediaType.of(media).syntax();
        if (syntax == null) {
            plain(response, 415, "Unsupported content type " + contentType);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > options.maxBodyBytes()) {
            tooLarge(request);
            return;
        }
        if (request.getHeader(HttpHeaders.EXPECT) != null) {
            response.writeContinue();
        }
        Buffer body = Buffer.buffer(length == null ? 1024 : (int) Math.max(0, parseLength(length)));
        request.handler(chunk -> {
            if (body.length() + chunk.length() > options.maxBodyBytes()) {
                request.handler(null);
                tooLarge(request);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!response.ended()) {
                process(request, client, media, codecs.get(syntax), body);
            }
        });
    }

    /**
     * Standalone HTTP CIR (README.md, "Bearers"): the client GETs its CIR URL while idle; 200 with the WVCI
     * line means "poll now", 204 means nothing waits, 404 that the session is gone.
     */
    private void standaloneCir(HttpServerRequest request, String sessionId) {
        HttpServerResponse response = request.response();
        cir.httpQuery(sessionId)
                .onSuccess(line -> {
                    if (line == null) {
                        response.setStatusCode(204).end();
                    } else {
                        plain(response, 200, line);
                    }
                })
                .onFailure(err -> plain(response, 404, "No such session"));
    }

    /** {@code media}: the request's media type ({@link CspMediaType#mediaType}), which the answer repeats. */
    private void process(HttpServerRequest request, String client, String media, CspCodec codec, Buffer body) {
        HttpServerResponse response = request.response();
        HostAndPort authority = request.authority();
        Bearer bearer = Bearer.http(client, authority == null ? null : authority.toString(),
                codec.syntax());
        exchange.exchange(body.getBytes(), codec, bearer, CspMediaType.impliedVersion(media), bytes -> true)
                .onSuccess(outcome -> send(response, media, outcome))
                .onFailure(err -> plain(response, 500, "Internal error"));
    }

    private void send(HttpServerResponse response, String media, CspExchange.Outcome outcome) {
        if (response.closed()) {
            return;
        }
        if (outcome instanceof CspExchange.Outcome.NotCsp notCsp) {
            plain(response, 400, "Not a CSP message: " + notCsp.reason());
            return;
        }
        CspExchange.Outcome.Answer answer = (CspExchange.Outcome.Answer) outcome;
        if (answer.isEmpty()) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, "0").setStatusCode(200).end();
            return;
        }
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, media.isEmpty() ? answer.message().message().version().xmlContentType() : media)
                .end(Buffer.buffer(answer.bytes()));
    }

    /** 413, then the connection is closed so the rest of an oversize body is never read. */
    private void tooLarge(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        response.setStatusCode(413)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .end("Body larger than " + options.maxBodyBytes() + " bytes")
                .onComplete(v -> request.connection().close());
    }

    /**
     * What HTTP itself forbids in this request, or null: a Transfer-Encoding other than chunked (a
     * body whose length the server would guess), an Expect other than 100-continue (RFC 9110 §10.1.1),
     * a Content-Encoding other than identity (the gateway does not decompress).
     */
    private static Refusal framingProblem(HttpServerRequest request) {
        String transfer = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (transfer != null && !transfer.trim().equalsIgnoreCase("chunked")) {
            return new Refusal(400, "Transfer-Encoding other than chunked is not supported");
        }
        String expect = request.getHeader(HttpHeaders.EXPECT);
        if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
            return new Refusal(417, "Only the 100-continue expectation is supported");
        }
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            return new Refusal(415, "Content-Encoding other than identity is not supported");
        }
        return null;
    }

    /** An HTTP status and its plain-text explanation. */
    private record Refusal(int status, String text) {
    }

    /** An HTTP-level refusal; the connection is closed, since the rest of what it carries cannot be trusted. */
    private static void refuse(HttpServerRequest request, int status, String text) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.putHeader(HttpHeaders.CONNECTION, "close");
        plain(response, status, text);
        request.connection().close();
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void plain(HttpServerResponse response, int status, String text) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8").end(text);
    }
}
