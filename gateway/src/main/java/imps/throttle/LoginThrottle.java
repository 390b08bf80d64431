package imps.throttle;

import imps.config.GatewayConfig;
import imps.protocol.CspException;
import imps.protocol.StatusCode;
import imps.session.registry.WindowedCounters;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Login throttling (docs/security.md, docs/conformance.md): failed logins are counted cluster-wide
 * per source address (the sender's phone number over SMS) and per user, and a login that the counts
 * refuse gets Status 503 before its account is looked up or its password checked.
 * <ul>
 * <li>Per source first: an address with {@code maxFailuresPerSource} failures in the window is
 * refused for every user until its window ends.</li>
 * <li>Then per user: once a user has {@code maxFailuresPerUser} failures in the window, an address
 * that already failed for that user in the window is refused for it. An address with no failure for
 * the user is still checked, so an attacker's failures do not lock the user out where the user
 * logs in from; a guesser spread over many addresses gets one guess per address and window.</li>
 * </ul>
 * A limit of 0 turns its rule off. Only failures count (409 wrong password or digest, 531 unknown user; an unknown user counts for
 * the address only). Crossing a limit writes one log line, cluster-wide; the refusals are counted
 * per node ({@link #counters()}). Each address also gets at most {@code maxNoncesPerSource} 4-way
 * challenges per nonce lifetime (0 = no bound), which bounds the nonces one address can make the
 * cluster hold.
 */
public final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final String REFUSAL = "Too many failed logins; try again later";

    private final GatewayConfig.Throttle config;
    private final Duration window;
    private final Duration nonceWindow;
    private final WindowedCounters counts;
    private final LongAdder failures = new LongAdder();
    private final LongAdder refusedBySource = new LongAdder();
    private final LongAdder refusedByUser = new LongAdder();
    private final LongAdder refusedChallenges = new LongAdder();

    public LoginThrottle(GatewayConfig.Throttle config, int nonceTtlSeconds, WindowedCounters counts) {
        this.config = config;
        this.window = Duration.ofSeconds(config.windowSeconds());
        this.nonceWindow = Duration.ofSeconds(nonceTtlSeconds);
        this.counts = counts;
    }

    /** Fails with 503 when the counts refuse a login of {@code userId} from {@code source}; the password is not looked at. */
    public Future<Void> admit(String source, String userId) {
        if (!config.enabled()) {
            return Future.succeededFuture();
        }
        Future<Integer> bySource = counts.count(sourceKey(source));
        Future<Integer> byUser = counts.count(userKey(userId));
        return Future.all(bySource, byUser).compose(both -> {
            if (limited(config.maxFailuresPerSource(), bySource.result())) {
                refusedBySource.increment();
                return refused();
            }
            if (!limited(config.maxFailuresPerUser(), byUser.result())) {
                return Future.succeededFuture();
            }
            return counts.count(pairKey(userId, source)).compose(failedHere -> {
                if (failedHere == 0) {
                    return Future.succeededFuture();
                }
                refusedByUser.increment();
                return refused();
            });
        });
    }

    /**
     * A login failed (409, or 531 with {@code knownUser} false): counted for the address, and for the
     * user and the pair when the user exists. Completes once the counts are in, so the next attempt,
     * on any node, sees them.
     */
    public Future<Void> failed(String source, String userId, boolean knownUser) {
        if (!config.enabled()) {
            return Future.succeededFuture();
        }
        failures.increment();
        Future<Void> address = counts.increment(sourceKey(source), window).map(n -> {
            if (n == config.maxFailuresPerSource()) {
                log.warn("login throttle: {} failed logins from {} within {} s; its logins get 503 until the window ends",
                        n, source(source), config.windowSeconds());
            }
            return null;
        });
        if (!knownUser) {
            return address;
        }
        Future<Void> user = counts.increment(userKey(userId), window).map(n -> {
            if (n == config.maxFailuresPerUser()) {
                log.warn("login throttle: {} failed logins for user {} within {} s; addresses that failed for it get 503 "
                        + "until the window ends", n, userId, config.windowSeconds());
            }
            return null;
        });
        Future<Integer> pair = counts.increment(pairKey(userId, source), window);
        return Future.all(address, user, pair).mapEmpty();
    }

    /** A 4-way challenge is about to be issued to {@code source}: fails with 503 beyond the address's allowance. */
    public Future<Void> challengeIssued(String source) {
        if (!config.enabled() || config.maxNoncesPerSource() <= 0) {
            return Future.succeededFuture();
        }
        return counts.increment("nonce\n" + source(source), nonceWindow).compose(n -> {
            if (n > config.maxNoncesPerSource()) {
                refusedChallenges.increment();
                return refused();
            }
            return Future.succeededFuture();
        });
    }

    /** This node's counts since it started. */
    public Counters counters() {
        return new Counters(failures.sum(), refusedBySource.sum(), refusedByUser.sum(), refusedChallenges.sum());
    }

    /** Failed logins recorded, and logins and challenges refused by each rule, on one node. */
    public record Counters(long failures, long refusedBySource, long refusedByUser, long refusedChallenges) {
    }

    /** Whether {@code count} failures reach {@code max}; a limit of 0 or less is no limit. */
    private static boolean limited(int max, int count) {
        return max > 0 && count >= max;
    }

    private static Future<Void> refused() {
        return Future.failedFuture(new CspException(StatusCode.SERVICE_UNAVAILABLE, REFUSAL));
    }

    private static String source(String source) {
        return source == null || source.isBlank() ? "unknown" : source;
    }

    private static String sourceKey(String source) {
        return "source\n" + source(source);
    }

    private static String userKey(String userId) {
        return "user\n" + userId;
    }

    private static String pairKey(String userId, String source) {
        return "pair\n" + userId + '\n' + source(source);
    }
}
