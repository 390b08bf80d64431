package imps.session.registry;

import imps.protocol.StatusCode;

import java.util.List;

/**
 * Who may hold a new live session (OMA-TS-IMPS_CSP-V1_3 §5.1.3, §7.1; docs/conformance.md, CR 002):
 * a Client-ID is unique among a user's live sessions (608), a user holds at most
 * {@code maxSessionsPerUser} of them (610) and the service at most {@code maxSessions} (609). The
 * rule is decided here; a {@link UserSessionRegistry} applies it atomically where the user's
 * sessions are kept, so two logins racing on two nodes cannot both pass it.
 */
public record AdmissionPolicy(int maxSessionsPerUser, int maxSessions) {

    /** No limit: a session that exists already is entered again (a recovery undone). */
    public static final AdmissionPolicy UNLIMITED = new AdmissionPolicy(Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** The per-user part of a policy, where the user's sessions are kept. */
    public static AdmissionPolicy perUser(int maxSessionsPerUser) {
        return new AdmissionPolicy(maxSessionsPerUser, Integer.MAX_VALUE);
    }

    /** The service-wide part of a policy, where the count of live sessions is kept. */
    public static AdmissionPolicy serviceWide(int maxSessions) {
        return new AdmissionPolicy(Integer.MAX_VALUE, maxSessions);
    }

    /** One live session of a user as the registry keeps it. */
    public record LiveSession(String sessionId, String clientKey) {
    }

    /** Whether a session with {@code clientKey} may join the user's {@code live} sessions; null when it may. */
    public StatusCode refusal(List<LiveSession> live, String clientKey) {
        for (LiveSession s : live) {
            if (s.clientKey().equals(clientKey)) {
                return StatusCode.CLIENT_ID_NOT_UNIQUE;
            }
        }
        return live.size() >= maxSessionsPerUser ? StatusCode.USER_SESSION_LIMIT : null;
    }

    /** Whether the service, holding {@code current} live sessions, may hold one more. */
    public boolean hasRoomBeside(int current) {
        return current < maxSessions;
    }
}
