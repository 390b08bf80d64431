package imps.service.presence;

import java.io.Serializable;
import java.util.List;

/**
 * What a user decided about one watcher of their presence (reactive authorization, docs/services.md §4).
 * For a grant, {@code attributes} are those the watcher may see (the PresenceSubList of the
 * PresenceAuth-User, every attribute when it had none). For a pending question, they are what the
 * watcher asked for, as put to the user in the PresenceAuth-Request. A denial has none.
 */
record AuthDecision(State state, List<String> attributes) implements Serializable {

    enum State {
        GRANTED, DENIED, PENDING
    }

    AuthDecision {
        attributes = List.copyOf(attributes);
    }
}
