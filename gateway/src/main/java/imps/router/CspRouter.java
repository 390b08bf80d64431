package imps.router;

import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import imps.bus.SessionOp;
import imps.bus.EventBusAddresses;
import imps.codec.DecodeException;
import imps.protocol.CspException;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.Result;
import imps.protocol.SessionType;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import imps.session.SessionCore;
import imps.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import java.util.List;

/**
 * Where every bearer hands its decoded messages (design.md §1). Login goes to a session host of this
 * node; other outband primitives are answered here (they need no session); inband messages cross the
 * event bus to the session's owner, found in this node's sessions first and otherwise in the
 * cluster's session directory. The envelope rules of seed 003 are checked here: inband needs a
 * Session-ID, outband must not carry one, unknown sessions get 604.
 */
public final class CspRouter {
    private final Vertx vertx;
    private final SessionCore core;
    private final DeliveryOptions delivery;
    private final OwnerBatches forwarded;

    public CspRouter(Vertx vertx, SessionCore core, long requestTimeoutMillis) {
        this.vertx = vertx;
        this.core = core;
        this.delivery = new DeliveryOptions().setSendTimeout(requestTimeoutMillis);
        this.forwarded = new OwnerBatches(vertx, delivery);
    }

    /**
     * Routes a message and reports it ({@link Telemetry#transaction}): its first primitive and the
     * Result code of the answer, timed from here until the answer is back.
     */
    public Future<OutboundMessage> route(InboundMessage in) {
        long start = System.nanoTime();
        return dispatch(in).andThen(ar -> core.telemetry().transaction(primitiveOf(in.message()),
                ar.succeeded() ? resultCode(ar.result()) : StatusCode.INTERNAL_ERROR.code(), System.nanoTime() - start));
    }

    /** Where the bearers report what happens on them. */
    public Telemetry telemetry() {
        return core.telemetry();
    }

    private static String primitiveOf(CspMessage msg) {
        Transaction first = msg.first();
        if (first.mode() == TransactionMode.RESPONSE) {
            return "client-response";
        }
        PrimitiveType type = PrimitiveType.forRequest(first.primitiveName());
        return type == null ? "other" : first.primitiveName();
    }

    /**
     * The Result code of an answer's first transaction: a response's Result, 200 for an empty answer
     * or a server transaction handed out by a poll.
     */
    private static int resultCode(OutboundMessage out) {
        if (out.isEmpty()) {
            return StatusCode.OK.code();
        }
        Transaction first = out.message().first();
        Element result = first.mode() == TransactionMode.RESPONSE ? first.primitive().child("Result") : null;
        String code = result == null ? null : result.childText("Code");
        if (code == null) {
            return StatusCode.OK.code();
        }
        try {
            return Integer.parseInt(code.trim());
        } catch (NumberFormatException e) {
            return StatusCode.INTERNAL_ERROR.code();
        }
    }

    private Future<OutboundMessage> dispatch(InboundMessage in) {
        CspMessage msg = in.message();
        boolean login = msg.transactions().stream()
                .anyMatch(t -> PrimitiveType.forRequest(t.primitiveName()) == PrimitiveType.LOGIN);
        if (login) {
            if (msg.transactions().size() != 1) {
                return answer(msg, StatusRules.malformed("Login-Request must travel alone in its message"));
            }
            return request(EventBusAddresses.LOGIN, in, msg);
        }
        if (msg.sessionType() == SessionType.OUTBAND) {
            return outband(msg);
        }
        String sessionId = msg.sessionId();
        if (sessionId == null) {
            return answer(msg, StatusRules.malformed("Inband transactions must carry a Session-ID"));
        }
        return core.owners().<OutboundMessage>withOwner(sessionId, owner -> owner.equals(core.nodeId())
                        ? core.owners().inbandHere(in)
                        : forward(owner, in))
                .recover(err -> err instanceof CspException e && e.status() == StatusCode.INVALID_SESSION
                        ? refuse(msg, StatusCode.INVALID_SESSION, null)
                        : refuse(msg, StatusCode.SERVICE_UNAVAILABLE, null));
    }

    private Future<OutboundMessage> forward(String owner, InboundMessage in) {
        core.telemetry().ownerForward();
        return forwarded.send(owner, in);
    }

    /**
     * Forces a session out (operator action): its owner ends it and queues a Disconnect with 601
     * (design.md §3). True when it was live, false when it had already ended; fails with 604 when
     * no node holds the session.
     */
    public Future<Boolean> forceDisconnect(String sessionId) {
        return core.owners().send(new SessionOp.Disconnect(sessionId));
    }

    /**
     * The answer to a body that is CSP but could not be decoded: Status 400, or 505 for a version the
     * gateway does not speak, repeating the Session-ID and Transaction-ID that could be read. It is in
     * the version the message declared, else in {@code impliedVersion}, the one its bearer implies
     * (the HTTP content type); never in a namespace taken from the request.
     */
    public OutboundMessage undecodable(DecodeException e, CspVersion impliedVersion) {
        Element status = e.kind() == DecodeException.Kind.UNSUPPORTED_VERSION
                ? StatusRules.status(Result.of(StatusCode.VERSION_NOT_SUPPORTED,
                        "Supported CSP versions: " + String.join(", ", core.config().csp().versions())))
                : StatusRules.malformed(e.getMessage());
        SessionType type = e.sessionId() == null ? SessionType.OUTBAND : SessionType.INBAND;
        CspVersion version = e.version() != null ? e.version() : impliedVersion;
        return OutboundMessage.of(new CspMessage(version, type, e.sessionId(),
                List.of(Transaction.response(e.transactionId(), status)), false, null));
    }

    /**
     * An answer too large for the bearer that must carry it (an SMS bearer carries a few kilobytes):
     * a response becomes Status 432 for the same transaction (status-codes: response too large);
     * null for a server-initiated request, which stays queued for a bearer that can carry it.
     */
    public OutboundMessage tooLarge(OutboundMessage out) {
        CspMessage m = out.message();
        Transaction tx = m.first();
        if (tx.mode() != TransactionMode.RESPONSE) {
            return null;
        }
        Element status = StatusRules.status(Result.of(StatusCode.RESPONSE_TOO_LARGE, "The answer does not fit this bearer"));
        return OutboundMessage.of(new CspMessage(m.version(), m.sessionType(), m.sessionId(),
                List.of(Transaction.response(tx.transactionId(), status)), false, null));
    }

    private Future<OutboundMessage> outband(CspMessage msg) {
        if (msg.sessionId() != null) {
            return answer(msg, StatusRules.malformed("Outband transactions must not carry a Session-ID"));
        }
        Transaction tx = msg.first();
        if (tx.mode() == TransactionMode.RESPONSE) {
            return Future.succeededFuture(OutboundMessage.EMPTY);
        }
        Element request = tx.primitive();
        if (PrimitiveType.forRequest(request.name()) == PrimitiveType.GET_SP_INFO) {
            return answer(msg, core.spInfo().response(request));
        }
        return refuse(msg, StatusCode.INVALID_SESSION, request.name() + " needs a session: log in first");
    }

    private Future<OutboundMessage> request(String address, InboundMessage in, CspMessage msg) {
        return vertx.eventBus().<OutboundMessage>request(address, in, delivery)
                .map(reply -> reply.body())
                .recover(err -> refuse(msg, StatusCode.SERVICE_UNAVAILABLE, null));
    }

    /** A refusal of the message's request, in its specific response when that has a Result slot (seed 004). */
    private static Future<OutboundMessage> refuse(CspMessage msg, StatusCode code, String description) {
        return answer(msg, StatusRules.failure(msg.first().primitive(), new CspException(code, description)));
    }

    private static Future<OutboundMessage> answer(CspMessage request, Element primitive) {
        return Future.succeededFuture(OutboundMessage.of(new CspMessage(request.version(), request.sessionType(),
                request.sessionId(), List.of(Transaction.response(request.first().transactionId(), primitive)),
                false, null)));
    }
}
