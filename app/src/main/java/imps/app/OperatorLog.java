package imps.app;

import imps.protocol.StatusCode;
import imps.session.EndCause;
import imps.telemetry.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per session event an operator must know of (docs/operations.md "Logs"): a login
 * refused (with its code), a forced logout (601), a session taken over from a node that left. What
 * happens to every session all the time (logins admitted, expiry, polls) is counted, not logged.
 * Lines name users and sessions, never a password, a digest or a message body: none of those reach
 * this seam. A node with metrics on counts everything as well ({@link MeteredTelemetry}).
 */
class OperatorLog implements Telemetry {
    private static final Logger log = LoggerFactory.getLogger("imps.events");

    @Override
    public void login(LoginKind kind, int code, String userId) {
        if (code != StatusCode.OK.code() && code != StatusCode.UNAUTHORIZED.code()) {
            StatusCode known = StatusCode.fromCode(code);
            log.info("login refused: user={} kind={} code={}{}", printable(userId), kind.label(), code,
                    known == null ? "" : " (" + known.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    @Override
    public void sessionEnded(EndCause cause, String sessionId, String userId) {
        if (cause == EndCause.FORCED_LOGOUT) {
            log.info("session disconnected: code=601 user={} session={}", userId, sessionId);
        }
    }

    @Override
    public void takeover(String sessionId, String fromNode) {
        log.info("session taken over: session={} from={} (that node left the cluster)", sessionId, fromNode);
    }

    /** A value a client chose, made safe for one log line: no control characters, at most 80 characters. */
    static String printable(String value) {
        if (value == null) {
            return null;
        }
        String clipped = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return clipped.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
