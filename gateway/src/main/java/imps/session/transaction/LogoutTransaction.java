package imps.session.transaction;

import imps.protocol.Element;
import imps.protocol.PrimitiveType;
import imps.protocol.StatusRules;
import imps.session.EndCause;
import imps.session.SessionLifecycle;
import io.vertx.core.Future;

/** Logout-Request: answered with Status 200 (OMA-TS-IMPS_CSP-V1_3 §6.6.1); the session ends, its context is kept. */
public final class LogoutTransaction implements InbandTransaction {
    private final SessionLifecycle lifecycle;

    public LogoutTransaction(SessionLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public PrimitiveType type() {
        return PrimitiveType.LOGOUT;
    }

    @Override
    public Future<Element> handle(TransactionContext tx) {
        return lifecycle.end(tx.session(), EndCause.LOGOUT, tx.nowNanos()).map(v -> StatusRules.ok());
    }
}
