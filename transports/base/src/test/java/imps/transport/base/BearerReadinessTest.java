package imps.transport.base;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class BearerReadinessTest {

    /** A bearer listening on a real loopback port (port 0: any free one). */
    private static final class Listening extends BearerVerticle {
        private NetServer server;

        Listening(BearerReadiness readiness, String name) {
            super(readiness, name);
        }

        @Override
        protected Future<?> open() {
            server = vertx.createNetServer().connectHandler(socket -> socket.close());
            return server.listen(0, "127.0.0.1");
        }
    }

    @Test
    void aBearerIsUpOnceEveryInstanceListensAndDownAgainWhenOneStops(Vertx vertx, VertxTestContext test) {
        BearerReadiness readiness = new BearerReadiness();
        assertFalse(readiness.allUp(), "no bearer yet: nothing takes traffic");
        vertx.deployVerticle(() -> new Listening(readiness, "http"), new DeploymentOptions().setInstances(3))
                .compose(http -> {
                    test.verify(() -> assertEquals(Map.of("http", true), readiness.bearers()));
                    BearerReadiness.Instance extra = readiness.instance("tcp-cir");
                    test.verify(() -> {
                        assertFalse(readiness.allUp(), "a registered instance that does not listen yet holds the node back");
                        assertEquals(Map.of("http", true, "tcp-cir", false), readiness.bearers());
                    });
                    extra.up();
                    extra.up();
                    test.verify(() -> assertTrue(readiness.allUp(), "repeating up() counts once"));
                    return vertx.undeploy(http);
                })
                .onComplete(test.succeeding(v -> test.verify(() -> {
                    assertEquals(Map.of("http", false, "tcp-cir", true), readiness.bearers());
                    assertFalse(readiness.allUp(), "an HTTP bearer that stopped takes the node out of the load balancer");
                    test.completeNow();
                })));
    }

    @Test
    void aBearerWhoseListenerCannotOpenStaysDown(Vertx vertx, VertxTestContext test) {
        BearerReadiness readiness = new BearerReadiness();
        vertx.createNetServer().connectHandler(socket -> socket.close()).listen(0, "127.0.0.1")
                .compose(taken -> vertx.deployVerticle(new BearerVerticle(readiness, "tcp-cir") {
                    @Override
                    protected Future<?> open() {
                        return vertx.createNetServer().listen(taken.actualPort(), "127.0.0.1");
                    }
                }))
                .onComplete(test.failing(err -> test.verify(() -> {
                    assertEquals(Map.of("tcp-cir", false), readiness.bearers(), "the port was taken: " + err.getMessage());
                    assertFalse(readiness.allUp());
                    test.completeNow();
                })));
    }
}
