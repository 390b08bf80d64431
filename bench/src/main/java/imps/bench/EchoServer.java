package imps.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;

/**
 * The baseline of the HTTP benchmarks: a bare Vert.x HTTP server that answers every POST with the
 * bytes it received, in the same content type. It is the practical ceiling for CSP over HTTP on this
 * machine, so gateway figures are reported as a ratio to it.
 *
 * <p>Usage: {@code java -cp imps-bench.jar imps.bench.EchoServer <port> [instances]}
 */
public final class EchoServer extends VerticleBase {
    private final int port;

    private EchoServer(int port) {
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String type = req.getHeader(HttpHeaders.CONTENT_TYPE);
            req.response().putHeader(HttpHeaders.CONTENT_TYPE, type == null ? "application/octet-stream" : type).end(body);
        })).listen(port, "127.0.0.1");
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new EchoServer(port), new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("echo server listening on 127.0.0.1:" + port))
                .onFailure(err -> {
                    err.printStackTrace();
                    System.exit(1);
                });
    }
}
