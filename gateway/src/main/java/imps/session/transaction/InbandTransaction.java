package imps.session.transaction;

import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import io.vertx.core.Future;

/**
 * The handler of one kind of inband request. It returns the response primitive, or fails with a
 * {@link imps.protocol.CspException} that {@link imps.protocol.StatusRules} turns into the right
 * answer. It runs on the session's owner, one transaction of a session at a time.
 */
public interface InbandTransaction {
    PrimitiveType type();

    Future<Element> handle(TransactionContext tx);
}
