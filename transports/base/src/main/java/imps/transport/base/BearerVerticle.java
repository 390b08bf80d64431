package imps.transport.base;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * The base of every bearer's verticle: it opens the bearer's listener ({@link #open()}) and closes it
 * ({@link #close()}), and reports in between that the bearer takes traffic ({@link BearerReadiness}).
 * The readiness probe turns false the moment a stop begins, before the listener closes, so a load
 * balancer stops sending new requests first.
 */
public abstract class BearerVerticle extends VerticleBase {
    private final BearerReadiness.Instance readiness;

    /** {@code bearer}: the name the readiness probe reports, e.g. {@code http}. */
    protected BearerVerticle(BearerReadiness readiness, String bearer) {
        this.readiness = readiness.instance(bearer);
    }

    /** Opens the listener and whatever the bearer needs; the bearer is up when this succeeds. */
    protected abstract Future<?> open();

    /** Releases what {@link #open()} took beyond what Vert.x closes with the verticle itself. */
    protected Future<?> close() {
        return Future.succeededFuture();
    }

    @Override
    public final Future<?> start() {
        return open().onSuccess(x -> readiness.up());
    }

    @Override
    public final Future<?> stop() {
        readiness.down();
        return close();
    }
}
