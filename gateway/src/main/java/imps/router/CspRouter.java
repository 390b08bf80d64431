package imps.router;

import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import imps.bus.SessionOp;
import imps.protocol.CspException;
import imps.protocol.CspMessage;
import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.Result;
import imps.protocol.SessionType;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import imps.session.SessionOwnerClient;
import imps.session.transaction.GetSpInfoTransaction;
import imps.telemetry.Telemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;

import java.util.List;

/**
 * Where every bearer hands its decoded messages (README.md, "Layout"). Login goes to a session host of this
 * node; other outband primitives are answered here (they need no session); inband messages cross the
 * event bus to the session's owner, found in this node's sessions first and otherwise in the
 * cluster's session directory. The envelope rules of OMA-TS-IMPS_CSP-V1_3 §5.3 are checked here: inband needs a
 * Session-ID, outband must not carry one, unknown sessions get 604.
 */
public final class CspRouter {
    private final SessionOwnerClient owners;
    private final String nodeId;
    private final GetSpInfoTransaction spInfo;
    private final Telemetry telemetry;
    private final OwnerBatches forwarded;

    /**
     * {@code owners} reaches the owner of any session; {@code nodeId} is this node; {@code spInfo}
     * answers the one outband request that needs no session.
     */
    public CspRouter(Vertx vertx, SessionOwnerClient owners, String nodeId, GetSpInfoTransaction spInfo,
                     Telemetry telemetry, long requestTimeoutMillis) {
        this.owners = owners;
        this.nodeId = nodeId;
        this.spInfo = spInfo;
        this.telemetry = telemetry;
        this.forwarded = new OwnerBatches(vertx, new DeliveryOptions().setSendTimeout(requestTimeoutMillis));
    }

    /**
     * Routes a message and reports it ({@link Telemetry#transaction}): its first primitive and the
     * Result code of the answer, timed from here until the answer is back.
     */
    public Future<OutboundMessage> route(InboundMessage in) {
        long start = System.nanoTime();
        return dispatch(in).andThen(ar -> telemetry.transaction(primitiveOf(in.message()),
                ar.succeeded() ? resultCode(ar.result()) : StatusCode.INTERNAL_ERROR.code(), System.nanoTime() - start));
    }

    /** Where the bearers report what happens on them. */
    public Telemetry telemetry() {
        return telemetry;
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
            return owners.login(in).recover(err -> refuse(msg, StatusCode.SERVICE_UNAVAILABLE, null));
        }
        if (msg.sessionType() == SessionType.OUTBAND) {
            return outband(msg);
        }
        String sessionId = msg.sessionId();
        if (sessionId == null) {
            return answer(msg, StatusRules.malformed("Inband transactions must carry a Session-ID"));
        }
        return owners.<OutboundMessage>withOwner(sessionId, owner -> owner.equals(nodeId)
                        ? owners.inbandHere(in)
                        : forward(owner, in))
                .recover(err -> err instanceof CspException e && e.status() == StatusCode.INVALID_SESSION
                        ? refuse(msg, StatusCode.INVALID_SESSION, null)
                        : refuse(msg, StatusCode.SERVICE_UNAVAILABLE, null));
    }

    private Future<OutboundMessage> forward(String owner, InboundMessage in) {
        telemetry.ownerForward();
        return forwarded.send(owner, in);
    }

    /**
     * Forces a session out (operator action): its owner ends it and queues a Disconnect with 601
     * (docs/conformance.md, "Decisions where the CRs disagree"). True when it was live, false when
     * it had already ended; fails with 604 when no node holds the session.
     */
    public Future<Boolean> forceDisconnect(String sessionId) {
        return owners.send(new SessionOp.Disconnect(sessionId));
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
            return answer(msg, spInfo.response(request));
        }
        return refuse(msg, StatusCode.INVALID_SESSION, request.name() + " needs a session: log in first");
    }

    /** A refusal of the request, in its specific response when that has a Result slot (OMA-TS-IMPS_CSP-V1_3 §6.1). */
    private static Future<OutboundMessage> refuse(CspMessage msg, StatusCode code, String description) {
        return answer(msg, StatusRules.failure(msg.first().primitive(), new CspException(code, description)));
    }

    private static Future<OutboundMessage> answer(CspMessage request, Element primitive) {
        return Future.succeededFuture(OutboundMessage.of(new CspMessage(request.version(), request.sessionType(),
                request.sessionId(), List.of(Transaction.response(request.first().transactionId(), primitive)),
                false, null)));
    }
}
