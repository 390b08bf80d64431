package imps.app;

import imps.transport.base.BearerReadiness;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Whether the node should receive new clients (the readiness probe, docs/operations.md): it has
 * finished starting and is not draining, its side of the cluster holds a quorum, the subscriber store
 * answers, and every bearer listens. {@link #report()} names each check, so an operator sees why a
 * node is out of the load balancer.
 */
final class NodeReadiness implements BooleanSupplier {
    private final AtomicBoolean accepting = new AtomicBoolean();
    private final BearerReadiness bearers = new BearerReadiness();
    private volatile BooleanSupplier quorate = () -> false;
    private volatile BooleanSupplier store = () -> false;

    /** Where the bearers' verticles report. */
    BearerReadiness bearers() {
        return bearers;
    }

    /** The checks that the cluster and the store answer, known once both exist. */
    void watch(BooleanSupplier quorate, BooleanSupplier store) {
        this.quorate = quorate;
        this.store = store;
    }

    /** The node started, or began to drain or stop. */
    void accepting(boolean accepting) {
        this.accepting.set(accepting);
    }

    boolean accepting() {
        return accepting.get();
    }

    @Override
    public boolean getAsBoolean() {
        return accepting.get() && quorate.getAsBoolean() && store.getAsBoolean() && bearers.allUp();
    }

    /** The probe's body: {@code status} UP or DOWN, and each check. */
    JsonObject report() {
        boolean up = getAsBoolean();
        JsonObject bearerStates = new JsonObject();
        bearers.bearers().forEach((bearer, listening) -> bearerStates.put(bearer, listening ? "UP" : "DOWN"));
        return new JsonObject().put("status", up ? "UP" : "DOWN")
                .put("checks", new JsonObject()
                        .put("accepting", accepting.get())
                        .put("quorum", quorate.getAsBoolean())
                        .put("store", store.getAsBoolean())
                        .put("bearers", bearerStates));
    }
}
