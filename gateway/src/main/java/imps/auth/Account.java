package imps.auth;

import java.io.Serializable;
import java.time.Instant;

/**
 * One subscriber. {@code enabled} false means the user may not use the service (403).
 * {@code password} is the secret itself: the 4-way login digest is computed over it (PasswordDigest).
 * {@code displayName}, {@code created} and {@code changed} are null for accounts of the users file.
 */
public record Account(String userId, String password, boolean enabled, String displayName, Instant created,
                      Instant changed) implements Serializable {
    public Account(String userId, String password, boolean enabled) {
        this(userId, password, enabled, null, null, null);
    }

    /** This account with {@code change} applied at {@code now}. */
    public Account with(AccountChange change, Instant now) {
        return new Account(userId, change.password() != null ? change.password() : password,
                change.enabled() != null ? change.enabled() : enabled,
                change.displayName() != null ? change.displayName() : displayName, created, now);
    }
}
