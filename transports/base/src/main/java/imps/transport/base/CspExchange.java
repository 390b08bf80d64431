package imps.transport.base;

import imps.bus.Bearer;
import imps.bus.InboundMessage;
import imps.bus.OutboundMessage;
import imps.codec.CspCodec;
import imps.codec.DecodeException;
import imps.protocol.CspMessage;
import imps.protocol.CspVersion;
import imps.protocol.Result;
import imps.protocol.SessionType;
import imps.protocol.StatusCode;
import imps.protocol.StatusRules;
import imps.protocol.Transaction;
import imps.protocol.TransactionMode;
import imps.router.CspRouter;
import imps.telemetry.Telemetry;
import io.vertx.core.Future;

import java.util.List;
import java.util.function.Predicate;

/**
 * What every bearer does with a message it received: decode it with the codec of its syntax, hand it
 * to the {@link CspRouter}, and encode the answer in the same syntax. Bytes that are CSP but cannot
 * be decoded are answered here, with Status 400 (or 505 for a version the gateway does not speak)
 * repeating the Session-ID and Transaction-ID that could be read (OMA-TS-IMPS_CSP-V1_3 §6.1, Status
 * primitive; docs/conformance.md, CR 004); an answer the bearer cannot carry becomes Status 432.
 * Bytes that are not CSP at all are left to the bearer, which refuses them in its own terms.
 */
public final class CspExchange {
    private final CspRouter router;
    private final List<String> supportedVersions;

    /** {@code supportedVersions}: the versions the gateway speaks, as a 505 names them. */
    public CspExchange(CspRouter router, List<String> supportedVersions) {
        this.router = router;
        this.supportedVersions = List.copyOf(supportedVersions);
    }

    /** Where the bearer reports what happens on it (HTTP statuses, connections, refusals). */
    public Telemetry telemetry() {
        return router.telemetry();
    }

    /** How an exchange ended. */
    public sealed interface Outcome {
        /**
         * The answer to carry back: its bytes in the request's syntax, or none (nothing to say).
         * {@code tooLarge}: the router's answer did not fit the bearer and this replaces it.
         */
        record Answer(OutboundMessage message, byte[] bytes, boolean tooLarge) implements Outcome {
            public boolean isEmpty() {
                return bytes == null;
            }
        }

        /** The bytes were not CSP at all; {@code reason} says why. */
        record NotCsp(String reason) implements Outcome {
        }
    }

    /**
     * Exchanges one message that came over {@code bearer} (whose syntax {@code codec} reads).
     * {@code impliedVersion}: the version the bearer implies (an HTTP content type; CSP 1.2 for SMS),
     * in which an undecodable message without a readable version is answered. {@code fits}: whether
     * the bearer can carry an encoded answer.
     */
    public Future<Outcome> exchange(byte[] body, CspCodec codec, Bearer bearer, CspVersion impliedVersion,
                                    Predicate<byte[]> fits) {
        CspMessage message;
        try {
            message = codec.decode(body);
        } catch (DecodeException e) {
            router.telemetry().decodeFailure(codec.syntax().name());
            return Future.succeededFuture(e.isCsp()
                    ? encoded(undecodable(e, impliedVersion), codec, fits)
                    : new Outcome.NotCsp(e.getMessage()));
        }
        return router.route(new InboundMessage(message, bearer)).map(out -> encoded(out, codec, fits));
    }

    static Outcome encoded(OutboundMessage out, CspCodec codec, Predicate<byte[]> fits) {
        if (out.isEmpty()) {
            return new Outcome.Answer(out, null, false);
        }
        byte[] bytes = codec.encode(out.message());
        if (fits.test(bytes)) {
            return new Outcome.Answer(out, bytes, false);
        }
        OutboundMessage refusal = tooLarge(out);
        return refusal == null ? new Outcome.Answer(OutboundMessage.EMPTY, null, true)
                : new Outcome.Answer(refusal, codec.encode(refusal.message()), true);
    }

    /**
     * The answer to a body that is CSP but could not be decoded. It is in the version the message
     * declared, else in {@code impliedVersion}; never in a namespace taken from the request.
     */
    OutboundMessage undecodable(DecodeException e, CspVersion impliedVersion) {
        var status = e.kind() == DecodeException.Kind.UNSUPPORTED_VERSION
                ? StatusRules.status(Result.of(StatusCode.VERSION_NOT_SUPPORTED,
                        "Supported CSP versions: " + String.join(", ", supportedVersions)))
                : StatusRules.malformed(e.getMessage());
        SessionType type = e.sessionId() == null ? SessionType.OUTBAND : SessionType.INBAND;
        CspVersion version = e.version() != null ? e.version() : impliedVersion;
        return OutboundMessage.of(new CspMessage(version, type, e.sessionId(),
                List.of(Transaction.response(e.transactionId(), status)), false, null));
    }

    /**
     * An answer too large for the bearer that must carry it (an SMS bearer carries a few kilobytes):
     * a response becomes Status 432 for the same transaction; null for a server-initiated request,
     * which stays queued for a bearer that can carry it.
     */
    static OutboundMessage tooLarge(OutboundMessage out) {
        CspMessage m = out.message();
        Transaction tx = m.first();
        if (tx.mode() != TransactionMode.RESPONSE) {
            return null;
        }
        var status = StatusRules.status(Result.of(StatusCode.RESPONSE_TOO_LARGE, "The answer does not fit this bearer"));
        return OutboundMessage.of(new CspMessage(m.version(), m.sessionType(), m.sessionId(),
                List.of(Transaction.response(tx.transactionId(), status)), false, null));
    }
}
