package imps.session.transaction;

import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import io.vertx.core.Future;

import java.util.function.Function;

/**
 * The handler of one kind of inband request. It returns the response primitive, or fails with a
 * {@link imps.protocol.CspException} that {@link imps.protocol.StatusRules} turns into the right
 * answer. It runs on the session's owner, one transaction of a session at a time.
 */
public interface InbandTransaction {
    PrimitiveType type();

    Future<Element> handle(TransactionContext tx);

    /** A transaction handled by one function (what most service primitives need). */
    static InbandTransaction of(PrimitiveType type, Function<TransactionContext, Future<Element>> handler) {
        return new InbandTransaction() {
            @Override
            public PrimitiveType type() {
                return type;
            }

            @Override
            public Future<Element> handle(TransactionContext tx) {
                return handler.apply(tx);
            }
        };
    }
}
