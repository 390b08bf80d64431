package imps.session;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions this node owns, by Session-ID: the fast path of routing and the scope of the admin API. */
public final class LocalSessions {
    private final ConcurrentHashMap<String, SessionActor> actors = new ConcurrentHashMap<>();

    public SessionActor get(String sessionId) {
        return sessionId == null ? null : actors.get(sessionId);
    }

    public void put(SessionActor actor) {
        actors.put(actor.session().sessionId(), actor);
    }

    /**
     * Registers the actor unless another one already holds its session (two restores of one session
     * racing on two event loops of this node); true when this actor now holds it.
     */
    public boolean adopt(SessionActor actor) {
        return actors.putIfAbsent(actor.session().sessionId(), actor) == null;
    }

    public void remove(SessionActor actor) {
        actors.remove(actor.session().sessionId(), actor);
    }

    public int size() {
        return actors.size();
    }

    public Collection<SessionActor> all() {
        return actors.values();
    }
}
