package imps.service.presence;

import imps.service.presence.AuthDecision.State;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One user's presence authorization, kept in the cluster under that user: the decision about each
 * watcher (PresenceAuth-User and CancelAuth-Request, docs/services.md §4). A watcher who is not in it is
 * undecided and sees everything: {@link PresenceAuthorization} turns a watcher into a pending one
 * whenever the user can be asked (the policy is described in docs/services.md §4).
 */
final class AuthPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, AuthDecision> decisions = new LinkedHashMap<>();

    /** Puts back a decision read from the store (AuthPolicyForm). */
    void restore(String watcher, AuthDecision decision) {
        decisions.put(watcher, decision);
    }

    /** The decision about {@code watcher}, or null while undecided. */
    AuthDecision decision(String watcher) {
        return decisions.get(watcher);
    }

    /** Every decision, in the order the watchers first appeared. */
    Map<String, AuthDecision> decisions() {
        return Collections.unmodifiableMap(decisions);
    }

    /** The attributes {@code watcher} may see now: all while undecided, the granted ones, none while asked or denied. */
    List<String> visible(String watcher) {
        AuthDecision d = decisions.get(watcher);
        if (d == null) {
            return PresenceDocument.ATTRIBUTES;
        }
        return d.state() == State.GRANTED ? d.attributes() : List.of();
    }

    /**
     * The watcher asks for {@code attributes}. An undecided watcher becomes pending; a pending one now
     * waits for what it asked before and what it asks now. A decided one stays as it is.
     *
     * @return the decision before this call; null means the user has to be asked now
     */
    AuthDecision ask(String watcher, List<String> attributes) {
        AuthDecision before = decisions.get(watcher);
        if (before == null) {
            decisions.put(watcher, new AuthDecision(State.PENDING, attributes));
        } else if (before.state() == State.PENDING) {
            LinkedHashSet<String> wider = new LinkedHashSet<>(before.attributes());
            wider.addAll(attributes);
            decisions.put(watcher, new AuthDecision(State.PENDING, List.copyOf(wider)));
        }
        return before;
    }

    /** Takes back a pending question that reached nobody: the watcher is undecided again. */
    void unask(String watcher) {
        AuthDecision d = decisions.get(watcher);
        if (d != null && d.state() == State.PENDING) {
            decisions.remove(watcher);
        }
    }

    /** Grants {@code attributes}; true when that changes what the watcher may see. */
    boolean grant(String watcher, List<String> attributes) {
        List<String> before = visible(watcher);
        decisions.put(watcher, new AuthDecision(State.GRANTED, attributes));
        return !before.equals(visible(watcher));
    }

    /** Denies the watcher everything (a rejected request, or a grant cancelled with CancelAuth). */
    void deny(String watcher) {
        decisions.put(watcher, new AuthDecision(State.DENIED, List.of()));
    }

    /** The watchers still waiting for the user's answer, with what they asked for. */
    Map<String, List<String>> pending() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        decisions.forEach((w, d) -> {
            if (d.state() == State.PENDING) {
                out.put(w, d.attributes());
            }
        });
        return out;
    }
}
