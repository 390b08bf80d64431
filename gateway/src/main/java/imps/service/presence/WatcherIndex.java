package imps.service.presence;

import imps.service.SharedMap;
import io.vertx.core.Future;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which sessions subscribed to a user's presence, and on behalf of which user: watched user →
 * Session-ID → watching user. The subscriptions themselves live in the subscribing sessions' contexts
 * (OMA-TS-IMPS_CSP-V1_3 §5.3); this index is how a change of the watched user's presence, or of their authorization
 * decisions, finds the sessions it concerns. Whether a session may see anything is not recorded here
 * but in the watched user's {@link AuthPolicy}.
 */
final class WatcherIndex {
    private final SharedMap<LinkedHashMap<String, String>> map;

    WatcherIndex(SharedMap<LinkedHashMap<String, String>> map) {
        this.map = map;
    }

    Future<Void> add(String watched, String sessionId, String watcher) {
        return map.compute(watched, slot -> {
            LinkedHashMap<String, String> sessions = slot.get() == null ? new LinkedHashMap<>() : slot.get();
            sessions.put(sessionId, watcher);
            slot.set(sessions);
            return null;
        });
    }

    Future<Void> remove(String watched, String sessionId) {
        return map.compute(watched, slot -> {
            LinkedHashMap<String, String> sessions = slot.get();
            if (sessions != null && sessions.remove(sessionId) != null) {
                slot.set(sessions.isEmpty() ? null : sessions);
            }
            return null;
        });
    }

    /** Session-ID → watching user, for every session subscribed to {@code watched}. */
    Future<Map<String, String>> sessions(String watched) {
        return map.get(watched).map(sessions -> sessions == null ? Map.of() : sessions);
    }
}
