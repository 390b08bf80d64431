package imps.telemetry;

import imps.session.EndCause;

/**
 * What the gateway reports about itself while it works: the session core, the router, the bearers and
 * the services call this seam, and the node decides what becomes of it (counters and histograms on the
 * management port's {@code /metrics}, one log line per event an operator must know of; docs/operations.md).
 * Nothing behind it may block or fail the caller. The default does nothing, for tests and for a node
 * whose metrics are off. Labels are bounded: primitive names from the protocol's table, status codes
 * from the status-code table, a handful of causes and methods.
 */
public interface Telemetry {
    Telemetry NONE = new Telemetry() {
    };

    /** How a client logged in (the second round of a 4-way login and its challenge round count alike). */
    enum LoginKind {
        TWO_WAY("2-way"), FOUR_WAY("4-way"), RECOVERY("recovery");

        private final String label;

        LoginKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A Login-Request was answered with {@code code} (200 admitted, 401 a 4-way challenge, others refused). */
    default void login(LoginKind kind, int code, String userId) {
    }

    /** A live session ended. */
    default void sessionEnded(EndCause cause, String sessionId, String userId) {
    }

    /**
     * A message from a client was answered: its first primitive (a request name, or "other"), the
     * Result code of the answer and how long the gateway took, router to router.
     */
    default void transaction(String primitive, int code, long nanos) {
    }

    /** A server-initiated primitive was queued for a session. */
    default void queued() {
    }

    /** A server-initiated primitive was refused because the session's queue was full (507). */
    default void queueFull() {
    }

    /** A Polling-Request handed a server transaction out; {@code cir}: how the client was woken (STCP, SSMS, none). */
    default void delivered(String cir) {
    }

    /** A Polling-Request; {@code empty} when it found nothing to collect. */
    default void poll(boolean empty) {
    }

    /** A CIR wake-up went out ({@code method}: STCP, SSMS, or SHTTP for a standalone HTTP CIR answered 200). */
    default void cirWakeUp(String method) {
    }

    /** A message was forwarded to the node that owns its session. */
    default void ownerForward() {
    }

    /** This node took a session over from {@code fromNode}, which had left the cluster. */
    default void takeover(String sessionId, String fromNode) {
    }

    /** A session context or a change of its queue was replicated to the cluster (or failed to be). */
    default void replicaWrite(long nanos, boolean ok) {
    }

    /**
     * A session's queue replica refused a change made against another version, and the whole queue
     * was sent instead: a change was lost on the way, or a copy of the session left on another node
     * wrote to it (docs/cluster.md, "Replication").
     */
    default void queueReplicaRefused() {
    }

    /** The HTTP bearer answered with {@code status}. */
    default void httpResponse(int status) {
    }

    /** A bearer received something in {@code syntax} (XML, PTS) that could not be decoded. */
    default void decodeFailure(String syntax) {
    }
}
