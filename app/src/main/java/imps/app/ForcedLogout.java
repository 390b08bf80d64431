package imps.app;

import imps.router.CspRouter;
import imps.session.registry.UserSessionRegistry;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/** Forced logout (Disconnect 601) of every live session of a user, wherever in the cluster it lives. */
final class ForcedLogout {
    private final UserSessionRegistry sessions;
    private final CspRouter router;

    ForcedLogout(UserSessionRegistry sessions, CspRouter router) {
        this.sessions = sessions;
        this.router = router;
    }

    /** Completes with the number of sessions ended. */
    Future<Integer> endSessions(String userId) {
        return sessions.currentSessionsOf(userId).compose(ids -> {
            List<Future<Boolean>> ends = new ArrayList<>();
            ids.forEach(id -> ends.add(router.forceDisconnect(id).otherwise(false)));
            return Future.join(ends).transform(ar -> Future.succeededFuture(
                    (int) ends.stream().filter(f -> f.succeeded() && Boolean.TRUE.equals(f.result())).count()));
        });
    }
}
