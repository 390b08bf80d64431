package imps.session.registry;

import io.vertx.core.Future;

/**
 * The live sessions of every user, kept where the rules that span sessions ({@link AdmissionPolicy})
 * can be applied atomically: two racing logins cannot both pass a check.
 */
public interface UserSessionRegistry {
    /**
     * Admits a new session under {@code policy}, or fails with the {@link imps.protocol.CspException}
     * of its refusal (608, 609 or 610) and changes nothing.
     */
    Future<Void> admit(String userId, String clientKey, String sessionId, AdmissionPolicy policy);

    /**
     * The Session-IDs of the user's live sessions, on every node. It may be answered from a copy near
     * this node that has not yet heard of a login or logout on another node a moment ago; see
     * {@link #currentSessionsOf}.
     */
    Future<java.util.List<String>> sessionsOf(String userId);

    /** {@link #sessionsOf}, read where the user's entry lives: never behind a change. */
    Future<java.util.List<String>> currentSessionsOf(String userId);

    /**
     * After a split cluster merged: enters a live session the merged registry may have lost (the
     * other side's list for its user won). Completes with false, and changes nothing, when the
     * Client-ID is held by another of the user's sessions: that one was admitted on the other side
     * while the cluster was split. Limits are not applied: the session exists already.
     */
    Future<Boolean> reassert(String userId, String clientKey, String sessionId);

    /** Removes a session that ended; unknown sessions are ignored. */
    Future<Void> release(String userId, String sessionId);
}
