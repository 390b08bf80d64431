package imps.transport.sms.kannel;

import imps.transport.sms.MobileOriginated;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.function.Consumer;

/**
 * The HTTP listener smsbox calls: {@code GET <moPath>} for each mobile-originated message (the
 * sms-service get-url) and {@code GET <moPath>/dlr} for each delivery report (the dlr-url of a
 * sendsms request). Both are answered 200 with an empty body once read; the sms-service must have
 * {@code max-messages = 0} so smsbox never turns the answer into a reply SMS. Anything else gets
 * 404, 405 or 400 and is only counted.
 */
final class MoListener {
    private static final Logger LOG = LoggerFactory.getLogger(MoListener.class);
    /** Room for a concatenated message of a few kilobytes, percent-encoded, in the request line. */
    private static final int MAX_REQUEST_LINE = 16 * 1024;

    private final HttpServer server;
    private final String host;
    private final int port;
    private final String moPath;
    private final String dlrPath;
    private final Consumer<MobileOriginated> messages;
    private final Consumer<DeliveryReport> reports;
    private final Runnable refused;

    MoListener(Vertx vertx, String host, int port, String moPath, Consumer<MobileOriginated> messages,
               Consumer<DeliveryReport> reports, Runnable refused) {
        this.host = host;
        this.port = port;
        this.moPath = normalize(moPath);
        this.dlrPath = dlrPath(moPath);
        this.messages = messages;
        this.reports = reports;
        this.refused = refused;
        this.server = vertx.createHttpServer(new HttpServerOptions().setMaxInitialLineLength(MAX_REQUEST_LINE))
                .requestHandler(this::handle);
    }

    /** The path of delivery reports: a sibling below the MO path, so one sms-service URL prefix serves both. */
    static String dlrPath(String moPath) {
        String base = normalize(moPath);
        return (base.equals("/") ? "" : base) + "/dlr";
    }

    /** Completes with the port it listens on (the configured one, or the one the system chose for 0). */
    Future<Integer> listen() {
        return server.listen(port, host).map(HttpServer::actualPort);
    }

    Future<Void> close() {
        return server.close();
    }

    private void handle(HttpServerRequest request) {
        if (request.method() != HttpMethod.GET) {
            refuse(request, 405, "method " + request.method());
            return;
        }
        boolean message = request.path().equals(moPath);
        if (!message && !request.path().equals(dlrPath)) {
            refuse(request, 404, "unknown path");
            return;
        }
        try {
            Map<String, byte[]> params = QueryCodec.decode(request.query());
            if (message) {
                messages.accept(MoRequest.parse(params));
            } else {
                reports.accept(DeliveryReport.parse(params));
            }
        } catch (IllegalArgumentException e) {
            refuse(request, 400, e.getMessage());
            return;
        }
        request.response().end();
    }

    private void refuse(HttpServerRequest request, int status, String reason) {
        refused.run();
        LOG.warn("Refused a Kannel request to {} from {} with {}: {}", request.path(), request.remoteAddress(),
                status, reason);
        request.response().setStatusCode(status).end();
    }

    private static String normalize(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
