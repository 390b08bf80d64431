package imps.session;

import java.util.Locale;

/**
 * How long an ended session's context is kept (OMA-TS-IMPS_CSP-V1_3 §5.3; docs/conformance.md): a
 * server-wide setting from 0 (off) to infinite, by default 5 × the session's last KeepAliveTime, at
 * least 10 minutes and at most 24 hours (the recommendation of OMA-TS-IMPS_CSP_Transport §6).
 */
public record RetentionPolicy(Mode mode, long fixedSeconds) {
    public enum Mode { AUTO, FIXED, INFINITE }

    private static final long AUTO_MIN = 600;
    private static final long AUTO_MAX = 86_400;

    public static RetentionPolicy parse(String setting) {
        String s = setting == null ? "auto" : setting.trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "auto", "" -> new RetentionPolicy(Mode.AUTO, 0);
            case "infinite" -> new RetentionPolicy(Mode.INFINITE, 0);
            default -> {
                long seconds = Long.parseLong(s);
                if (seconds < 0) {
                    throw new IllegalArgumentException("session.retention must not be negative");
                }
                yield new RetentionPolicy(Mode.FIXED, seconds);
            }
        };
    }

    public boolean enabled() {
        return mode != Mode.FIXED || fixedSeconds > 0;
    }

    /** Seconds to keep a context whose last KeepAliveTime was {@code keepAliveSeconds}; Long.MAX_VALUE = forever. */
    public long secondsFor(int keepAliveSeconds) {
        return switch (mode) {
            case AUTO -> Math.min(AUTO_MAX, Math.max(AUTO_MIN, 5L * keepAliveSeconds));
            case FIXED -> fixedSeconds;
            case INFINITE -> Long.MAX_VALUE;
        };
    }
}
