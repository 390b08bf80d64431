package imps.service.presence;

import imps.protocol.CspException;
import imps.protocol.Element;
import imps.protocol.StatusCode;
import imps.service.Addresses;
import imps.service.SharedMap;
import imps.session.Delivery;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Queues PresenceNotification-Request (docs/services.md §4) to the sessions watching a user. Each one
 * shows what its user may see of the watched user (the watched user's {@link AuthPolicy}); a session
 * whose user may see nothing gets nothing.
 */
final class PresenceNotifier {
    private final SharedMap<PresenceDocument> documents;
    private final WatcherIndex watchers;
    private final PresenceAuthorization authorization;
    private final Delivery delivery;
    private final Addresses addresses;

    PresenceNotifier(SharedMap<PresenceDocument> documents, WatcherIndex watchers, PresenceAuthorization authorization,
                     Delivery delivery, Addresses addresses) {
        this.documents = documents;
        this.watchers = watchers;
        this.authorization = authorization;
        this.delivery = delivery;
        this.addresses = addresses;
    }

    /** The user's merged presence changed; sessions that are gone are dropped from the index. */
    Future<Void> changed(String user, Element merged) {
        Future<Map<String, String>> sessions = watchers.sessions(user);
        Future<AuthPolicy> policy = authorization.policy(user);
        return Future.all(sessions, policy).compose(all -> {
            List<Future<Void>> sends = new ArrayList<>();
            sessions.result().forEach((sid, watcher) -> {
                List<String> shown = watcher.equals(user) ? PresenceDocument.ATTRIBUTES : policy.result().visible(watcher);
                if (shown.isEmpty()) {
                    return;
                }
                sends.add(send(sid, user, PresenceDocument.only(merged, shown))
                        .recover(err -> err instanceof CspException e && e.status() == StatusCode.INVALID_SESSION
                                ? watchers.remove(user, sid) : Future.succeededFuture()));
            });
            return Future.join(sends).mapEmpty();
        });
    }

    /** Queues {@code watched}'s current presence, limited to {@code shown}, to one session. */
    Future<Void> current(String watched, String sessionId, List<String> shown) {
        return documents.get(watched).compose(doc ->
                send(sessionId, watched, PresenceDocument.only(PresenceDocument.mergedOf(doc), shown)));
    }

    /**
     * {@code watcher} was just let in: its sessions that subscribed to {@code watched} get the current
     * presence, as a new subscription would.
     */
    Future<Void> admitted(String watched, String watcher) {
        Future<Map<String, String>> sessions = watchers.sessions(watched);
        Future<AuthPolicy> policy = authorization.policy(watched);
        return Future.all(sessions, policy).compose(all -> {
            List<String> shown = policy.result().visible(watcher);
            List<Future<Void>> sends = new ArrayList<>();
            sessions.result().forEach((sid, user) -> {
                if (user.equals(watcher) && !shown.isEmpty()) {
                    sends.add(current(watched, sid, shown).otherwiseEmpty());
                }
            });
            return Future.join(sends).mapEmpty();
        });
    }

    private Future<Void> send(String sessionId, String user, Element subList) {
        Element notification = Element.of("PresenceNotification-Request",
                Element.of("Presence", Element.leaf("UserID", addresses.wireUser(user)), subList));
        return delivery.toSession(sessionId, notification, true, null, null);
    }
}
