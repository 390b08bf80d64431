package imps.session;

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
import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import imps.session.OutboundQueue.ServerTransaction;
import imps.session.transaction.InbandTransaction;
import imps.session.transaction.TransactionContext;
import imps.telemetry.Telemetry;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the inband transactions of one message against one session, on its owner. It applies the
 * session-wide rules: the version is the login's, an ended session answers 604, a primitive of
 * another CSP version is not understood (400), service negotiation must precede the services (506),
 * client responses settle server transactions (an unknown Transaction-ID gets 420; a message of
 * responses alone gets an empty answer, except over a bearer without a Poll flag, where it carries
 * the next collectable transaction), a Polling-Request collects the next server transaction
 * ({@link OutboundQueue}), and every reply carries the Poll flag while something is collectable
 * (docs/conformance.md "Server transactions").
 */
public final class InbandProcessor {
    private final Map<PrimitiveType, InbandTransaction> handlers = new EnumMap<>(PrimitiveType.class);
    private final SessionEvents events;
    private final OutboundQueue.Retransmission retransmission;
    private final Telemetry telemetry;

    public InbandProcessor(List<InbandTransaction> transactions, SessionEvents events,
                           OutboundQueue.Retransmission retransmission, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.events = events;
        this.retransmission = retransmission;
        for (InbandTransaction t : transactions) {
            handlers.put(t.type(), t);
        }
    }

    public Future<OutboundMessage> process(SessionContext session, InboundMessage in, long nowNanos) {
        CspMessage msg = in.message();
        if (msg.version() != session.version()) {
            Element refusal = StatusRules.failure(msg.first().primitive(), new CspException(
                    StatusCode.VERSION_NOT_SUPPORTED, "This session uses CSP " + session.version().label()));
            return Future.succeededFuture(reply(msg, session, List.of(Transaction.response(msg.first().transactionId(), refusal)),
                    nowNanos));
        }
        if (session.isActive()) {
            session.touch(nowNanos);
            session.seenAt(in.bearer());
        }
        session.bearer(in.bearer().transport());
        List<Transaction> replies = new ArrayList<>(msg.transactions().size());
        Future<Void> chain = Future.succeededFuture();
        for (Transaction tx : msg.transactions()) {
            chain = chain.compose(v -> one(session, in, tx, nowNanos).map(t -> {
                if (t != null) {
                    replies.add(t);
                }
                return null;
            }));
        }
        return chain.map(v -> {
            if (replies.isEmpty() && !in.bearer().carriesPollFlag()) {
                // Only answers came, over a bearer without a Poll flag: the answer to them carries the
                // next collectable transaction, as nothing else could tell the client that more waits.
                Transaction next = collect(session, in, nowNanos);
                if (next != null) {
                    replies.add(next);
                }
            }
            return replies.isEmpty() ? OutboundMessage.EMPTY : reply(msg, session, replies, nowNanos);
        });
    }

    private Future<Transaction> one(SessionContext session, InboundMessage in, Transaction tx, long now) {
        if (tx.mode() == TransactionMode.RESPONSE) {
            OutboundQueue.Settlement settlement = session.queue().answer(tx.transactionId());
            return switch (settlement.answer()) {
                case SETTLED -> events.clientResponse(session, tx.primitive(), settlement.settled().tag()).map(v -> null);
                case REPEATED -> Future.succeededFuture();
                case UNKNOWN -> respond(tx, StatusRules.status(Result.of(StatusCode.INVALID_TRANSACTION,
                        "No server transaction " + tx.transactionId() + " awaits an answer")));
            };
        }
        Element request = tx.primitive();
        PrimitiveType type = PrimitiveType.forRequest(request.name());
        if (type == PrimitiveType.POLLING) {
            Transaction collected = collect(session, in, now);
            telemetry.poll(collected == null);
            return Future.succeededFuture(collected);
        }
        if (!session.isActive()) {
            return respond(tx, StatusRules.failure(request, new CspException(StatusCode.INVALID_SESSION)));
        }
        if (type == null) {
            return respond(tx, StatusRules.malformed("Unknown primitive " + request.name()));
        }
        if (!type.existsIn(session.version())) {
            // Not part of this session's version, so not understood (OMA-TS-IMPS_CSP-V1_3 §6.1), like an unknown name.
            return respond(tx, StatusRules.malformed(request.name() + " does not exist in CSP " + session.version().label()));
        }
        InbandTransaction handler = handlers.get(type);
        if (handler == null || (!type.isSessionPrimitive() && !agreed(session, type))) {
            return respond(tx, StatusRules.failure(request,
                    new CspException(StatusCode.SERVICE_NOT_AGREED, request.name() + " is not among the agreed services")));
        }
        Future<Element> response;
        try {
            response = handler.handle(new TransactionContext(session, request, in.bearer(), now));
        } catch (CspException e) {
            response = Future.failedFuture(e);
        }
        return response.recover(err -> err instanceof CspException e
                        ? Future.succeededFuture(StatusRules.failure(request, e))
                        : Future.failedFuture(err))
                .map(element -> Transaction.response(tx.transactionId(), element));
    }

    private static boolean agreed(SessionContext session, PrimitiveType type) {
        return session.servicesNegotiated() && (type.leaf() == null || session.agreedFunctions().contains(type.leaf()));
    }

    private static Future<Transaction> respond(Transaction tx, Element primitive) {
        return Future.succeededFuture(Transaction.response(tx.transactionId(), primitive));
    }

    private Transaction collect(SessionContext session, InboundMessage in, long now) {
        ServerTransaction next = session.queue().next(now, in.bearer().transport(), retransmission);
        if (next == null) {
            return null;
        }
        telemetry.delivered(session.cirBinding() == null ? "none" : session.cirBinding().method());
        return Transaction.request(next.transactionId(), next.primitive());
    }

    /**
     * Poll while something is collectable; CIR F once after the session's TCP CIR connection was lost
     * (OMA-TS-IMPS_CSP_Transport §"CIR flag"; docs/conformance.md).
     */
    private static OutboundMessage reply(CspMessage request, SessionContext session, List<Transaction> transactions,
                                         long now) {
        boolean poll = session.queue().hasCollectable(now);
        Boolean cir = request.version().hasCirFlag() && session.takeCirLostNotice() ? Boolean.FALSE : null;
        return OutboundMessage.of(new CspMessage(request.version(), SessionType.INBAND, request.sessionId(),
                transactions, poll, cir));
    }
}
