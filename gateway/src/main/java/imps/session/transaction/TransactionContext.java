package imps.session.transaction;

import imps.protocol.Element;
import imps.bus.Bearer;
import imps.session.SessionContext;

/** One inband request being processed: the session, the request primitive and the bearer it came over. */
public record TransactionContext(SessionContext session, Element request, Bearer bearer, long nowNanos) {
}
