package imps.session.transaction;

import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.Result;
import imps.protocol.StatusCode;
import imps.protocol.primitive.KeepAliveRequest;
import imps.session.KeepAlivePolicy;
import io.vertx.core.Future;

/**
 * KeepAlive-Request (OMA-TS-IMPS_CSP, Keep Alive): an optional new TimeToLive; the answer carries the
 * KeepAliveTime in force, with 605 when the new value was refused and the old one stays
 * (OMA-TS-IMPS_CSP-V1_2 §11.6.5).
 */
public final class KeepAliveTransaction implements InbandTransaction {
    private final KeepAlivePolicy policy;

    public KeepAliveTransaction(KeepAlivePolicy policy) {
        this.policy = policy;
    }

    @Override
    public PrimitiveType type() {
        return PrimitiveType.KEEP_ALIVE;
    }

    @Override
    public Future<Element> handle(TransactionContext tx) {
        KeepAliveRequest request = KeepAliveRequest.of(tx.request());
        Result result = Result.ok();
        if (request.timeToLive() != null) {
            int granted = policy.forKeepAlive(request.timeToLive());
            if (granted < 0) {
                result = Result.of(StatusCode.NEW_VALUE_NOT_ACCEPTED,
                        "TimeToLive must be at most " + policy.maxSeconds() + " seconds");
            } else {
                tx.session().keepAliveSeconds(granted);
            }
        }
        return Future.succeededFuture(Element.builder("KeepAlive-Response")
                .add(result.toElement())
                .leaf("KeepAliveTime", tx.session().keepAliveSeconds())
                .build());
    }
}
