package imps.session.transaction;

import imps.protocol.Element;
import imps.protocol.MalformedPrimitive;
import imps.protocol.PrimitiveType;
import imps.protocol.Result;
import imps.protocol.StatusCode;
import imps.session.KeepAlivePolicy;
import io.vertx.core.Future;

/**
 * KeepAlive-Request (session-primitives §6): an optional new TimeToLive; the answer carries the
 * KeepAliveTime in force, with 605 when the new value was refused and the old one stays (seed 000).
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
        String ttl = tx.request().childText("TimeToLive");
        Result result = Result.ok();
        if (ttl != null) {
            int requested;
            try {
                requested = Integer.parseInt(ttl);
            } catch (NumberFormatException e) {
                return Future.failedFuture(new MalformedPrimitive("TimeToLive is not a number"));
            }
            int granted = policy.forKeepAlive(requested);
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
