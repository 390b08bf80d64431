package imps.session;

/**
 * How the gateway chooses KeepAliveTime (OMA-TS-IMPS_CSP-V1_3 §5.3; docs/conformance.md, CR 003
 * §5.3 ¶8): never below what the client asked for as TimeToLive, raised to the configured minimum,
 * capped by the maximum.
 */
public record KeepAlivePolicy(int defaultSeconds, int minSeconds, int maxSeconds) {

    /** KeepAliveTime for a new session; {@code timeToLive} null when the client sent none. */
    public int forLogin(Integer timeToLive) {
        if (timeToLive == null || timeToLive <= 0) {
            return defaultSeconds;
        }
        return Math.min(maxSeconds, Math.max(minSeconds, timeToLive));
    }

    /** The new KeepAliveTime for a KeepAlive-Request, or -1 when it is refused (605, OMA-TS-IMPS_CSP-V1_2 §11.6.5). */
    public int forKeepAlive(int timeToLive) {
        if (timeToLive <= 0 || timeToLive > maxSeconds) {
            return -1;
        }
        return Math.max(minSeconds, timeToLive);
    }
}
