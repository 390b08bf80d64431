package imps.transport.http;

import imps.codec.DecodeException;
import imps.codec.xml.XmlDecoder;
import imps.codec.xml.XmlEncoder;
import imps.protocol.CspMessage;
import imps.bus.Bearer;
import imps.router.CspRouter;
import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;

/**
 * The HTTP bearer (transports §2): CSP XML POSTed to the SAP path. It only moves bytes: it decodes
 * with the XML codec, hands the message to the {@link CspRouter}, and encodes whatever comes back in
 * the request's content type. Every CSP answer travels in an HTTP 200 (clients treat anything else
 * as a transport failure); HTTP errors are kept for bodies that are not CSP at all.
 */
public final class HttpTransportVerticle extends VerticleBase {
    /** Below the SAP path: the per-session standalone HTTP CIR URL, {@code <path>/cir/<Session-ID>}. */
    public static final String CIR_PATH = "/cir/";
    private final HttpTransportOptions options;
    private final CspRouter router;
    private final XmlDecoder decoder;
    private final XmlEncoder encoder = new XmlEncoder();
    private HttpServer server;

    public HttpTransportVerticle(HttpTransportOptions options, CspRouter router) {
        this.options = options;
        this.router = router;
        this.decoder = new XmlDecoder(options.xmlLimits());
    }

    @Override
    public Future<?> start() {
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setHost(options.host())
                .setPort(options.port())
                .setIdleTimeout(options.idleTimeoutSeconds())
                .setMaxFormAttributeSize(0);
        server = vertx.createHttpServer(serverOptions).requestHandler(this::handle);
        return server.listen();
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
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
        switch (CspMediaType.of(contentType)) {
            case WBXML -> {
                plain(response, 415, "WBXML is not supported by this gateway yet; send application/vnd.wv.csp.xml");
                return;
            }
            case OTHER -> {
                plain(response, 415, "Unsupported content type " + contentType);
                return;
            }
            default -> {
            }
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > options.maxBodyBytes()) {
            tooLarge(request);
            return;
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
                process(request, contentType, body);
            }
        });
    }

    /**
     * Standalone HTTP CIR (transports §7): the client GETs its CIR URL while idle; 200 with the WVCI
     * line means "poll now", 204 means nothing waits, 404 that the session is gone.
     */
    private void standaloneCir(HttpServerRequest request, String sessionId) {
        HttpServerResponse response = request.response();
        router.queryCir(sessionId)
                .onSuccess(line -> {
                    if (line == null) {
                        response.setStatusCode(204).end();
                    } else {
                        plain(response, 200, line);
                    }
                })
                .onFailure(err -> plain(response, 404, "No such session"));
    }

    private void process(HttpServerRequest request, String contentType, Buffer body) {
        HttpServerResponse response = request.response();
        CspMessage message;
        try {
            message = decoder.decode(body.getBytes());
        } catch (DecodeException e) {
            if (!e.isCsp()) {
                plain(response, 400, "Not a CSP message: " + e.getMessage());
            } else {
                send(response, contentType, router.undecodable(e));
            }
            return;
        }
        HostAndPort authority = request.authority();
        Bearer bearer = new Bearer("http", request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                authority == null ? null : authority.toString());
        router.route(new InboundMessage(message, bearer))
                .onSuccess(out -> send(response, contentType, out))
                .onFailure(err -> plain(response, 500, "Internal error"));
    }

    private void send(HttpServerResponse response, String requestContentType, OutboundMessage out) {
        if (response.closed()) {
            return;
        }
        if (out.isEmpty()) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, "0").setStatusCode(200).end();
            return;
        }
        byte[] bytes = out.foreignNamespace() != null
                ? encoder.encodeForNamespace(out.message(), out.foreignNamespace())
                : encoder.encode(out.message());
        String media = CspMediaType.mediaType(requestContentType);
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, media.isEmpty() ? out.message().version().xmlContentType() : media)
                .end(Buffer.buffer(bytes));
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
