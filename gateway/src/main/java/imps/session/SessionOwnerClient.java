package imps.session;

import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.bus.EventBusAddresses;
import imps.bus.SessionOp;
import imps.bus.SessionOpCodec;
import imps.session.registry.ClusterMembership;
import imps.session.registry.SessionDirectory;
import imps.telemetry.Telemetry;
import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Sends a {@link SessionOp} to whichever node owns the session: this node when it holds the session,
 * otherwise the owner named in the session directory. A session nobody owns fails with 604; a
 * failure on the owner comes back as the {@link CspException} it raised.
 *
 * <p>A request to another node that dies before answering would wait for the whole owner time-out:
 * the clustered event bus drops it without failing the reply. So requests in flight to a node are
 * failed as soon as the cluster sees that node leave, and the session is then taken over at once.
 */
public final class SessionOwnerClient {
    private final Vertx vertx;
    private final String nodeId;
    private final LocalSessions local;
    private final SessionDirectory directory;
    private final ClusterMembership membership;
    private final DeliveryOptions delivery;
    private final DeliveryOptions operations;
    private final Map<String, Set<Promise<?>>> inFlight = new ConcurrentHashMap<>();
    private final Telemetry telemetry;
    /** This node's owner side once its hosts run; until then requests to it go over the event bus. */
    private volatile LocalOwner here;

    public SessionOwnerClient(Vertx vertx, String nodeId, LocalSessions local, SessionDirectory directory,
                              ClusterMembership membership, long timeoutMillis, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.local = local;
        this.directory = directory;
        this.membership = membership;
        this.delivery = new DeliveryOptions().setSendTimeout(timeoutMillis);
        this.operations = new DeliveryOptions().setSendTimeout(timeoutMillis).setCodecName(SessionOpCodec.NAME);
        membership.onDeparture(this::departed);
    }

    /**
     * The node that owns the session now, or null when none does. A session whose owner has left
     * the cluster (or is this node without holding it, after a restart) is taken over here: the
     * directory entry moves by compare-and-set and the context is restored from its replica.
     */
    public Future<String> locate(String sessionId) {
        return locate(sessionId, false);
    }

    /** {@code fresh}: read the directory past its cache (a node named before said it does not hold the session). */
    private Future<String> locate(String sessionId, boolean fresh) {
        if (local.get(sessionId) != null) {
            return Future.succeededFuture(nodeId);
        }
        return (fresh ? directory.currentOwnerOf(sessionId) : directory.ownerOf(sessionId)).compose(owner -> {
            if (owner == null || (!owner.equals(nodeId) && membership.isAlive(owner))) {
                return Future.succeededFuture(owner);
            }
            return directory.takeOver(sessionId, owner, nodeId).compose(won -> won
                    ? vertx.eventBus().request(EventBusAddresses.restoreOf(nodeId), sessionId, delivery)
                            .map(v -> {
                                telemetry.takeover(sessionId, owner);
                                return nodeId;
                            })
                            .recover(err -> Future.succeededFuture((String) null))
                    : directory.currentOwnerOf(sessionId));
        });
    }

    /**
     * From now on the sessions of this node are reached through {@code owner}, by a direct call: the
     * same work as an event-bus request to this node, without its message, reply registration and
     * time-out timer.
     */
    public void serveLocally(LocalOwner owner) {
        this.here = owner;
    }

    /** Runs {@code op} on the session's owner and answers what it answers. */
    public <R> Future<R> send(SessionOp<R> op) {
        return withOwner(op.sessionId(), node -> {
            LocalOwner owner = here;
            if (owner != null && node.equals(nodeId)) {
                return onCaller(() -> owner.operation(op)).map(op::decodeReply);
            }
            return vertx.eventBus().<JsonObject>request(EventBusAddresses.opsOf(node), op, operations)
                    .map(m -> op.decodeReply(m.body()));
        }).recover(err -> Future.failedFuture(asCsp(err)));
    }

    /** A Login-Request, to a host of this node: the session it creates lives here. */
    public Future<OutboundMessage> login(InboundMessage in) {
        LocalOwner owner = here;
        return owner != null ? onCaller(() -> owner.login(in))
                : vertx.eventBus().<OutboundMessage>request(EventBusAddresses.LOGIN, in, delivery).map(Message::body);
    }

    /**
     * An inband message for a session this node owns, to its actor; fails like an event-bus request
     * to this node would (the caller looks the owner up again on {@link EventBusAddresses#NOT_HERE}).
     */
    public Future<OutboundMessage> inbandHere(InboundMessage in) {
        LocalOwner owner = here;
        return owner != null ? onCaller(() -> owner.inband(in))
                : vertx.eventBus().<OutboundMessage>request(EventBusAddresses.INBAND_LOCAL, in, delivery).map(Message::body);
    }

    /**
     * A direct call's answer comes on the session's event loop; the caller carries on on its own, as
     * after an event-bus reply.
     */
    private static <T> Future<T> onCaller(Supplier<Future<T>> call) {
        Context caller = Vertx.currentContext();
        Future<T> answer = call.get();
        if (caller == null || answer.isComplete()) {
            return answer;
        }
        Promise<T> back = Promise.promise();
        answer.onComplete(ar -> {
            if (Vertx.currentContext() == caller) {
                back.handle(ar);
            } else {
                caller.runOnContext(v -> back.handle(ar));
            }
        });
        return back.future();
    }

    /** How often and how long to look for the owner again while a lost node is still being noticed. */
    private static final int OWNER_RETRIES = 20;
    private static final long OWNER_RETRY_MILLIS = 250;

    /**
     * Runs {@code call} against the session's owner. When the owner cannot be reached (it died and
     * the cluster has not noticed yet), the owner is looked up again a little later, so the session
     * is taken over instead of the client getting an error. Fails with 604 when nobody owns it, and
     * with 503 while this node is below the cluster's quorum.
     */
    public <T> Future<T> withOwner(String sessionId, java.util.function.Function<String, Future<T>> call) {
        if (!membership.quorate()) {
            // In a minority partition the majority may have taken this session over already: serving
            // the copy held here could deliver a queued primitive twice or answer from a context that
            // the merge will discard. Refuse until the partition heals (503, the client retries).
            return Future.failedFuture(new CspException(StatusCode.SERVICE_UNAVAILABLE,
                    "This node is cut off from most of the cluster; try again"));
        }
        return withOwner(sessionId, call, 0);
    }

    private <T> Future<T> withOwner(String sessionId, java.util.function.Function<String, Future<T>> call, int attempt) {
        return locate(sessionId, attempt > 0).compose(node -> {
            if (node == null) {
                return Future.<T>failedFuture(new CspException(StatusCode.INVALID_SESSION));
            }
            return guarded(node, call.apply(node)).recover(err -> {
                boolean unreachable = err instanceof ReplyException re && (re.failureType() != ReplyFailure.RECIPIENT_FAILURE
                        || re.failureCode() == EventBusAddresses.NOT_HERE);
                if (!unreachable || attempt >= OWNER_RETRIES) {
                    return Future.failedFuture(asCsp(err));
                }
                return vertx.timer(OWNER_RETRY_MILLIS).compose(t -> withOwner(sessionId, call, attempt + 1));
            });
        });
    }

    /** {@code call} to {@code node}, failed early (as unreachable) when that node leaves the cluster first. */
    private <T> Future<T> guarded(String node, Future<T> call) {
        if (node.equals(nodeId)) {
            return call;
        }
        Promise<T> answer = Promise.promise();
        Set<Promise<?>> waiting = inFlight.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet());
        waiting.add(answer);
        if (!membership.isAlive(node)) {
            answer.tryFail(departedFailure(node));
        }
        call.onComplete(ar -> {
            waiting.remove(answer);
            if (ar.succeeded()) {
                answer.tryComplete(ar.result());
            } else {
                answer.tryFail(ar.cause());
            }
        });
        return answer.future();
    }

    private void departed(String node) {
        Set<Promise<?>> waiting = inFlight.remove(node);
        if (waiting != null) {
            waiting.forEach(p -> p.tryFail(departedFailure(node)));
        }
    }

    private static ReplyException departedFailure(String node) {
        return new ReplyException(ReplyFailure.NO_HANDLERS, "node " + node + " left the cluster");
    }

    private static Throwable asCsp(Throwable err) {
        if (err instanceof CspException) {
            return err;
        }
        if (err instanceof ReplyException re && re.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
            if (re.failureCode() == EventBusAddresses.NOT_HERE) {
                return new CspException(StatusCode.INVALID_SESSION);
            }
            StatusCode code = StatusCode.fromCode(re.failureCode());
            return new CspException(code == null ? StatusCode.INTERNAL_ERROR : code, re.getMessage());
        }
        return new CspException(StatusCode.SERVICE_UNAVAILABLE);
    }
}
